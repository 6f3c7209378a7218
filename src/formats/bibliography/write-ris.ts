import type { Paper } from "../../core/index.js";
import { entryTypeRow } from "./entry-types.js";
import { splitName } from "./names.js";
import { RIS_DIALECTS } from "./ris-tags.js";

const TAGS = RIS_DIALECTS.ris;
/** The tag a text field is written under: its row's first in ris-tags.ts. */
const tagOf = (field: keyof typeof TAGS.text) => TAGS.text[field][0] as string;

/** One paper as an RIS record (the mapping: ris-tags.ts, docs/importing.md#bibliographies). */
export function risRecord(paper: Paper, key: string): string {
  const lines: string[] = [];
  const tag = (name: string, value: string | undefined) => {
    // A value on one line: RIS has no continuation a reader can be sure of.
    if (value !== undefined && value !== "")
      lines.push(`${name}  - ${value.replace(/\s*\n\s*/g, " ")}`);
  };
  tag(TAGS.type, entryTypeRow(paper.type).ris);
  tag(TAGS.key as string, key);
  tag(tagOf("title"), paper.title);
  if (paper.short !== (paper.title ?? key)) tag(tagOf("short"), paper.short);
  for (const a of paper.authors) {
    const n = splitName(a);
    tag(
      TAGS.authors[0] as string,
      n.literal ?? [n.family, n.given, n.suffix].filter(Boolean).join(", "),
    );
  }
  if (paper.date) tag("DA", paper.date.replaceAll("-", "/"));
  tag("PY", paper.year === undefined ? undefined : String(paper.year));
  // JO is a journal's name; T2 the "secondary title" of anything else (a proceedings, a book).
  tag(paper.type === "article-journal" ? "JO" : "T2", paper.venue);
  tag(tagOf("volume"), paper.volume);
  tag(tagOf("issue"), paper.issue);
  const [start, end, ...rest] = (paper.pages ?? "").split("–");
  if (rest.length === 0 && end !== undefined) {
    tag(TAGS.startPage, start);
    tag(TAGS.endPage, end);
  } else tag(TAGS.startPage, paper.pages);
  tag(tagOf("publisher"), paper.publisher);
  tag(tagOf("doi"), paper.ids.doi);
  tag(TAGS.isbn[0] as string, paper.ids.isbn);
  // RIS has no arXiv tag: the accession number carries it, as `arXiv:ID`.
  if (paper.ids.arxiv) tag(TAGS.accession as string, `arXiv:${paper.ids.arxiv}`);
  for (const l of paper.links) tag(TAGS.urls[0] as string, l.url);
  for (const t of paper.tags) tag(TAGS.tags[0] as string, t);
  tag(tagOf("abstract"), paper.abstract);
  lines.push("ER  - ");
  return lines.join("\n");
}

/** Papers as an RIS file, each under its key from `keys` (paper id → citekey). */
export function writeRis(papers: readonly Paper[], keys: ReadonlyMap<string, string>): string {
  return papers.map((p) => `${risRecord(p, keys.get(p.id) ?? p.id)}\n`).join("\n");
}
