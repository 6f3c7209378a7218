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

export interface SplitAnswer {
  /** The best `limit` matches, best first. */
  hits: SplitHit[];
  /** How many items match: exact when `complete`, else the matches made certain so far. */
  matched: number;
  complete: boolean;
}

/**
 * The best `limit` items matching all terms of `query`: the app's rule (store/index-search.ts)
 * as far as the split index holds it. Each term is its tokens (`tokensOf`, core's `termTokens`),
 * all of which must occur in the item (the app also asks them to be adjacent: positions are not
 * kept here); the last query term is a prefix. Items with every term in the title or summary come
 * first, ranked by those fields; then the others with their body. Within a tier: BM25F's
 * saturation of the weighted term counts times the term's idf (df, counted up to 1,000, of the
 * term's rarest token; one term ranks alone), without the field-length normalization (field
 * lengths are not in the index); equal scores put the later item first.
 *
 * Long postings lists come in pages, best first for their term (search-split.ts), each later
 * page announced with the most its items can count. Pages are read round by round only until the
 * `limit` best are certain: known in full, and scoring more than any item not yet known in full
 * could with the counts still unread (a threshold algorithm without random access, Fagin's NRA).
 * A one-list query needs no bound: its pages are in its ranking's order.
 */
export async function runSplitQuery(
  query: string,
  docs: number,
  fetchJson: (path: string) => Promise<unknown>,
  tokensOf: (term: string, prefix: boolean) => TermTokens,
  weights: readonly number[],
  limit = Number.POSITIVE_INFINITY,
): Promise<SplitAnswer> {
  type Paged = { d: number; p: number[]; b: number[] };
  type Entry = number[] | Paged;
  type Fragment = Record<string, Entry>;
  const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const terms = query
    .trim()
    .split(/\s+/)
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length === 0) return { hits: [], matched: 0, complete: true };
  const fragments = new Map<string, Promise<Fragment>>();
  const hex = (key: string) =>
    [...key].map((c) => (c.codePointAt(0) as number).toString(16)).join("-");
  const get = (name: string) => {
    let got = fragments.get(name);
    if (!got) {
      got = fetchJson(`/search/t/${name}.json`).then((j) => (j ?? {}) as Fragment);
      fragments.set(name, got);
    }
    return got;
  };
  /** Every term of a fragment and of the fragments it was split into (listed under ""). */
  const subtree = async (name: string): Promise<Fragment> => {
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
  const unpack = (code: number) => [
    Math.floor(code / 10000),
    Math.floor(code / 100) % 100,
    code % 100,
  ];
  /** One token's postings: those read, the pages left and what their items can still count. */
  interface List {
    name: string;
    df: number;
    counts: Map<number, number[]>;
    read: number;
    pages: number;
    bounds: number[];
  }
  const addPage = (list: List, page: readonly number[]) => {
    for (let i = 0, n = 0; i < page.length; i += 2) {
      n += page[i] as number;
      list.counts.set(n, unpack(page[i + 1] as number));
    }
    list.read++;
  };
  const listOf = (token: string, entry: Entry): List => {
    const paged = !Array.isArray(entry);
    const list: List = {
      name: hex(token),
      df: paged ? entry.d : entry.length / 2,
      counts: new Map(),
      read: 0,
      pages: paged ? entry.b.length + 1 : 1,
      bounds: paged ? entry.b : [],
    };
    addPage(list, paged ? entry.p : entry);
    return list;
  };
  /** The lists whose sum is a token's counts: one, or a prefix's (a CJK character's own `c*`). */
  const groupOf = async (token: string, prefix: boolean): Promise<List[]> => {
    if (prefix && CJK.test(token) && [...token].length === 1) {
      const all = `${token}*`;
      const entry = (await fragment(all, false))[all];
      return entry ? [listOf(all, entry)] : [];
    }
    const found = await fragment(token, prefix);
    return Object.entries(found)
      .filter(
        ([t]) => t !== "" && !t.includes("*") && (t === token || (prefix && t.startsWith(token))),
      )
      .map(([t, entry]) => listOf(t, entry));
  };
  // Per term, per token: the lists summed (a term's counts are its tokens' least).
  const groups = await Promise.all(
    terms.map((term, i) => {
      const { tokens, lastIsPrefix } = tokensOf(term, i === terms.length - 1);
      return Promise.all(tokens.map((t, k) => groupOf(t, lastIsPrefix && k === tokens.length - 1)));
    }),
  );
  const lists = groups.flat(2);
  const idf = groups.map((term) => {
    if (terms.length === 1) return 1;
    const df = Math.min(1000, ...term.map((g) => g.reduce((n, l) => n + l.df, 0)));
    return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
  });
  const left = (l: List) => l.read < l.pages;
  const bound = (l: List) => unpack(l.bounds[l.read - 1] as number);
  /** Rank key of the terms' counts: tier 1 above any tier 2, then the score. */
  const rank = (counts: readonly number[][]) => {
    const tier = counts.every((c) => (c[0] as number) > 0 || (c[1] as number) > 0) ? 1 : 2;
    let score = 0;
    counts.forEach((c, t) => {
      let weighted = 0;
      c.forEach((tf, f) => {
        if (tier === 1 && f === 2) return;
        weighted += (weights[f] as number) * tf;
      });
      score += ((idf[t] as number) * weighted * 2.2) / (weighted + 1.2);
    });
    return { tier, score, key: (tier === 1 ? 1e6 : 0) + score } as const;
  };
  const zero = [0, 0, 0];
  const sum = (a: readonly number[], b: readonly number[]) => a.map((v, f) => v + (b[f] as number));
  const least = (a: readonly number[], b: readonly number[]) =>
    a.map((v, f) => Math.min(v, b[f] as number));
  /**
   * An item's counts per term, known and at most; `undefined` when it cannot match (absent from
   * every list of a token, each read in full).
   */
  const countsOf = (n: number | undefined) => {
    let exact = true;
    const known: number[][] = [];
    const most: number[][] = [];
    for (const term of groups) {
      let k: number[] | undefined;
      let m: number[] | undefined;
      for (const group of term) {
        let gk = zero;
        let gm = zero;
        let present = false;
        for (const l of group) {
          const c = n === undefined ? undefined : l.counts.get(n);
          if (c) {
            present = true;
            gk = sum(gk, c);
            gm = sum(gm, c);
          } else if (left(l)) {
            exact = false;
            gm = sum(gm, bound(l));
          }
        }
        if (!present && gm === zero) return undefined;
        if (!present) exact = false;
        k = k ? least(k, gk) : gk;
        m = m ? least(m, gm) : gm;
      }
      known.push(k ?? zero);
      most.push(m ?? zero);
    }
    return { exact, known, most };
  };
  const single = lists.length === 1 && terms.length === 1;
  for (;;) {
    const seen = new Set<number>();
    for (const l of lists) for (const n of l.counts.keys()) seen.add(n);
    const certain: SplitHit[] = [];
    let open = Number.NEGATIVE_INFINITY;
    const openItems: [n: number, key: number][] = [];
    for (const n of seen) {
      const c = countsOf(n);
      if (!c) continue;
      if (c.exact) {
        const { tier, score } = rank(c.known);
        certain.push({ n, tier, score });
      } else openItems.push([n, rank(c.most).key]);
    }
    certain.sort((a, b) => a.tier - b.tier || b.score - a.score || b.n - a.n);
    const unread = countsOf(undefined);
    if (unread) open = rank(unread.most).key;
    const complete = !lists.some(left);
    const kth = certain[limit - 1];
    const key = kth && (kth.tier === 1 ? 1e6 : 0) + kth.score;
    const settled =
      complete ||
      (kth !== undefined &&
        (single ||
          (open < (key as number) &&
            openItems.every(([n, k]) => k < (key as number) || (k === key && n < kth.n)))));
    if (settled) {
      return {
        hits: certain.slice(0, limit),
        matched: single ? (lists[0] as List).df : certain.length,
        complete: complete || single,
      };
    }
    await Promise.all(
      lists.filter(left).map(async (l) => {
        const page = await fetchJson(`/search/p/${l.name}.${l.read}.json`);
        addPage(l, (page ?? []) as number[]);
      }),
    );
  }
}
