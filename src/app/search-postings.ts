import { SEARCH_FIELDS } from "../core/index.js";

/**
 * The split index's postings lists as numbers (search-split.ts): `tf` codes (a term's count in
 * title, summary and body as `title·10⁴ + summary·10² + body`), unions and the impact order
 * long lists are paged in. Made once per build over every list, so each is a loop over numbers.
 */

/** Term frequencies are stored up to this (ranking saturates long before). */
export const TF_CAP = 99;

/**
 * Which items hold a paged token (`NAME.m.json`): a query that needs to know whether an item it
 * has seen elsewhere holds the token reads this instead of every page. One bit an item (base64)
 * for a token in many items; for one in few, their numbers as deltas, where a bitmap of every
 * item would be larger (and the bitmaps, one per paged term, would grow with the square of the
 * items: some 150 MB at 100,000 items).
 */
export function itemsFile(list: readonly number[], itemCount: number): string {
  const numbers: number[] = [];
  for (let i = 0, last = 0; i < list.length; i += 2) {
    numbers.push((list[i] as number) - last);
    last = list[i] as number;
  }
  const sparse = JSON.stringify(numbers);
  if (sparse.length <= 4 * Math.ceil(itemCount / 24) + 2) return `${sparse}\n`;
  const bits = new Uint8Array(Math.ceil(itemCount / 8));
  for (let i = 0; i < list.length; i += 2) {
    const n = list[i] as number;
    bits[n >> 3] = (bits[n >> 3] as number) | (1 << (n & 7));
  }
  return `${JSON.stringify(Buffer.from(bits).toString("base64"))}\n`;
}

/** Two `tf` codes added field by field, each field capped. */
export function addCounts(a: number, b: number): number {
  const title = Math.min(TF_CAP, Math.floor(a / 10_000) + Math.floor(b / 10_000));
  const summary = Math.min(TF_CAP, (Math.floor(a / 100) % 100) + (Math.floor(b / 100) % 100));
  return title * 10_000 + summary * 100 + Math.min(TF_CAP, (a % 100) + (b % 100));
}

/** Lists `[n, tf, …]` as one: each item's field-by-field most, by n ascending. */
export function unionOf(lists: Iterable<number[]>): number[] {
  let last = -1;
  const all = [...lists];
  for (const list of all) last = Math.max(last, list[list.length - 2] as number);
  // By item number: a tf code is never 0 (a term is in an item or not listed), so 0 is "none".
  const most = new Int32Array(last + 1);
  for (const list of all) {
    for (let i = 0; i < list.length; i += 2) {
      const n = list[i] as number;
      const had = most[n] as number;
      most[n] = had === 0 ? (list[i + 1] as number) : maxCounts(had, list[i + 1] as number);
    }
  }
  const out: number[] = [];
  for (let n = 0; n <= last; n++) if (most[n] !== 0) out.push(n, most[n] as number);
  return out;
}

/** Two `tf` codes' field-by-field most. */
export function maxCounts(a: number, b: number): number {
  const title = Math.max(Math.floor(a / 10_000), Math.floor(b / 10_000));
  const summary = Math.max(Math.floor(a / 100) % 100, Math.floor(b / 100) % 100);
  return title * 10_000 + summary * 100 + Math.max(a % 100, b % 100);
}

/** `[n, tf, …]` by n ascending, as deltas (most ids then take one or two digits). */
export function deltas(list: readonly number[]): number[] {
  const out = [...list];
  for (let i = out.length - 2; i >= 2; i -= 2) out[i] = (out[i] as number) - (out[i - 2] as number);
  return out;
}

/**
 * A long postings list in impact order, cut into pages (the first `first` postings, then `size`
 * each), each page by document ascending. The order is the one a query of this term alone ranks
 * by (search-query.ts): title or summary first, then the weighted count of the tier's fields,
 * then the later item.
 */
export function impactPages(list: readonly number[], first: number, size: number): number[][] {
  const [wt, ws, wb] = FIELD_WEIGHTS as [number, number, number];
  const count = list.length / 2;
  // Each posting's place in impact order as one number, sorted natively (a comparator called
  // n·log n times costs seconds over a 100,000-item site's long lists): its tier and weight
  // as a rank among the list's distinct ones, then the later item first. The list is by item
  // ascending, so the later item is the later posting `i`.
  const weight = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const tf = list[2 * i + 1] as number;
    const head = wt * Math.floor(tf / 10_000) + ws * (Math.floor(tf / 100) % 100);
    // Tier 1 by its weight, above (sorted before) every tier 2 weight.
    weight[i] = head > 0 ? -head - 1 - wb * TF_CAP : -wb * (tf % 100);
  }
  const distinct = [...new Set(weight)].sort((a, b) => a - b);
  const rankOf = new Map(distinct.map((w, r) => [w, r]));
  const order = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    order[i] = (rankOf.get(weight[i] as number) as number) * count + (count - 1 - i);
  }
  order.sort();
  const pages: number[][] = [];
  for (let start = 0; start < count; start = start === 0 ? first : start + size) {
    const end = Math.min(count, start === 0 ? first : start + size);
    const at = new Int32Array(end - start);
    for (let k = start; k < end; k++) at[k - start] = count - 1 - ((order[k] as number) % count);
    at.sort();
    const page: number[] = [];
    for (const i of at) page.push(list[2 * i] as number, list[2 * i + 1] as number);
    pages.push(page);
  }
  return pages;
}

/** The search document's weights of title, summary and body, as the app's ranking uses them. */
export const FIELD_WEIGHTS = SEARCH_FIELDS.map((f) => f.weight);
