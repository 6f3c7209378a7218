/**
 * RIS (and Web of Science's tagged export) read by hand, not by a package. Measured on the 13
 * fixtures (docs/performance.md, 2026-12-03): @citation-js/plugin-ris reads 8 (it throws on a
 * BOM, on WoS, and for a whole file on one date it cannot read), astrocite-ris 7; both map RIS
 * to CSL-JSON, a second mapping between a format and the model where STYLE.md wants one table
 * (ris-tags.ts). A line format of tags is one linear scan here.
 */
import { type BibliographyImport, type BibRecord, isoDate } from "./bib-record.js";
import { typeFromRis } from "./entry-types.js";
import { type Left, makePapers } from "./make-papers.js";
import { RIS_DIALECTS, RIS_FRAME, type RisDialect, WOS_TYPES } from "./ris-tags.js";

/** One record as written: its tags' values in order, and its first and last line (0-based). */
interface RisEntry {
  first: number;
  last: number;
  tags: Map<string, string[]>;
}

const RIS_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;
const WOS_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;
const WOS_MORE = /^ {3}(.*)$/;
/** WoS files open with `FN` (file name) or go straight to `PT`. */
const WOS_HEAD = /^(?:FN |PT [A-Z]\s*$)/;

/** Splits a text into records: RIS's `TY`…`ER`, WoS's `PT`…`ER`; outside lines are no entry. */
function risEntries(lines: readonly string[], wos: boolean, dialect: RisDialect): RisEntry[] {
  const entries: RisEntry[] = [];
  const start = dialect.type;
  let open: RisEntry | undefined;
  let tag = "";
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, "");
    const m = (wos ? WOS_LINE : RIS_LINE).exec(line);
    const more = wos ? WOS_MORE.exec(raw) : undefined;
    if (m && !(wos && more)) {
      tag = m[1] as string;
      const value = (m[2] ?? "").trim();
      if (tag === "ER") {
        if (open) open.last = i;
        open = undefined;
        return;
      }
      if (!open) {
        if (tag !== start) return;
        open = { first: i, last: i, tags: new Map() };
        entries.push(open);
      }
      open.last = i;
      const values = open.tags.get(tag) ?? [];
      values.push(value);
      open.tags.set(tag, values);
      return;
    }
    if (!open || line.trim() === "") return;
    // A line with no tag goes on the value above: one more value of a list, or more text.
    open.last = i;
    const values = open.tags.get(tag);
    if (!values) return;
    const text = (more?.[1] ?? line).trim();
    if (dialect.listTags.has(tag)) values.push(text);
    else values[values.length - 1] = `${values[values.length - 1] ?? ""} ${text}`.trim();
  });
  return entries;
}

