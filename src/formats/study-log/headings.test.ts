import { describe, expect, it } from "vitest";
import { findRuntimeLine, parseEpisodeHeading } from "./headings.js";

describe("parseEpisodeHeading", () => {
  it("reads a trailing runtime", () => {
    expect(parseEpisodeHeading("如何读论文 06:39")).toEqual({ title: "如何读论文", runtime: 399 });
    expect(parseEpisodeHeading("Transformer 1:27:05")).toEqual({
      title: "Transformer",
      runtime: 5225,
    });
  });
  it("reads a numbered part with label and runtime", () => {
    expect(parseEpisodeHeading("P16 [2.11.1] -- 支持向量机（兵王问题程序设计） 08:39")).toEqual({
      title: "支持向量机（兵王问题程序设计）",
      number: 16,
      label: "P16 [2.11.1]",
      runtime: 519,
    });
  });
  it("keeps a time-shaped invalid runtime in the title", () => {
    expect(parseEpisodeHeading("Broken 61:99")).toEqual({
      title: "Broken 61:99",
      invalidRuntime: "61:99",
    });
  });
  it("does not take numbers or words starting with P for runtimes or parts", () => {
    expect(parseEpisodeHeading("如何找研究想法 1")).toEqual({ title: "如何找研究想法 1" });
    expect(parseEpisodeHeading("Pathways 论文精读")).toEqual({ title: "Pathways 论文精读" });
    expect(parseEpisodeHeading("P2P networks")).toEqual({ title: "P2P networks" });
  });
});

describe("findRuntimeLine", () => {
  const lines = ["", "para", "[link](x)", "", "1:00:22", "notes", "### sub", "10:00"];
  it("finds the first lone time line after paragraphs and links", () => {
    expect(findRuntimeLine(lines, new Set(), 0, lines.length)).toBe(4);
  });
  it("stops at a sub-heading and after too many lines", () => {
    expect(findRuntimeLine(lines, new Set(), 5, lines.length)).toBeUndefined();
    expect(findRuntimeLine(lines, new Set(), 0, lines.length, 2)).toBeUndefined();
  });
});
