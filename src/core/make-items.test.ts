import { describe, expect, it } from "vitest";
import { makeCourse, makeEpisode, makeLibrary, makePaper } from "./make-items.js";
import { paperSchema } from "./schemas.js";

describe("makePaper and friends", () => {
  it("fill every field the schema has a default for, as a loaded file would have it", () => {
    const { id: _none, ...fromFile } = paperSchema.parse({ short: "resnet" });
    expect(makePaper({ id: "resnet" })).toEqual({ ...fromFile, id: "resnet", notes: "" });
    expect(makePaper({ id: "resnet", short: "ResNet", year: 2015 })).toMatchObject({
      short: "ResNet",
      year: 2015,
      authors: [],
      covered: false,
    });
  });

  it("give each item lists of its own", () => {
    const a = makePaper({ id: "a" });
    a.authors.push("Someone");
    expect(makePaper({ id: "b" }).authors).toEqual([]);
  });

  it("build courses, episodes and libraries with the schemas' defaults", () => {
    expect(makeCourse({ id: "limu" })).toMatchObject({
      title: "limu",
      source: { kind: "manual" },
      tags: [],
      episodes: [],
    });
    expect(makeEpisode({ courseId: "limu", number: 3 })).toMatchObject({
      title: "#3",
      videos: [],
      papers: [],
      notes: "",
    });
    expect(makeLibrary().settings).toEqual({ title: "test", language: "zh", version: 1 });
  });
});
