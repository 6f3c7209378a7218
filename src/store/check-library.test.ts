import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { checkLibrary } from "./check-library.js";
import { loadLibrary } from "./load-library.js";

const PLANTED = "test/fixtures/libraries/planted problems";
const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

describe("loadLibrary + checkLibrary on a library with planted problems", () => {
  it("reports each problem with the right file, line and rule, and loads the rest", async () => {
    const loaded = await loadLibrary(PLANTED);
    const all = [...loaded.diagnostics, ...checkLibrary(loaded)];
    const where = all.map((d) => `${d.file}:${d.line} ${d.level} ${d.rule}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "papers/broken-yaml.md:3 error yaml-syntax",
        "papers/code-fence.md:1 error front-matter-code",
        "papers/custom-tag.md:2 error yaml-custom-tag",
        "papers/resnet-copy.md:2 error id-mismatch",
        "papers/resnet-copy.md:2 error duplicate-id",
        "papers/resnet-copy.md:4 error duplicate-paper",
        "papers/resnet-copy.md:7 warning category-unknown",
        "categories.yaml:5 error duplicate-category",
        "courses/limu/episodes/001.md:5 error paper-missing",
        "courses/limu/episodes/002.md:2 error duplicate-episode",
        "courses/limu/episodes/002.md:4 error runtime-invalid",
        "courses/limu/episodes/002.md:5 error date-invalid",
        "courses/limu/episodes/002.md:6 warning unknown-key",
        "progress.yaml:4 warning progress-orphan",
        "progress.yaml:5 warning progress-orphan",
        "progress.yaml:8 warning progress-orphan",
      ]),
    );
    expect(all.every((d) => d.hint !== undefined && d.hint !== "")).toBe(true);
    // Unusable files are skipped; the rest loads, an invalid optional field is left out.
    expect(loaded.library.papers.map((p) => p.id)).toEqual(["resnet", "resnet-copy"]);
    const episodes = loaded.library.courses[0]?.episodes ?? [];
    expect(episodes.map((e) => [e.number, e.title, e.runtime, e.date])).toEqual([
      [1, "如何读论文", 399, undefined],
      [1, "又是第一集", undefined, undefined],
    ]);
    expect(loaded.library.settings.title).toBe("有问题的库");
  });

  it("reports nothing for a clean library", async () => {
    const { richLibrary, writeTempLibrary } = await import(
      "../../test/fixtures/libraries/sample-libraries.js"
    );
    const { libraryFiles } = await import("./serialize.js");
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    roots.push(root);
    const loaded = await loadLibrary(root);
    expect([...loaded.diagnostics, ...checkLibrary(loaded)]).toEqual([]);
  });

  it("warns about an unknown key once per key, counting the other files", async () => {
    const { writeTempLibrary } = await import("../../test/fixtures/libraries/sample-libraries.js");
    const files = new Map([["jingdu.yaml", "title: t\n"]]);
    for (const id of ["a", "b", "c"])
      files.set(`papers/${id}.md`, `---\nshort: ${id}\nstars: 5\n---\n`);
    const root = await writeTempLibrary(files);
    roots.push(root);
    const loaded = await loadLibrary(root);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        rule: "unknown-key",
        file: "papers/a.md",
        line: 3,
        message: expect.stringContaining("2 more files"),
      }),
    ]);
    expect(loaded.library.papers).toHaveLength(3);
  });

  it("throws notALibrary without jingdu.yaml", async () => {
    await expect(loadLibrary("test/fixtures/libraries")).rejects.toMatchObject({
      code: "not-a-library",
    });
  });
});
