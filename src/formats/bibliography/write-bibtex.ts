import type { Paper } from "../../core/index.js";
import { entryTypeRow } from "./entry-types.js";
import { encodeTex } from "./tex-text.js";

export type BibDialect = "bibtex" | "biblatex";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ARTICLE_TYPES = new Set(["article", "magazine", "newspaper"]);
/** Where a publisher goes by entry type; any of these reads back as the publisher. */
const PUBLISHER_FIELD: Record<string, string> = {
  phdthesis: "school",
  thesis: "institution",
  techreport: "institution",
  report: "institution",
};

/** A field value in braces; `verbatim` values (url, doi, eprint) are written as they are. */
function field(name: string, value: string, verbatim = false, dialect: BibDialect = "bibtex") {
  const text = verbatim ? value : encodeTex(value, { ascii: dialect === "bibtex" });
  return `  ${name} = {${text}},`;
}

function authorList(authors: readonly string[], dialect: BibDialect): string {
  return authors
    .map((a) => {
      const text = encodeTex(a, { ascii: dialect === "bibtex" });
      // A name holding a comma or the word "and" is one name: braced, so it is not split.
      return /,|\sand\s/i.test(a) ? `{${text}}` : text;
    })
    .join(" and ");
}

/**
 * One paper as a BibTeX or BibLaTeX entry under `key`: the model's fields by the mapping in
 * docs/importing.md#bibliographies, titles with their capitals protected and math as written.
 */
export function bibEntry(paper: Paper, key: string, dialect: BibDialect): string {
  const row = entryTypeRow(paper.type);
  const type = dialect === "bibtex" ? row.bibtex : row.biblatex;
  const lines = [`@${type}{${key},`];
  const add = (name: string, value: string | undefined, verbatim = false) => {
    if (value !== undefined && value !== "") lines.push(field(name, value, verbatim, dialect));
  };
  if (paper.title !== undefined) {
    const ascii = dialect === "bibtex";
    lines.push(`  title = {${encodeTex(paper.title, { ascii, protectCase: true })}},`);
  }
  if (paper.short !== (paper.title ?? key)) add("shorttitle", paper.short);
  if (paper.authors.length > 0) lines.push(`  author = {${authorList(paper.authors, dialect)}},`);
  const article = ARTICLE_TYPES.has(row.bibtex);
  const venueField = article ? (dialect === "biblatex" ? "journaltitle" : "journal") : "booktitle";
  add(venueField, paper.venue);
  const date = paper.date;
  if (dialect === "biblatex") add("date", date ?? (paper.year ? String(paper.year) : undefined));
  else {
    add("year", paper.year === undefined ? undefined : String(paper.year));
    const month = date && date.length >= 7 ? MONTHS[Number(date.slice(5, 7)) - 1] : undefined;
    if (month) lines.push(`  month = ${month},`);
    // The day has no BibTeX field: BibLaTeX's `date` carries it (BibTeX styles ignore it).
    if (date && date.length === 10) add("date", date);
  }
  add("volume", paper.volume);
  add("number", paper.issue);
  add("pages", paper.pages);
  add(PUBLISHER_FIELD[type] ?? "publisher", paper.publisher);
  add("doi", paper.ids.doi, true);
  if (paper.ids.arxiv) {
    add("eprint", paper.ids.arxiv, true);
    add("eprinttype", "arxiv");
    if (dialect === "bibtex") add("archiveprefix", "arXiv");
  }
  add("isbn", paper.ids.isbn);
  add("url", paper.links[0]?.url, true);
  if (paper.tags.length > 0) add("keywords", paper.tags.join(", "));
  add("abstract", paper.abstract);
  const last = lines.length - 1;
  lines[last] = (lines[last] as string).replace(/,$/, "");
  lines.push("}");
  return lines.join("\n");
}

/** Papers as a .bib file, each under its key from `keys` (paper id → citekey). */
export function writeBibtex(
  papers: readonly Paper[],
  keys: ReadonlyMap<string, string>,
  dialect: BibDialect,
): string {
  const entries = papers.map((p) => bibEntry(p, keys.get(p.id) ?? p.id, dialect));
  return entries.length === 0 ? "" : `${entries.join("\n\n")}\n`;
}
