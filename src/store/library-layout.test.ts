import { describe, expect, it } from "vitest";
import { changeKind, libraryFileRole } from "./library-layout.js";

describe("libraryFileRole", () => {
  it("knows the library's files by their paths alone", () => {
    expect(libraryFileRole("papers/resnet.md")).toEqual({ kind: "paper", paperId: "resnet" });
    expect(libraryFileRole("courses/limu/episodes/007.md")).toEqual({
      kind: "episode",
      courseId: "limu",
      fileNumber: 7,
    });
    expect(libraryFileRole("progress.yaml")).toEqual({ kind: "progress" });
    expect(libraryFileRole("papers/notes/resnet.md")).toBeUndefined();
    expect(libraryFileRole("papers/.resnet.md")).toBeUndefined();
  });
});

describe("changeKind (what a change on disk means for a loaded library)", () => {
  it("tells a library file, a folder, a site input and what the library never reads apart", () => {
    for (const path of [
      "papers/resnet.md",
      "courses/limu/course.md",
      "courses/limu/episodes/001.md",
      "jingdu.yaml",
      "reviews.yaml",
    ]) {
      expect(changeKind(path), path).toBe("library");
    }
    for (const path of ["courses/new-course", "courses/limu/episodes", "papers"]) {
      expect(changeKind(path), path).toBe("other");
    }
    for (const path of [
      "metadata/semantic-scholar.jsonl",
      "files/gan/figure.png",
      "snapshots/links.jsonl",
    ]) {
      expect(changeKind(path), path).toBe("site");
    }
    for (const path of [
      "papers/4913",
      "papers/.resnet.md.swp",
      "courses/limu/.course.md.swp",
      "notes.txt",
      ".jingdu/index.sqlite",
      ".git/index",
      "courses/limu/cover.png",
      "courses/limu/episodes/001.md~",
    ]) {
      expect(changeKind(path), path).toBe("none");
    }
  });
});
