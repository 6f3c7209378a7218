/** The edit distance behind `titleSimilarity` against the whole table, computed plainly. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizedSimilarity, normalizeTitle, titleSimilarity } from "./title-similarity.js";

/** Levenshtein distance by the full (a+1)×(b+1) table: the textbook definition. */
function tableDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const plainSimilarity = (a: string, b: string) => {
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (x === "" || y === "") return 0;
  return Math.round((1 - tableDistance(x, y) / Math.max(x.length, y.length)) * 1000) / 1000;
};

describe("titleSimilarity", () => {
  it("is 1 − edit distance / longer length on normalized titles", () => {
    expect(titleSimilarity("kitten", "sitting")).toBe(Math.round((1 - 3 / 7) * 1000) / 1000);
    expect(titleSimilarity("ResNet", "")).toBe(0);
    expect(titleSimilarity("Café", "cafe")).toBe(1);
  });

  it("agrees with the whole table for any titles, short and long, one after another", () => {
    // Lengths up to 300 cross the rows kept between calls (grown past 128), in any order.
    const title = fc.string({
      unit: fc.constantFrom("a", "b", "c", " ", "É", "注", "-"),
      maxLength: 300,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(title, title), { minLength: 1, maxLength: 4 }), (pairs) => {
        for (const [a, b] of pairs) {
          expect(titleSimilarity(a, b)).toBe(plainSimilarity(a, b));
          expect(normalizedSimilarity(normalizeTitle(a), normalizeTitle(b))).toBe(
            titleSimilarity(a, b),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
