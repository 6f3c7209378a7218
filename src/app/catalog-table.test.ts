import { describe, expect, it } from "vitest";
import { facetQuery } from "./catalog-table.js";

describe("facetQuery", () => {
  it("gives back every value, whatever it holds, when read as the filter reads it", () => {
    const facets = {
      category: ["计算机视觉-cnn", "nlp"],
      tag: ["a b", "x&y=z", "1+1", "100%", '"quoted"', "tab\there", "残差", "%E6"],
    };
    const read = new URLSearchParams(facetQuery(facets));
    expect(read.getAll("category")).toEqual(facets.category);
    expect(read.getAll("tag")).toEqual(facets.tag);
    expect([...new Set(read.keys())]).toEqual(["category", "tag"]);
  });

  it("keeps plain values as they are and writes nothing for empty facets", () => {
    expect(facetQuery({ category: ["c01"], tag: [] })).toBe("category=c01");
    expect(facetQuery({ category: [], tag: ["残差"] })).toBe("tag=残差");
    expect(facetQuery({ category: [], tag: [] })).toBe("");
  });
});
