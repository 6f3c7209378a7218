import type { Paper } from "../../core/index.js";
import { CSL_FIELDS, type CslTextField } from "./csl-fields.js";
import { splitName } from "./names.js";

/** The model's value of a table row's field. */
function fieldValue(paper: Paper, field: CslTextField): string | undefined {
  if (field === "doi" || field === "isbn") return paper.ids[field];
  return paper[field];
}

/** One paper as a CSL-JSON item (the mapping: csl-fields.ts, docs/importing.md#bibliographies). */
export function cslItem(paper: Paper, key: string): Record<string, unknown> {
  // `citation-key` is CSL 1.0.2's, `id` what older readers (Pandoc before 3, Zotero) take.
  const item: Record<string, unknown> = {
    id: key,
    "citation-key": key,
    type: paper.type ?? "article-journal",
  };
  const set = (name: string, value: unknown) => {
    if (value !== undefined && value !== "") item[name] = value;
  };
  if (paper.authors.length > 0) item.author = paper.authors.map(splitName);
  const date = paper.date ?? (paper.year === undefined ? undefined : String(paper.year));
  if (date) item.issued = { "date-parts": [date.split("-").map(Number)] };
  for (const row of CSL_FIELDS) {
    // The short name is written only when it is not what a reader makes of the title or key.
    if (row.field === "short" && paper.short === (paper.title ?? key)) continue;
    set(row.csl[0] as string, fieldValue(paper, row.field));
  }
  set("URL", paper.links[0]?.url);
  if (paper.tags.length > 0) set("keyword", paper.tags.join(", "));
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
