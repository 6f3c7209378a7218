import { type SearchableItem, searchDocument } from "../core/index.js";
import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";

/**
 * One searchable item: its search document (core/search-document.ts) as the site's script reads
 * it. `title` is the document's name (for every kind also its title part), `summary` and `text`
 * its other parts as plain text; `url` is the page's href under the site's base.
 */
export interface SearchEntry {
  kind: "paper" | "episode" | "course" | "category";
  title: string;
  url: string;
  summary: string;
  text: string;
}

const MAX_TEXT = 4000;

/** Markdown to searchable text: link targets, markup and math delimiters dropped. */
function searchText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/[#*_`>$|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_TEXT);
}

type SearchItem = [path: string, entry: () => SearchEntry];

/**
 * Each entry's route and a function that builds it, in the index's order. Building an entry is
 * deferred: only its text is costly (a note's), and an unchanged route's entry is copied instead.
 */
function* searchItems(ctx: SiteContext): Generator<SearchItem> {
  const paperName = (id: string) => ctx.paper(id)?.short;
  const item = (path: string, searchable: SearchableItem) =>
    [
      path,
      () => {
        const doc = searchDocument(searchable, { paperName });
        return {
          kind: doc.kind,
          title: doc.name,
          url: ctx.href(path),
          summary: searchText(doc.summary),
          text: searchText(doc.body),
        };
      },
    ] satisfies SearchItem;
  for (const course of ctx.library.courses) {
    yield item(paths.course(course.id), { kind: "course", course });
    for (const episode of course.episodes) {
      yield item(paths.episode(course.id, episode.number), { kind: "episode", episode });
    }
  }
  for (const paper of ctx.library.papers)
    yield item(paths.paper(paper.id), { kind: "paper", paper });
  for (const category of ctx.library.categories) {
    yield item(paths.category(category.id), { kind: "category", category });
  }
}

/**
 * An earlier build's search index entries: the JSON of the entry of an item's route, given only
 * when nothing the route shows has changed since (its input key is the same).
 */
export interface SearchIndexCache {
  get(path: string): Uint8Array | undefined;
  /** Told each entry of the index being written (the builder keeps them for its next build). */
  put?(path: string, entry: Uint8Array): void;
  /**
   * Where to write an index of `size` bytes: a builder lends the same memory for each of its
   * builds, as it writes the bytes to disk before its next build (touching 2 MB of fresh memory
   * costs several ms of page faults on some machines).
   */
  output?(size: number): Uint8Array;
}

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = Buffer.from("]\n");

/**
 * The client-side search index: a JSON array of every course, episode, paper and category
 * (`SearchEntry`) and a newline, as UTF-8 bytes; entries the cache has are copied as they are (a
 * one-note rebuild would otherwise extract the text of every note).
 */
export function renderSearchIndex(ctx: SiteContext, cache?: SearchIndexCache): Uint8Array {
  const entries: Uint8Array[] = [];
  // "[" and "]\n", and a comma between two entries.
  let size = 1 + CLOSE.byteLength;
  for (const [path, entry] of searchItems(ctx)) {
    const bytes = cache?.get(path) ?? Buffer.from(JSON.stringify(entry()));
    cache?.put?.(path, bytes);
    size += bytes.byteLength + (entries.length > 0 ? 1 : 0);
    entries.push(bytes);
  }
  const out = cache?.output?.(size) ?? Buffer.allocUnsafe(size);
  out[0] = OPEN;
  let at = 1;
  for (const [i, bytes] of entries.entries()) {
    if (i > 0) out[at++] = COMMA;
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  out.set(CLOSE, at);
  return out;
}
