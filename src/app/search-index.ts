import type { SearchDocument } from "../core/index.js";
import { plainText } from "./search-split.js";

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

/** An item's entry of `search-index.json`, as JSON. */
export function searchEntryJson(doc: SearchDocument, url: string): string {
  const entry: SearchEntry = {
    kind: doc.kind,
    title: doc.name,
    url,
    summary: searchText(doc.summary),
    text: searchText(doc.body),
  };
  return JSON.stringify(entry);
}

/**
 * The whole search index in one file (`search-index.json`, for tools that read it): a JSON
 * array of every course, episode, paper and category (`SearchEntry`), in the split index's
 * order, and a newline. Made with the split index (library-split.ts), by item.
 */
export const searchIndexJson = (entries: readonly string[]): string => `[${entries.join(",")}]\n`;
