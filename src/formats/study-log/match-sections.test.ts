import { describe, expect, it } from "vitest";
import { alignSections, pairScore, titleSimilarity } from "./match-sections.js";

describe("titleSimilarity", () => {
  it("ignores punctuation and case", () => {
    expect(titleSimilarity("GPT，GPT-2，GPT-3 论文精读", "GPT, GPT-2, GPT-3 精读")).toBeGreaterThan(
      0.8,
    );
    expect(titleSimilarity("ResNet", "Transformer")).toBeLessThan(0.2);
  });
});

describe("alignSections", () => {
  it("pairs by title and runtime in order and leaves the extra row alone", () => {
    const sections = [
      { title: "AlexNet【上】", runtime: 1139 },
      { title: "AlexNet【下】", runtime: 3321 },
      { title: "OpenAI Whisper 精读", runtime: 4336 },
    ];
    const rows = [
      { title: "AlexNet", runtime: 1199 },
      { title: "AlexNet 论文逐段精读", runtime: 3321 },
      { title: "在讲 OpenAI Whisper 前先做了一个剪视频小工具", runtime: 1419 },
      { title: "OpenAI Whisper 精读", runtime: 4336 },
    ];
    const pairs = alignSections(sections, rows).map(({ section, row }) => [section, row]);
    expect(pairs).toEqual([
      [0, 0],
      [1, 1],
      [undefined, 2],
      [2, 3],
    ]);
  });
  it("leaves a section unmatched when no row resembles it", () => {
    const pairs = alignSections(
      [{ title: "Totally different", runtime: 100 }],
      [{ title: "Other thing", runtime: 5000 }],
    );
    expect(pairs).toEqual([{ section: 0 }, { row: 0 }]);
  });
  it("scores a one-minute runtime typo lower than an exact runtime", () => {
    const a = pairScore({ title: "x y", runtime: 100 }, { title: "x y", runtime: 100 });
    const b = pairScore({ title: "x y", runtime: 100 }, { title: "x y", runtime: 160 });
    expect(a).toBeGreaterThan(b);
  });
});
