/** How alike two titles are, 0…1, ignoring case, punctuation, accents and spacing. */
import { normalizeTitle } from "../core/index.js";

export { normalizeTitle };

// Two rows of the edit-distance table, kept between calls (resolve compares thousands of titles).
let rows: [Uint32Array, Uint32Array] = [new Uint32Array(128), new Uint32Array(128)];

/** Edit distance by UTF-16 code unit (one insertion, deletion or substitution each costs 1). */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Uint32Array(n + 1), new Uint32Array(n + 1)];
  let [prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = c === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
    const done = prev;
    prev = cur;
    cur = done;
  }
  return prev[n] as number;
}

/**
 * `titleSimilarity` of two titles already passed through `normalizeTitle` (a caller comparing
 * one title with many normalizes it once).
 * @example normalizedSimilarity(normalizeTitle(a), normalizeTitle(b)) === titleSimilarity(a, b)
 */
export function normalizedSimilarity(x: string, y: string): number {
  if (x === "" || y === "") return 0;
  const longer = Math.max(x.length, y.length);
  return Math.round((1 - levenshtein(x, y) / longer) * 1000) / 1000;
}

/**
 * 1 − edit distance / longer length, on normalized titles.
 * @example titleSimilarity("Attention Is All You Need", "Attention is All you Need") === 1
 */
export function titleSimilarity(a: string, b: string): number {
  return normalizedSimilarity(normalizeTitle(a), normalizeTitle(b));
}

/** At or above this, a title match is applied without asking; below, the person confirms. */
export const AUTO_ACCEPT_SIMILARITY = 0.9;

export function formatConfidence(c: number): string {
  return `${Math.round(c * 100)}%`;
}
