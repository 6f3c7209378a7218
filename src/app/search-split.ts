import { CJK_START, type SearchDocument, searchTokens } from "../core/index.js";
import {
  addCounts,
  deltas,
  impactPages,
  itemsFile,
  maxCounts,
  TF_CAP,
  unionOf,
} from "./search-postings.js";

/**
 * The static site's search index, split so that a query fetches only what it needs (issue 23):
 * term fragments (`/search/t/KEY.json`: every term that begins with KEY → its postings) and
 * result records (`/search/r/N.json`: the records of items N×RECORD_GROUP…). Terms are the app's
 * (core/search-tokens.ts), from the same search document, so both find the same items.
 */

/** Items per record fragment: a query fetches the fragments of its top results only. */
export const RECORD_GROUP = 4;
/** Characters of an item's body kept in its record, for the snippet around a match. */
const RECORD_TEXT = 1200;
/** A term fragment past this is split by one more character of its terms. */
export const FRAGMENT_BYTES = 32_000;
/**
 * Postings of a term kept in its fragment; a term in more items keeps there its best this many
 * (by the score it alone gives) and pages the rest in `/search/p/NAME.K.json`, best first.
 */
export const FIRST_PAGE = 500;
/** Postings per later page (~14 KB): a query reads them only until its top results are certain. */
export const PAGE = 2000;
/**
 * Marks a token of tokens: `的*`, every token a CJK character begins, summed (a one-character
 * query reads one list); `re*`, the fragment `re`'s words when it was split, by each field's
 * most (a prefix query that is a fragment's key reads one list).
 */
export const CHAR_ALL = "*";

/** How the index is cut: tests cut small to exercise splitting and paging on a small library. */
export interface SplitSizes {
  fragmentBytes: number;
  firstPage: number;
  page: number;
}

const SPLIT_SIZES: SplitSizes = {
  fragmentBytes: FRAGMENT_BYTES,
  firstPage: FIRST_PAGE,
  page: PAGE,
};

export interface SplitDocument {
  doc: SearchDocument;
  url: string;
}

/**
 * A term's fragment key: its first character for CJK (a pair and the single character, so that a
 * one-character query is one fragment), its first two for words (a prefix of two or more
 * characters is then one fragment too).
 */
export function fragmentKey(token: string): string {
  const chars = [...token];
  return chars.slice(0, CJK_START.test(token) ? 1 : 2).join("");
}

/** A fragment key as a file name: its code points in hex (`re` → `72-65`). */
export function fragmentName(key: string): string {
  return [...key].map((c) => (c.codePointAt(0) as number).toString(16)).join("-");
}

