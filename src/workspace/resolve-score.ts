/**
 * How surely a found paper is the one a library entry names: the scores `jingdu resolve` fills
 * by (at or above the threshold) or asks with (docs/cli.md, `jingdu resolve`).
 */
import { normalizeTitle, type Paper } from "../core/index.js";
import type { S2PaperData } from "../sources/index.js";

/** How surely `found` is `paper`: title likeness, or for a short name its words in the title; the year agrees or not. */
export function scoreCandidate(
  paper: Pick<Paper, "short" | "title" | "year">,
  found: Pick<S2PaperData, "title" | "year">,
  similarity: (a: string, b: string) => number,
): number {
  const title = found.title ?? "";
  let score: number;
  if (paper.title) score = similarity(paper.title, title);
  else {
    const name = normalizeTitle(paper.short).replace(/\s+/g, "");
    const words = normalizeTitle(title).split(" ");
    const squeezed = words.join("");
    // `VGG` rarely is in its title ("Very Deep Convolutional Networks…"): the person confirms.
    score = words.includes(normalizeTitle(paper.short))
      ? 0.75
      : squeezed.includes(name)
        ? 0.6
        : 0.4;
    if (similarity(paper.short, title) >= 0.9) score = 0.95;
  }
  if (paper.year !== undefined && found.year !== undefined) {
    score += found.year === paper.year ? 0.03 : Math.abs(found.year - paper.year) === 1 ? 0 : -0.2;
  }
  return Math.max(0, Math.min(1, score));
}

/**
 * `scoreCandidate` with the paper's side normalized once: the scorer of one paper's candidates
 * (`similarity` compares titles already normalized: `normalizedSimilarity`). Held equal to
 * `scoreCandidate` by a differential test (resolve-score.test.ts).
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
