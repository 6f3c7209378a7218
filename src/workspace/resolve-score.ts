/**
 * How surely a found paper is the one a library entry names: the scores `jingdu resolve` fills
 * by (at or above the threshold) or asks with (docs/cli.md, `jingdu resolve`).
 */
import { normalizeTitle, type Paper } from "../core/index.js";
import type { S2PaperData } from "../sources/index.js";

/**
 * The scorer of one paper's candidates: how surely a found paper is `paper` — title likeness,
 * or for a short name its words in the title; the year agrees or not. The paper's side is
 * normalized once (`similarity` compares titles already normalized: `normalizedSimilarity`).
 * Held equal to the plain definition (both sides normalized on every comparison) by a
 * differential test (resolve-score.test.ts).
 * @example const score = candidateScorer(paper, normalizedSimilarity); score(found)
 */
export function candidateScorer(
  paper: Pick<Paper, "short" | "title" | "year">,
  similarity: (x: string, y: string) => number,
): (found: Pick<S2PaperData, "title" | "year">) => number {
  const title = paper.title ? normalizeTitle(paper.title) : undefined;
  const short = normalizeTitle(paper.short);
  const name = short.replace(/\s+/g, "");
  return (found) => {
    const t = normalizeTitle(found.title ?? "");
    let score: number;
    if (title !== undefined) score = similarity(title, t);
    else {
      const words = t.split(" ");
      // `VGG` rarely is in its title ("Very Deep Convolutional Networks…"): the person confirms.
      score = words.includes(short) ? 0.75 : words.join("").includes(name) ? 0.6 : 0.4;
      if (similarity(short, t) >= 0.9) score = 0.95;
    }
    if (paper.year !== undefined && found.year !== undefined) {
      score +=
        found.year === paper.year ? 0.03 : Math.abs(found.year - paper.year) === 1 ? 0 : -0.2;
    }
    return Math.max(0, Math.min(1, score));
  };
}