/** `Family, Given, Suffix` (RIS's and WoS's order) as the model's `Given Family Suffix`. */
function nameOf(value: string): string {
  const [family, given, ...rest] = value.split(",").map((p) => p.trim());
  return [given, family, ...rest].filter(Boolean).join(" ");
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** WoS's `PY 2004` + `PD JUN 8` → `2004/06/08`. */
function wosDate(year: string | undefined, monthDay: string | undefined): string | undefined {
  if (!year) return undefined;
  const m = /^([A-Z]{3})[A-Z]*(?:\s+(\d{1,2}))?/.exec(monthDay?.trim().toUpperCase() ?? "");
  const month = m ? MONTHS.indexOf(m[1] as string) + 1 : 0;
  if (month === 0) return year;
  return [year, month, m?.[2]].filter(Boolean).join("/");
}

/** ISBNs, one or more (10 or 13 digits each); an ISSN (8) or a report number is not one. */
const isIsbn = (s: string) => /^[\dX\s-]+$/i.test(s) && s.replace(/[^\dX]/gi, "").length >= 10;
/** A key has a letter and no space (a bare number is a database's record number). */
const isKey = (s: string) => /\p{L}/u.test(s) && /^\S+$/.test(s);

/** One record as a record of plain text, by the dialect's table. */
function recordOf(e: RisEntry, d: RisDialect, left: (tag: string) => void): BibRecord {
  const used = new Set<string>();
  const first = (tags: readonly string[]) => {
    const present = tags.filter((t) => (e.tags.get(t) ?? []).some((v) => v !== ""));
    for (const t of present.slice(1)) left(t);
    const tag = present[0];
    if (tag === undefined) return undefined;
    used.add(tag);
    return (e.tags.get(tag) as string[]).filter((v) => v !== "");
  };
  for (const t of [...d.tags, ...d.urls, d.startPage, d.endPage, d.type]) used.add(t);
  const r: BibRecord = { line: e.first + 1, authors: [], urls: [], tags: [] };
  for (const [field, tags] of Object.entries(d.text)) {
    r[field as keyof typeof d.text] = first(tags)?.[0];
  }
  const all = (tags: readonly string[]) =>
    tags.flatMap((t) => (e.tags.get(t) ?? []).filter((v) => v !== ""));
  const names = d.authorsFrom === "all" ? all(d.authors) : (first(d.authors) ?? []);
  r.authors = names.map(nameOf).filter((a) => a !== "");
  r.tags = all(d.tags).flatMap((t) => (d.tagSplit ? t.split(d.tagSplit) : [t]));
  // A UR holding several addresses (`a; b`) is one link each.
  r.urls = all(d.urls).flatMap((u) => u.split(/;\s+/));
  const [sp] = all([d.startPage]);
  const [ep] = all([d.endPage]);
  r.pages = sp && ep ? `${sp}–${ep}` : (sp ?? ep);
  const rawType = all([d.type])[0] ?? "";
  r.type = (d === RIS_DIALECTS.wos ? WOS_TYPES[rawType] : typeFromRis(rawType)) ?? "document";
  if (rawType !== "" && r.type === "document" && rawType.toUpperCase() !== "GEN") {
    left(`${d.type} ${rawType}`);
  }
  if (all([d.type]).length > 1) left(d.type);
  const dates = d.dates.map((t) => all([t])[0]);
  if (d.monthDay) dates[0] = wosDate(dates[0], all([d.monthDay])[0]);
  if (d.monthDay) used.add(d.monthDay);
  for (const t of d.dates) used.add(t);
  r.date = dates
    .map((v) => isoDate(v))
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => b.length - a.length)[0];
  if (d.key) {
    used.add(d.key);
    const key = all([d.key])[0];
    if (key && isKey(key)) r.citekey = key;
    else if (key) left(d.key);
  }
  for (const t of d.isbn) {
    used.add(t);
    for (const v of all([t])) {
      if (isIsbn(v) && r.isbn === undefined) r.isbn = v;
      else left(t);
    }
  }
  if (d.accession) {
    used.add(d.accession);
    const an = all([d.accession])[0];
    const arxiv = /^arxiv:\s*(\S+)$/i.exec(an ?? "")?.[1];
    if (arxiv) r.arxiv = arxiv;
    else if (an) left(d.accession);
  }
  for (const tag of e.tags.keys()) {
    const listed = Object.values(d.text).some((tags) => tags.includes(tag));
    if (!used.has(tag) && !listed && !d.authors.includes(tag) && !RIS_FRAME.has(tag)) left(tag);
  }
  return r;
}

/**
 * Reads RIS (EndNote's, Zotero's, Scopus's, PubMed's…) or Web of Science's tagged export into the
 * model by the tables of ris-tags.ts. Every record is a paper or a `bib-entry-not-mapped`
 * diagnostic with its line; tags no field takes are counted in `fieldsLeft`. CRLF, a BOM and
 * values continued on the next line all read.
 * @example parseRis("TY  - JOUR\nTI  - Deep learning\nER  - \n", { file: "refs.ris" }).papers[0]?.title // "Deep learning"
 */
export function parseRis(input: string, opts: { file: string }): BibliographyImport {
  const lines = input.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  const head = lines.find((l) => l.replace(/^[\s\ufeff]+/, "") !== "") ?? "";
  const wos = WOS_HEAD.test(head.replace(/^[\s\ufeff]+/, ""));
  const dialect = wos ? RIS_DIALECTS.wos : RIS_DIALECTS.ris;
  const entries = risEntries(
    lines.map((l) => l.replace(/^\ufeff/, "")),
    wos,
    dialect,
  );
  const read = (left: Left) =>
    entries.map((e) => ({
      item: e,
      first: e.first,
      last: e.last,
      record: recordOf(e, dialect, left),
    }));
  return makePapers(opts.file, read, {
    what: "record",
    notMapped: ({ item }) => ({
      message: `${dialect.type}  - ${item.tags.get(dialect.type)?.[0] ?? ""}: no title, author or identifier to make a paper of; not imported`,
      hint: "Give the record a TI (title) line; the other records were imported.",
    }),
  });
}
