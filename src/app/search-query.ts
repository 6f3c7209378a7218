/**
 * The site's search query over the split index (search-split.ts). The function is written to run
 * as is in the browser: `assets/search-script.ts` embeds its source (`String(runSplitQuery)`), so
 * it uses nothing from outside but its arguments.
 */
import type { TermTokens } from "../core/index.js";

export interface SplitHit {
  /** The item's number: its record is in `/search/r/⌊n / RECORD_GROUP⌋.json`. */
  n: number;
  /** 1: every term in the title or summary; 2: some term only in the body. */
  tier: 1 | 2;
  score: number;
}

/**
 * Every item matching all terms of `query`, best first: the app's rule (store/index-search.ts) as
 * far as the split index holds it. Each term is its tokens (`tokensOf`, core's `termTokens`), all
 * of which must occur in the item (the app also asks them to be adjacent: positions are not kept
 * here); the last query term is a prefix. Items with every term in the title or summary come
 * first, ranked by those fields; then the others with their body. Within a tier: BM25F's
 * saturation of the weighted term counts times the term's idf (df counted up to 1,000, one term
 * ranks alone), without the field-length normalization (field lengths are not in the index);
 * equal scores put the later item first, as the app puts the newest first.
 */
export async function runSplitQuery(
  query: string,
  docs: number,
  fetchJson: (path: string) => Promise<unknown>,
  tokensOf: (term: string, prefix: boolean) => TermTokens,
  weights: readonly number[],
): Promise<SplitHit[]> {
  const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const terms = query
    .trim()
    .split(/\s+/)
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length === 0) return [];
  const fragments = new Map<string, Promise<Record<string, number[]>>>();
  const hex = (key: string) =>
    [...key].map((c) => (c.codePointAt(0) as number).toString(16)).join("-");
  const get = (name: string) => {
    let got = fragments.get(name);
    if (!got) {
      got = fetchJson(`/search/t/${name}.json`).then((j) => (j ?? {}) as Record<string, number[]>);
      fragments.set(name, got);
    }
    return got;
  };
  /** Every term of a fragment and of the fragments it was split into (listed under ""). */
  const subtree = async (name: string): Promise<Record<string, number[]>> => {
    const own = await get(name);
    const children = (own[""] ?? []) as unknown as string[];
    const parts = await Promise.all(children.map(subtree));
    return Object.assign({}, own, ...parts);
  };
  /** The fragment holding `token` (a prefix: with those holding the words it begins). */
  const fragment = async (token: string, prefix: boolean) => {
    const chars = [...token];
    let depth = CJK.test(token) ? 1 : 2;
    let name = hex(chars.slice(0, depth).join(""));
    for (;;) {
      const own = await get(name);
      const children = (own[""] ?? []) as unknown as string[];
      const child = hex(chars.slice(0, depth + 1).join(""));
      if (chars.length > depth && children.includes(child)) {
        depth++;
        name = child;
        continue;
      }
      return prefix ? subtree(name) : own;
    }
  };
  /** A token's items → counts [title, summary, body]; a prefix merges its tokens'. */
  const postings = async (token: string, prefix: boolean) => {
    const all = await fragment(token, prefix);
    const out = new Map<number, number[]>();
    for (const [t, list] of Object.entries(all)) {
      if (t !== "" && (t === token || (prefix && t.startsWith(token)))) {
        for (let i = 0, n = 0; i < list.length; i += 2) {
          n += list[i] as number;
          const tf = list[i + 1] as number;
          const c = [Math.floor(tf / 10000), Math.floor(tf / 100) % 100, tf % 100];
          const had = out.get(n);
          out.set(n, had ? had.map((v, f) => v + (c[f] as number)) : c);
        }
      }
    }
    return out;
  };
  const perTerm = await Promise.all(
    terms.map(async (term, i) => {
      const { tokens, lastIsPrefix } = tokensOf(term, i === terms.length - 1);
      const lists = await Promise.all(
        tokens.map((t, k) => postings(t, lastIsPrefix && k === tokens.length - 1)),
      );
      // The term's counts in an item: the least of its tokens' (all must occur).
      const out = new Map<number, number[]>();
      if (lists.length === 0) return out;
      for (const [n, c] of lists[0] as Map<number, number[]>) {
        let counts: number[] | undefined = c;
        for (const other of lists.slice(1)) {
          const o = other.get(n);
          counts = o && counts ? counts.map((v, f) => Math.min(v, o[f] as number)) : undefined;
          if (!counts) break;
        }
        if (counts) out.set(n, counts);
      }
      return out;
    }),
  );
  perTerm.sort((a, b) => a.size - b.size);
  const idf = perTerm.map((m) =>
    terms.length === 1
      ? 1
      : Math.log(1 + (docs - Math.min(m.size, 1000) + 0.5) / (Math.min(m.size, 1000) + 0.5)),
  );
  const hits: SplitHit[] = [];
  for (const n of (perTerm[0] as Map<number, number[]>).keys()) {
    const counts = perTerm.map((m) => m.get(n));
    if (counts.some((c) => c === undefined)) continue;
    const tier = counts.every((c) => (c as number[])[0] || (c as number[])[1]) ? 1 : 2;
    let score = 0;
    counts.forEach((c, t) => {
      let weighted = 0;
      (c as number[]).forEach((tf, f) => {
        if (tier === 1 && f === 2) return;
        weighted += (weights[f] as number) * tf;
      });
      score += ((idf[t] as number) * weighted * 2.2) / (weighted + 1.2);
    });
    hits.push({ n, tier, score });
  }
  return hits.sort((a, b) => a.tier - b.tier || b.score - a.score || b.n - a.n);
}
