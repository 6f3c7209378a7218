import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";

/** One searchable item; `url` is the page's href under the site's base. */
export interface SearchEntry {
  kind: "paper" | "episode" | "course" | "category";
  title: string;
  url: string;
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
  const item = (kind: SearchEntry["kind"], path: string, title: string, text: () => string) =>
    [path, () => ({ kind, title, url: ctx.href(path), text: text() })] satisfies SearchItem;
  for (const course of ctx.library.courses) {
    yield item("course", paths.course(course.id), course.title, () =>
      searchText(course.tags.join(" ")),
    );
    for (const ep of course.episodes) {
      yield item("episode", paths.episode(course.id, ep.number), ep.title, () => {
        const papers = ep.papers.map((id) => ctx.paper(id)?.short ?? id).join(" ");
        return searchText(`${papers} ${(ep.mentions ?? []).join(" ")} ${ep.notes}`);
      });
    }
  }
  for (const p of ctx.library.papers) {
    const title = p.title ? `${p.short} — ${p.title}` : p.short;
    yield item("paper", paths.paper(p.id), title, () =>
      searchText(`${p.year ?? ""} ${p.authors.join(" ")} ${p.summary ?? ""} ${p.notes}`),
    );
  }
  for (const c of ctx.library.categories) {
    yield item("category", paths.category(c.id), c.name, () => (c.aliases ?? []).join(" "));
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
