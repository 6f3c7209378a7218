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

/** Each entry's route and a function that builds it, in the index's order. */
function* searchItems(ctx: SiteContext): Generator<[path: string, entry: () => SearchEntry]> {
  for (const course of ctx.library.courses) {
    const path = paths.course(course.id);
    yield [
      path,
      () => ({
        kind: "course",
        title: course.title,
        url: ctx.href(path),
        text: searchText(course.tags.join(" ")),
      }),
    ];
    for (const ep of course.episodes) {
      const path = paths.episode(course.id, ep.number);
      yield [
        path,
        () => {
          const papers = ep.papers.map((id) => ctx.paper(id)?.short ?? id).join(" ");
          return {
            kind: "episode",
            title: ep.title,
            url: ctx.href(path),
            text: searchText(`${papers} ${(ep.mentions ?? []).join(" ")} ${ep.notes}`),
          };
        },
      ];
    }
  }
  for (const p of ctx.library.papers) {
    const path = paths.paper(p.id);
    yield [
      path,
      () => ({
        kind: "paper",
        title: p.title ? `${p.short} — ${p.title}` : p.short,
        url: ctx.href(path),
        text: searchText(`${p.year ?? ""} ${p.authors.join(" ")} ${p.summary ?? ""} ${p.notes}`),
      }),
    ];
  }
  for (const c of ctx.library.categories) {
    const path = paths.category(c.id);
    yield [
      path,
      () => ({
        kind: "category",
        title: c.name,
        url: ctx.href(path),
        text: (c.aliases ?? []).join(" "),
      }),
    ];
  }
}

/** Every paper, course, episode and category, for the client-side search. */
export function buildSearchIndex(ctx: SiteContext): SearchEntry[] {
  return Array.from(searchItems(ctx), ([, entry]) => entry());
}

/**
 * An earlier build's search index entries: the JSON of the entry of an item's route, given only
 * when nothing the route shows has changed since (its input key is the same).
 */
export interface SearchIndexCache {
  get(path: string): Uint8Array | undefined;
}

const OPEN = Buffer.from("[");
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]\n");

/**
 * `JSON.stringify(buildSearchIndex(ctx))` and a newline, as UTF-8 bytes; entries the cache has
 * are copied as they are (a one-note rebuild would otherwise extract the text of every note).
 */
export function renderSearchIndex(ctx: SiteContext, cache?: SearchIndexCache): Uint8Array {
  const parts: Uint8Array[] = [OPEN];
  for (const [path, entry] of searchItems(ctx)) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(cache?.get(path) ?? Buffer.from(JSON.stringify(entry())));
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