/** Markdown to searchable text: link targets, markup and math delimiters dropped. */
export function plainText(markdown: string, max = Number.POSITIVE_INFINITY): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/[#*_`>$|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

export interface SplitIndex {
  /** Items indexed (ranking's idf needs it). */
  docs: number;
  /** Each item's kind and id (`paper:resnet`, `episode:course/3`), in number order. */
  ids: string[];
  /** Fragment path (`/search/t/72-65.json`, `/search/r/0.json`) → its JSON. */
  files: Map<string, string>;
}

/** A term of many items in its fragment: document frequency, first page, later pages' bounds. */
export interface PagedPostings {
  /** Items holding the term. */
  d: number;
  /** The first page's postings, as a short term's. */
  p: number[];
  /**
   * Per later page K (from 1): the most each field counts in page K and after, as a `tf` code —
   * what an item not yet read can still score.
   */
  b: number[];
}

/**
 * Postings of a term: `[docDelta, tf, docDelta, tf, …]`, documents ascending, each `tf` the
 * term's count in title, summary and body as `title·10⁴ + summary·10² + body` (capped at 99).
 * A term in more than FIRST_PAGE items is paged (`PagedPostings`): its postings ordered by what
 * the term alone scores (impact order: title or summary first, then the weighted count, then the
 * later item), cut into pages, each page's postings by document again, and which items hold it
 * as a bitmap (`NAME.m.json`, base64) or, where shorter, a list. A CJK character also posts
 * `c*`, the sum over every token it begins, which a one-character query (a prefix) reads instead
 * of merging hundreds of pairs' lists.
 */
export function splitIndex(
  items: readonly SplitDocument[],
  sizes: Partial<SplitSizes> = {},
): SplitIndex {
  const cut = splitSizes(sizes);
  // Each item's terms made as its postings are added: they are garbage once added.
  const postings = postingsOf(
    (function* () {
      for (const { doc } of items) yield itemTerms(doc);
    })(),
  );
  const files = new Map<string, string>();
  const splits: FragmentSplit[] = [];
  for (const key of [...postings.keys()].sort()) {
    const fragment = postings.get(key) as Map<string, number[]>;
    splits.push(...writeFragment(key, fragment, items.length, cut, files));
  }
  files.set(SPLITS_PATH, splitsFile(splits));
  for (let start = 0; start < items.length; start += RECORD_GROUP) {
    files.set(recordPath(start / RECORD_GROUP), recordFile(items, start / RECORD_GROUP));
  }
  return { docs: items.length, ids: items.map(({ doc }) => `${doc.kind}:${doc.id}`), files };
}

/**
 * Which term fragments are split (`splitsFile`): the search page loads it with itself, so a
 * query fetches its term's own fragment at once instead of walking down from its key's.
 */
export const SPLITS_PATH = "/search/t/splits.json";

/** A split term fragment's name and the next character of each of its parts (`"re"` → `"st"`). */
export type FragmentSplit = [name: string, next: string];

/** `splits.json`: every split term fragment's name and its parts' next characters, by name. */
export const splitsFile = (splits: Iterable<FragmentSplit>): string =>
  `${JSON.stringify([...splits].sort((a, b) => (a[0] < b[0] ? -1 : 1)))}\n`;

/** Fragment key → its terms → their postings `[n, tf, …]`, n ascending. */
export type Postings = Map<string, Map<string, number[]>>;

/**
 * The postings of items 0, 1, … given their terms (`itemTerms`), by fragment key: each list
 * made in item order (ascending, pushed), each term's key found once.
 */
export function postingsOf(terms: Iterable<ReadonlyMap<string, number>>): Postings {
  const lists = new Map<string, number[]>();
  let n = 0;
  for (const itemTerms of terms) {
    for (const [token, tf] of itemTerms) {
      const list = lists.get(token);
      if (list) list.push(n, tf);
      else lists.set(token, [n, tf]);
    }
    n++;
  }
  const postings: Postings = new Map();
  for (const [token, list] of lists) {
    const key = fragmentKey(token);
    let fragment = postings.get(key);
    if (!fragment) {
      fragment = new Map();
      postings.set(key, fragment);
    }
    fragment.set(token, list);
  }
  return postings;
}

/** Puts item `n`'s `tf` of `token` into its list (`tf` 0: takes the item out of it). */
export function addPosting(postings: Postings, token: string, n: number, tf: number): void {
  const key = fragmentKey(token);
  let fragment = postings.get(key);
  if (!fragment) {
    fragment = new Map();
    postings.set(key, fragment);
  }
  const list = fragment.get(token);
  if (!list) {
    if (tf !== 0) fragment.set(token, [n, tf]);
    return;
  }
  // Items come in ascending order while a whole index is made: then the end is the place.
  let lo = 0;
  let hi = list.length / 2;
  if ((list[list.length - 2] as number) < n) lo = hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[2 * mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  const at = 2 * lo;
  if (list[at] === n) {
    if (tf !== 0) list[at + 1] = tf;
    else if (list.length === 2) fragment.delete(token);
    else list.splice(at, 2);
  } else if (tf !== 0) list.splice(at, 0, n, tf);
  if (fragment.size === 0) postings.delete(key);
}

/** The sizes `sizes` leaves out, the site's. */
export const splitSizes = (sizes: Partial<SplitSizes> = {}): SplitSizes => ({
  ...SPLIT_SIZES,
  ...sizes,
});

/**
 * An item's terms with their `tf` codes (title·10⁴ + summary·10² + body, each capped), and for
 * each CJK character its `字*` (the sum over every term it begins).
 */
export function itemTerms(doc: SearchDocument): Map<string, number> {
  const counts = new Map<string, number>();
  const parts = [doc.title, doc.summary, doc.body];
  parts.forEach((text, f) => {
    const unit = 10 ** (4 - 2 * f);
    for (const token of searchTokens(text)) {
      const now = counts.get(token) ?? 0;
      if (Math.floor(now / unit) % 100 < TF_CAP) counts.set(token, now + unit);
    }
  });
  const chars = new Map<string, number>();
  for (const [token, tf] of counts) {
    if (!CJK_START.test(token)) continue;
    const all = `${[...token][0]}${CHAR_ALL}`;
    chars.set(all, addCounts(chars.get(all) ?? 0, tf));
  }
  for (const [token, tf] of chars) counts.set(token, tf);
  return counts;
}

/** The path of record fragment `group`. */
export const recordPath = (group: number): string => `/search/r/${group}.json`;

/** Record fragment `group`: its items' kind, name, URL, summary and the start of the note. */
export function recordFile(items: readonly SplitDocument[], group: number): string {
  const start = group * RECORD_GROUP;
  const records = items
    .slice(start, start + RECORD_GROUP)
    .map(({ doc, url }) => [
      doc.kind,
      doc.name,
      url,
      plainText(doc.summary, RECORD_TEXT),
      plainText(doc.body, RECORD_TEXT),
    ]);
  return `${JSON.stringify(records)}\n`;
}

/**
 * The files of the fragment of `key` (terms → postings `[n, tf, …]`, n ascending), into
 * `files`: its term fragment, the fragments it is split into when too big, and the later pages
 * and bitmaps of its terms in more than `firstPage` items. They depend on nothing but these
 * postings and the number of items, so a kept index remakes only the keys an edit touches.
 * Returns the fragments it split, with their parts (`splits.json` lists them).
 */
export function writeFragment(
  topKey: string,
  topFragment: ReadonlyMap<string, number[]>,
  itemCount: number,
  sizes: SplitSizes,
  files: Map<string, string>,
): FragmentSplit[] {
  const splits: FragmentSplit[] = [];
  const { fragmentBytes, firstPage, page: pageSize } = sizes;
  /** A token's entry: its postings (deltas), or paged with its later pages written. */
  const entryOf = (token: string, list: number[]): number[] | PagedPostings => {
    if (list.length <= 2 * firstPage) return deltas(list);
    const pages = impactPages(list, firstPage, pageSize);
    const name = fragmentName(token);
    pages.slice(1).forEach((page, k) => {
      files.set(`/search/p/${name}.${k + 1}.json`, `${JSON.stringify(deltas(page))}\n`);
    });
    files.set(`/search/p/${name}.m.json`, itemsFile(list, itemCount));
    const bounds = pages.map((page) =>
      page.reduce((m, tf, i) => (i % 2 ? maxCounts(m, tf) : m), 0),
    );
    for (let k = bounds.length - 2; k >= 0; k--) {
      bounds[k] = maxCounts(bounds[k] as number, bounds[k + 1] as number);
    }
    return { d: list.length / 2, p: deltas(pages[0] as number[]), b: bounds.slice(1) };
  };
  // A token's entry is made once, though a split fragment hands it on to a child.
  const entries = new Map<string, number[] | PagedPostings>();
  const entry = (token: string, list: number[]) => {
    let got = entries.get(token);
    if (!got) {
      got = entryOf(token, list);
      entries.set(token, got);
    }
    return got;
  };
  const write = (key: string, fragment: ReadonlyMap<string, number[]>) => {
    const out: Record<string, number[] | PagedPostings> = {};
    // Split by one more character while too big: the rest of a word's prefix then stays one
    // fragment, and its children are listed in `splits.json` (only: no query reads them here).
    const json = () => `${JSON.stringify(out)}\n`;
    for (const token of [...fragment.keys()].sort()) {
      out[token] = entry(token, fragment.get(token) as number[]);
    }
    if (json().length <= fragmentBytes) {
      files.set(`/search/t/${fragmentName(key)}.json`, json());
      return;
    }
    const depth = [...key].length + 1;
    const children = new Map<string, Map<string, number[]>>();
    for (const [token, list] of fragment) {
      const chars = [...token];
      if (chars.length < depth) continue;
      const child = chars.slice(0, depth).join("");
      delete out[token];
      let map = children.get(child);
      if (!map) {
        map = new Map();
        children.set(child, map);
      }
      map.set(token, list);
    }
    if (children.size > 0) {
      const parts = [...children.keys()].sort();
      splits.push([fragmentName(key), parts.map((part) => [...part].pop()).join("")]);
      // A word prefix that is this fragment's key (`re`, typed so far) reads `re*`, not the
      // fragments of every word it begins.
      if (!CJK_START.test(key)) {
        const union = `${key}${CHAR_ALL}`;
        out[union] = entryOf(union, unionOf(fragment.values()));
      }
    }
    files.set(`/search/t/${fragmentName(key)}.json`, json());
    // In key order, not the postings' order: a kept index's files come in a fresh one's order.
    for (const child of [...children.keys()].sort()) {
      write(child, children.get(child) as Map<string, number[]>);
    }
  };
  write(topKey, topFragment);
  return splits;
}
