import type { Paper } from "../../core/index.js";
import { splitName } from "./names.js";

/** One paper as a CSL-JSON item (the mapping: docs/importing.md#bibliographies). */
export function cslItem(paper: Paper, key: string): Record<string, unknown> {
  const item: Record<string, unknown> = { id: key, type: paper.type ?? "article-journal" };
  const set = (name: string, value: unknown) => {
    if (value !== undefined && value !== "") item[name] = value;
  };
  set("title", paper.title);
  if (paper.short !== (paper.title ?? key)) set("title-short", paper.short);
  if (paper.authors.length > 0) item.author = paper.authors.map(splitName);
  const date = paper.date ?? (paper.year === undefined ? undefined : String(paper.year));
  if (date) item.issued = { "date-parts": [date.split("-").map(Number)] };
  set("container-title", paper.venue);
  set("volume", paper.volume);
  set("issue", paper.issue);
  set("page", paper.pages);
  set("publisher", paper.publisher);
  set("DOI", paper.ids.doi);
  set("ISBN", paper.ids.isbn);
  set("URL", paper.links[0]?.url);
  if (paper.tags.length > 0) set("keyword", paper.tags.join(", "));
  set("abstract", paper.abstract);
  // CSL has no arXiv field: Zotero and Better BibTeX carry it in `note` as `arXiv: ID`.
  if (paper.ids.arxiv) set("note", `arXiv: ${paper.ids.arxiv}`);
  return item;
}

/** Papers as a CSL-JSON array, each under its key from `keys` (paper id → citekey). */
export function writeCslJson(papers: readonly Paper[], keys: ReadonlyMap<string, string>): string {
  return `${JSON.stringify(
    papers.map((p) => cslItem(p, keys.get(p.id) ?? p.id)),
    null,
    2,
  )}\n`;
}
