import type { Paper } from "../../core/index.js";
import { entryTypeRow } from "./entry-types.js";
import { splitName } from "./names.js";

/** One paper as an RIS record (the mapping: docs/importing.md#bibliographies). */
export function risRecord(paper: Paper, key: string): string {
  const lines: string[] = [];
  const tag = (name: string, value: string | undefined) => {
    // A value on one line: RIS has no continuation a reader can be sure of.
    if (value !== undefined && value !== "")
      lines.push(`${name}  - ${value.replace(/\s*\n\s*/g, " ")}`);
  };
  tag("TY", entryTypeRow(paper.type).ris);
  tag("ID", key);
  tag("TI", paper.title);
  if (paper.short !== (paper.title ?? key)) tag("ST", paper.short);
  for (const a of paper.authors) {
    const n = splitName(a);
    tag("AU", n.literal ?? [n.family, n.given, n.suffix].filter(Boolean).join(", "));
  }
  if (paper.date) tag("DA", paper.date.replaceAll("-", "/"));
  tag("PY", paper.year === undefined ? undefined : String(paper.year));
  tag(paper.type === "article-journal" ? "JO" : "T2", paper.venue);
  tag("VL", paper.volume);
  tag("IS", paper.issue);
  const [start, end, ...rest] = (paper.pages ?? "").split("–");
  if (rest.length === 0 && end !== undefined) {
    tag("SP", start);
    tag("EP", end);
  } else tag("SP", paper.pages);
  tag("PB", paper.publisher);
  tag("DO", paper.ids.doi);
  tag("SN", paper.ids.isbn);
  // RIS has no arXiv tag: the accession number carries it, as `arXiv:ID`.
  if (paper.ids.arxiv) tag("AN", `arXiv:${paper.ids.arxiv}`);
  for (const l of paper.links) tag("UR", l.url);
  for (const t of paper.tags) tag("KW", t);
  tag("AB", paper.abstract);
  lines.push("ER  - ");
  return lines.join("\n");
}

/** Papers as an RIS file, each under its key from `keys` (paper id → citekey). */
export function writeRis(papers: readonly Paper[], keys: ReadonlyMap<string, string>): string {
  return papers.map((p) => `${risRecord(p, keys.get(p.id) ?? p.id)}\n`).join("\n");
}
