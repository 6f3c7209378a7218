/** How alike two titles are, 0…1, ignoring case, punctuation, accents and spacing. */
import { normalizeTitle } from "../core/index.js";

export { normalizeTitle };

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * 1 − edit distance / longer length, on normalized titles.
 * @example titleSimilarity("Attention Is All You Need", "Attention is All you Need") === 1
 */
export function titleSimilarity(a: string, b: string): number {
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (x === "" || y === "") return 0;
  const longer = Math.max(x.length, y.length);
  return Math.round((1 - levenshtein(x, y) / longer) * 1000) / 1000;
}

/** At or above this, a title match is applied without asking; below, the person confirms. */
export const AUTO_ACCEPT_SIMILARITY = 0.9;

export function formatConfidence(c: number): string {
  return `${Math.round(c * 100)}%`;
}
