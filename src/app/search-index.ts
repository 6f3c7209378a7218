import { type SearchableItem, searchDocument } from "../core/index.js";
import { paths } from "./paths.js";
import { plainText } from "./search-split.js";
import type { SiteContext } from "./site-context.js";
import { textMemo } from "./text-memo.js";

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

/** Markdown to searchable text, cut at `MAX_TEXT` (the split index's `plainText`, whole). */
const searchText = (markdown: string): string => plainText(markdown, MAX_TEXT);

/**
 * An entry's JSON, kept by its document's body (most of an index's bytes are note text, escaped):
 * reused when the entry's other parts are the same, so a one-note rebuild converts one note.
 */
const byBody = textMemo(
  () => ({ kind: "", title: "", url: "", summary: "", json: "" }) as Record<string, string>,
);

function entryJson(path: string, searchable: SearchableItem, ctx: SiteContext): string {
  const doc = searchDocument(searchable, { paperName: (id) => ctx.paper(id)?.short });
  const url = ctx.href(path);
  const known = byBody(doc.body);
  if (
    known.kind === doc.kind &&
    known.title === doc.name &&
    known.url === url &&
    known.summary === doc.summary
  ) {
    return known.json as string;
  }
  const entry: SearchEntry = {
    kind: doc.kind,
    title: doc.name,
    url,
    summary: searchText(doc.summary),
    text: searchText(doc.body),
  };
  const json = JSON.stringify(entry);
  Object.assign(known, { kind: doc.kind, title: doc.name, url, summary: doc.summary, json });
  return json;
}

/** Each item's route and what its search document is made from, in the index's order. */
function* searchItems(ctx: SiteContext): Generator<[path: string, item: SearchableItem]> {
  for (const course of ctx.library.courses) {
    yield [paths.course(course.id), { kind: "course", course }];
    for (const episode of course.episodes) {
      yield [paths.episode(course.id, episode.number), { kind: "episode", episode }];
    }
  }
  for (const paper of ctx.library.papers) yield [paths.paper(paper.id), { kind: "paper", paper }];
  for (const category of ctx.library.categories) {
    yield [paths.category(category.id), { kind: "category", category }];
  }
}

/**
 * The client-side search index: a JSON array of every course, episode, paper and category
 * (`SearchEntry`) and a newline.
 */
export function renderSearchIndex(ctx: SiteContext): string {
  const entries: string[] = [];
  for (const [path, item] of searchItems(ctx)) entries.push(entryJson(path, item, ctx));
  return `[${entries.join(",")}]\n`;
}
