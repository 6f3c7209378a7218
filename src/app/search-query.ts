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
 * kept here); the last query term is a prefix, which counts in an item as the most any one of
 * the words it begins counts there, field by field (the app sums them: a sum would need every
 * such word's list read in full to be known). Items with every term in the title or summary come
 * first, ranked by those fields; then the others with their body. Within a tier: BM25F's
 * saturation of the weighted term counts times the term's idf (df, counted up to 1,000, of the
 * term's rarest token; one term ranks alone), without the field-length normalization (field
 * lengths are not in the index); equal scores put the later item first.
 *
 * Long postings lists come in pages, best first for their term (search-split.ts), each later
 * page announced with the most its items can count. Pages are read round by round only until the
 * `limit` best are certain: their scores known, and higher than any other item could score with
 * the counts still unread (a threshold algorithm without random access, Fagin's NRA), reading
 * next the list whose unread items weigh most. A one-list query needs no bound: its pages are in
 * its ranking's order.
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
  // Which term fragments are split, and by which next characters (splits.json, which the page
  // loads with itself): a token's own fragment is fetched at once, not walked down to.
  const splits = new Map(((await fetchJson("/search/t/splits.json")) ?? []) as [string, string][]);
  /**
   * The fragment where `token` belongs, and whether the token is its key (a prefix that is a
   * split fragment's key then reads the fragment's `key*` list of all its words).
   */
  const fragment = async (token: string) => {
    const chars = [...token];
    let depth = CJK.test(token) ? 1 : 2;
    let name = hex(chars.slice(0, depth).join(""));
    for (; chars.length > depth; depth++) {
      const next = chars[depth] as string;
      if (!(splits.get(name) ?? "").includes(next)) break;
      name = `${name}-${hex(next)}`;
    }
    return { own: await get(name), isKey: chars.length === depth };
  };
  // A token's count in an item is a `tf` code (title·10⁴ + summary·10² + body), kept so: an
  // item is scored again each round, and arrays of three made for each cost most of a query.
  const most = (a: number, b: number) =>
    Math.max(Math.floor(a / 10000), Math.floor(b / 10000)) * 10000 +
    Math.max(Math.floor(a / 100) % 100, Math.floor(b / 100) % 100) * 100 +
    Math.max(a % 100, b % 100);
  const least = (a: number, b: number) =>
    Math.min(Math.floor(a / 10000), Math.floor(b / 10000)) * 10000 +
    Math.min(Math.floor(a / 100) % 100, Math.floor(b / 100) % 100) * 100 +
    Math.min(a % 100, b % 100);
  /** One token's postings: those read, the pages left and what their items can still count. */
  interface List {
    name: string;
    df: number;
    counts: Map<number, number>;
    read: number;
    pages: number;
    bounds: number[];
    /** Which items hold the token (a paged list's bitmap), once fetched. */
    has?: Uint8Array;
  }
  const left = (l: List) => l.read < l.pages;
  /** Every item some list has posted so far: the items a round scores. */
  const seen = new Set<number>();
  const addPage = (list: List, page: readonly number[]) => {
    for (let i = 0, n = 0; i < page.length; i += 2) {
      n += page[i] as number;
      list.counts.set(n, page[i + 1] as number);
      seen.add(n);
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
  /**
   * The lists of a token: one, or a prefix's (a CJK character's `c*`, a split fragment's
   * `key*`, else the words of its fragment it begins, those read in full merged as one).
   */
  const groupOf = async (token: string, prefix: boolean): Promise<List[]> => {
    const all = `${token}*`;
    const { own, isKey } = await fragment(prefix && CJK.test(token) ? all : token);
    if (prefix && (CJK.test(token) || (isKey && own[all]))) {
      const entry = own[all];
      return entry ? [listOf(all, entry)] : [];
    }
    const found = Object.entries(own)
      .filter(([t]) => !t.includes("*") && (t === token || (prefix && t.startsWith(token))))
      .map(([t, entry]) => listOf(t, entry));
    const whole = found.filter((l) => !left(l));
    if (whole.length < 2) return found;
    const merged = whole[0] as List;
    for (const l of whole.slice(1)) {
      merged.df += l.df;
      for (const [n, c] of l.counts) {
        const had = merged.counts.get(n);
        merged.counts.set(n, had === undefined ? c : most(had, c));
      }
    }
    return [merged, ...found.filter(left)];
  };
  // Per term, per token: its lists (a prefix's, by their most; a term's counts are its tokens' least).
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
  const bound = (l: List) => l.bounds[l.read - 1] as number;
  let tier: 1 | 2 = 1;
  let score = 0;
  /** Rank key of the terms' counts (`tier`, `score` set): tier 1 above any tier 2, then the score. */
  const rank = (codes: Float64Array) => {
    tier = 1;
    for (const c of codes) if (Math.floor(c / 100) === 0) tier = 2;
    score = 0;
    codes.forEach((c, t) => {
      let weighted =
        (weights[0] as number) * Math.floor(c / 10000) +
        (weights[1] as number) * (Math.floor(c / 100) % 100);
      if (tier === 2) weighted += (weights[2] as number) * (c % 100);
      score += ((idf[t] as number) * weighted * 2.2) / (weighted + 1.2);
    });
    return (tier === 1 ? 1e6 : 0) + score;
  };
  /** An item's counts per term as known so far, and at most: `countsOf` fills them. */
  const low = new Float64Array(groups.length);
  const high = new Float64Array(groups.length);
  const CANNOT = 0;
  const MAY = 1;
  const MATCHES = 2;
  /**
   * Item `n`'s counts per term (an item not yet seen: -1) into `low` (known so far, when it is
   * known to match) and `high` (at most). CANNOT when it cannot match: absent from every list
   * of a token, each read in full or its bitmap read; MATCHES when it is known to hold every
   * token, else MAY. A token's counts are its list's, a prefix's the most any of its words
   * counts field by field; a term's, its tokens' least.
   */
  const countsOf = (n: number) => {
    let matches = true;
    for (let t = 0; t < groups.length; t++) {
      let lo = -1;
      let hi = -1;
      for (const group of groups[t] as List[][]) {
        let gl = 0;
        let gh = -1;
        let present = false;
        for (const l of group) {
          const c = n < 0 ? undefined : l.counts.get(n);
          if (c !== undefined) {
            gl = most(gl, c);
            gh = gh < 0 ? c : most(gh, c);
            present = true;
            continue;
          }
          if (!left(l)) continue;
          const has =
            n < 0 || !l.has ? undefined : (((l.has[n >> 3] as number) >> (n & 7)) & 1) === 1;
          if (has) present = true;
          if (has !== false) gh = gh < 0 ? bound(l) : most(gh, bound(l));
        }
        if (gh < 0) return CANNOT;
        if (!present) matches = false;
        lo = lo < 0 ? gl : least(lo, gl);
        hi = hi < 0 ? gh : least(hi, gh);
      }
      low[t] = Math.max(lo, 0);
      high[t] = Math.max(hi, 0);
    }
    return matches ? MATCHES : MAY;
  };
  /** How much a list's unread items could weigh: the list read next is the heaviest. */
  const weight = (l: List) => {
    const c = bound(l);
    return (
      (weights[0] as number) * Math.floor(c / 10000) +
      (weights[1] as number) * (Math.floor(c / 100) % 100) +
      (weights[2] as number) * (c % 100)
    );
  };
  const single = lists.length === 1 && terms.length === 1;
  /** Items settled for good: certain (their key) or unable to match (null). */
  const settledItems = new Map<number, (SplitHit & { key: number }) | null>();
  /** A list's `NAME.m.json`: a bitmap of every item, or where shorter its items' numbers. */
  const itemsBytes = (l: List) => Math.min(docs / 6, l.df * 4);
  /** The lists whose bitmaps' items are among the seen ones. */
  const spread = new Set<List>();
  for (;;) {
    // A token whose lists are all read or known by bitmap: every match is among its items.
    const closed = groups.flat().find((g) => g.every((l) => !left(l) || l.has));
    if (closed) {
      for (const l of closed) {
        if (!l.has || !left(l) || spread.has(l)) continue;
        spread.add(l);
        l.has.forEach((byte, i) => {
          for (let bit = 0; byte >> bit; bit++) if ((byte >> bit) & 1) seen.add(i * 8 + bit);
        });
      }
    }
    const certain: (SplitHit & { key: number })[] = [];
    let proven = 0;
    const open: [n: number, key: number][] = [];
    for (const n of seen) {
      const known = settledItems.get(n);
      if (known !== undefined) {
        if (known) {
          proven++;
          certain.push(known);
        }
        continue;
      }
      const c = countsOf(n);
      if (c === CANNOT) {
        settledItems.set(n, null); // absent from a list read in full or by bitmap: for good
        continue;
      }
      const highKey = rank(high);
      if (c === MATCHES) {
        proven++;
        const key = rank(low);
        if (key === highKey) {
          const hit = { n, tier, score, key };
          settledItems.set(n, hit);
          certain.push(hit);
          continue;
        }
      }
      open.push([n, highKey]);
    }
    certain.sort((a, b) => b.key - a.key || b.n - a.n);
    const unread = !closed && countsOf(-1) !== CANNOT;
    const unreadKey = unread ? rank(high) : Number.NEGATIVE_INFINITY;
    const complete = !lists.some(left);
    const kth = certain[limit - 1];
    const beats = (n: number, k: number) =>
      kth !== undefined && (k < kth.key || (k === kth.key && n < kth.n));
    const settled =
      complete ||
      (open.length === 0 && unreadKey === Number.NEGATIVE_INFINITY) ||
      (kth !== undefined &&
        (single || (unreadKey < kth.key && open.every(([n, k]) => beats(n, k)))));
    if (settled) {
      const exact = complete || single || (open.length === 0 && !unread);
      return {
        hits: certain.slice(0, limit).map(({ n, tier, score }) => ({ n, tier, score })),
        // A list's df counts items once only when it is one token's (not words merged).
        matched: complete || !single ? proven : (lists[0] as List).df,
        complete: exact,
      };
    }
    const unfinished = lists.filter(left);
    const rest = (l: List) => l.df - l.counts.size;
    const shortest = Math.min(...unfinished.map(rest));
    let next: List[];
    let bitmaps: List[] = [];
    if (limit === Number.POSITIVE_INFINITY) next = unfinished;
    else if (!single && unfinished.some((l) => l.pages - l.read === 1)) {
      // A list one page from its end: read in full, it settles every item it lacks.
      next = unfinished.filter((l) => l.pages - l.read === 1);
    } else if (kth === undefined && !single) {
      // Fewer than `limit` known: which items match at all decides. A long list's bitmap costs
      // less than its pages; else the shortest list is read first.
      bitmaps = unfinished.filter((l) => !l.has && rest(l) * 7 > itemsBytes(l));
      next = bitmaps.length > 0 ? [] : unfinished.filter((l) => rest(l) === shortest);
    } else {
      // The heaviest list's next page: its unread items are what keeps the others open.
      const heaviest = Math.max(...unfinished.map(weight));
      next = unfinished.filter((l) => weight(l) === heaviest);
    }
    await Promise.all([
      ...next.map(async (l) => {
        const page = await fetchJson(`/search/p/${l.name}.${l.read}.json`);
        addPage(l, (page ?? []) as number[]);
      }),
      ...bitmaps.map(async (l) => {
        // A bitmap (base64), or for a token in few items their numbers as deltas.
        const got = (await fetchJson(`/search/p/${l.name}.m.json`)) ?? "";
        if (typeof got === "string") {
          l.has = Uint8Array.from(atob(got), (c) => c.charCodeAt(0));
          return;
        }
        l.has = new Uint8Array(Math.ceil(docs / 8));
        for (let i = 0, n = 0; i < (got as number[]).length; i++) {
          n += (got as number[])[i] as number;
          l.has[n >> 3] = (l.has[n >> 3] as number) | (1 << (n & 7));
        }
      }),
    ]);
  }
}
