import {
  CJK_START,
  type Library,
  SEARCH_FIELDS,
  type SearchDocument,
  searchDocument,
  searchTokens,
} from "../core/index.js";
import { paths } from "./paths.js";

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
/** Term frequencies are stored up to this (ranking saturates long before). */
const TF_CAP = 99;

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

/**
 * Postings of a term: `[docDelta, tf, docDelta, tf, …]`, documents ascending, each `tf` the
 * term's count in title, summary and body as `title·10⁴ + summary·10² + body` (capped at 99).
 */
export function splitIndex(
  items: readonly SplitDocument[],
  fragmentBytes = FRAGMENT_BYTES,
): SplitIndex {
  const postings = new Map<string, Map<string, number[]>>();
  items.forEach(({ doc }, n) => {
    const counts = new Map<string, number>();
    const parts = [doc.title, doc.summary, doc.body];
    parts.forEach((text, f) => {
      const unit = 10 ** (4 - 2 * f);
      for (const token of searchTokens(text)) {
        const now = counts.get(token) ?? 0;
        if (Math.floor(now / unit) % 100 < TF_CAP) counts.set(token, now + unit);
      }
    });
    for (const [token, tf] of counts) {
      const key = fragmentKey(token);
      let fragment = postings.get(key);
      if (!fragment) {
        fragment = new Map();
        postings.set(key, fragment);
      }
      const list = fragment.get(token);
      if (list) list.push(n, tf);
      else fragment.set(token, [n, tf]);
    }
  });
  const files = new Map<string, string>();
  const write = (key: string, fragment: Map<string, number[]>) => {
    const out: Record<string, number[] | string[]> = {};
    // Split by one more character while too big: the rest of a word's prefix then stays one
    // fragment and its children, listed under "" (no term is empty).
    const json = () => `${JSON.stringify(out)}\n`;
    for (const token of [...fragment.keys()].sort()) out[token] = fragment.get(token) as number[];
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
    if (children.size > 0) out[""] = [...children.keys()].sort().map(fragmentName);
    files.set(`/search/t/${fragmentName(key)}.json`, json());
    for (const [child, map] of children) write(child, map);
  };
  for (const key of [...postings.keys()].sort()) {
    const fragment = postings.get(key) as Map<string, number[]>;
    for (const list of fragment.values()) {
      // Deltas: most ids then take one or two digits.
      for (let i = list.length - 2; i >= 2; i -= 2) {
        list[i] = (list[i] as number) - (list[i - 2] as number);
      }
    }
    write(key, fragment);
  }
  for (let start = 0; start < items.length; start += RECORD_GROUP) {
    const records = items
      .slice(start, start + RECORD_GROUP)
      .map(({ doc, url }) => [
        doc.kind,
        doc.name,
        url,
        plainText(doc.summary, RECORD_TEXT),
        plainText(doc.body, RECORD_TEXT),
      ]);
    files.set(`/search/r/${start / RECORD_GROUP}.json`, `${JSON.stringify(records)}\n`);
  }
  return { docs: items.length, ids: items.map(({ doc }) => `${doc.kind}:${doc.id}`), files };
}

/** The search document's weights of title, summary and body, as the app's ranking uses them. */
export const FIELD_WEIGHTS = SEARCH_FIELDS.map((f) => f.weight);

/**
 * The split index of a library, its items in the order of the site's routes. Read from the
 * library itself, not through the read tracker: each fragment's page asks instead for its own
 * bytes (`D␀searchPart␀path`), so a build rewrites exactly the fragments whose bytes changed.
 */
export function librarySplit(
  library: Library,
  href: (path: string) => string,
  fragmentBytes = FRAGMENT_BYTES,
): SplitIndex {
  const short = new Map(library.papers.map((p) => [p.id, p.short]));
  const items: SplitDocument[] = [];
  const paperName = (id: string) => short.get(id);
  for (const course of library.courses) {
    items.push({
      doc: searchDocument({ kind: "course", course }),
      url: href(paths.course(course.id)),
    });
    for (const episode of course.episodes) {
      items.push({
        doc: searchDocument({ kind: "episode", episode }, { paperName }),
        url: href(paths.episode(course.id, episode.number)),
      });
    }
  }
  for (const paper of library.papers) {
    items.push({ doc: searchDocument({ kind: "paper", paper }), url: href(paths.paper(paper.id)) });
  }
  for (const category of library.categories) {
    items.push({
      doc: searchDocument({ kind: "category", category }),
      url: href(paths.category(category.id)),
    });
  }
  return splitIndex(items, fragmentBytes);
}
