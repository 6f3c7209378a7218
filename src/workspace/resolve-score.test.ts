/**
 * The scorer of `findCandidates` (each paper's title and short name normalized once, the
 * edit-distance rows reused) against the plain definition of the score (`plainScore` below: both
 * sides normalized on every comparison, the plain title similarity): the same confidence for
 * every paper and candidate, over many random titles.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTitle, type Paper } from "../core/index.js";
import { normalizedSimilarity, type S2PaperData, titleSimilarity } from "../sources/index.js";
import { candidateScorer } from "./resolve-score.js";

/** The score as docs/cli.md defines it, written plainly: what the scorer must equal. */
function plainScore(
  paper: Pick<Paper, "short" | "title" | "year">,
  found: Pick<S2PaperData, "title" | "year">,
): number {
  const title = found.title ?? "";
  let score: number;
  if (paper.title) score = titleSimilarity(paper.title, title);
  else {
    const name = normalizeTitle(paper.short).replace(/\s+/g, "");
    const words = normalizeTitle(title).split(" ");
    score = words.includes(normalizeTitle(paper.short))
      ? 0.75
      : words.join("").includes(name)
        ? 0.6
        : 0.4;
    if (titleSimilarity(paper.short, title) >= 0.9) score = 0.95;
  }
  if (paper.year !== undefined && found.year !== undefined) {
    score += found.year === paper.year ? 0.03 : Math.abs(found.year - paper.year) === 1 ? 0 : -0.2;
  }
  return Math.max(0, Math.min(1, score));
}

const WORDS = [
  "Deep",
  "deep",
  "Residual",
  "Learning",
  "for",
  "Image",
  "Recognition",
  "VGG",
  "ResNet",
  "MoCo",
  "v2",
  "MoCov2",
  "Very",
  "Convolutional",
  "Networks",
  "Attention",
  "Is",
  "All",
  "You",
  "Need",
  "É",
  "Café",
  "naïve",
  "注意力",
  "残差",
  "3D",
  "x",
  "",
];
const SEPARATORS = [" ", "  ", "-", ": ", ", ", "—", "", "(", ")"];
const text = (maxWords: number) =>
  fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
      maxLength: maxWords,
    })
    .map((parts) => parts.map(([w, s]) => w + s).join(""));
const year = fc.option(fc.integer({ min: 2010, max: 2024 }), { nil: undefined });
const paper = fc.record({
  short: text(3),
  title: fc.option(text(12), { nil: undefined }),
  year,
});
const found = fc.record({ title: fc.option(text(16), { nil: undefined }), year });

describe("candidateScorer", () => {
  it("scores every candidate as the plain definition does", () => {
    fc.assert(
      fc.property(paper, fc.array(found, { minLength: 1, maxLength: 8 }), (p, candidates) => {
        const score = candidateScorer(p, normalizedSimilarity);
        for (const c of candidates) {
          expect(score(c)).toBe(plainScore(p, c));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the scores a person sees: a full title, a short name inside a title, a wrong year", () => {
    const transformer = { short: "Transformer", title: "Attention Is All You Need", year: 2017 };
    const score = candidateScorer(transformer, normalizedSimilarity);
    expect(score({ title: "Attention is all you need", year: 2017 })).toBe(1);
    expect(score({ title: "Attention is all you need", year: 2012 })).toBeCloseTo(0.8, 6);
    const moco = candidateScorer({ short: "MoCov2", year: 2020 }, normalizedSimilarity);
    expect(moco({ title: "Improved Baselines with MoCov2", year: 2020 })).toBeCloseTo(0.78, 6);
    expect(moco({ title: "Momentum Contrast (MoCo v2)", year: 2020 })).toBeCloseTo(0.63, 6);
    expect(moco({ title: "Something else", year: 2020 })).toBeCloseTo(0.43, 6);
  });
});
