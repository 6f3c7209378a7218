import { describe, expect, it } from "vitest";
import { facetPairs } from "./catalog-table.js";

describe("facetPairs", () => {
  it("gives back every value, whatever it holds, when read as the filter reads it", () => {
    const facets = {
      category: ["计算机视觉-cnn", "nlp"],
      tag: ["a b", "x&y=z", "1+1", "100%", '"quoted"', "tab\there", "残差", "%E6"],
    };
    const read = new URLSearchParams(facetPairs(facets).join("&"));
    expect(read.getAll("category")).toEqual(facets.category);
    expect(read.getAll("tag")).toEqual(facets.tag);
    expect([...new Set(read.keys())]).toEqual(["category", "tag"]);
  });

  it("keeps plain values as they are and writes nothing for empty facets", () => {
    expect(facetPairs({ category: ["c01"], tag: [] })).toEqual(["category=c01"]);
    expect(facetPairs({ category: [], tag: ["残差", "a b"] })).toEqual(["tag=残差", "tag=a%20b"]);
    expect(facetPairs({ category: [], tag: [] })).toEqual([]);
  });
});
