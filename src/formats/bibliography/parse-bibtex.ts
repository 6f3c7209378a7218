import { type Creator, type Entry, parse } from "@retorquere/bibtex-parser";
import {
  type BibliographyImport,
  type BibRecord,
  emptyBibliography,
  hasSubstance,
  PaperMaker,
} from "./bib-record.js";
import { typeFromBib } from "./entry-types.js";
import { decodeTex } from "./tex-text.js";

/**
 * The fields an entry's paper is made of; any other field is counted as left (the report names
 * them). `venue` takes the first of its fields the entry has, `publisher` likewise.
 */
const VENUE_FIELDS = ["journaltitle", "journal", "booktitle", "eventtitle", "series"] as const;
const PUBLISHER_FIELDS = ["publisher", "school", "institution", "organization"] as const;
const KEPT = new Set<string>([
  "title",
  "subtitle",
  "shorttitle",
  "author",
  "year",
  "date",
  "month",
  "day",
  ...VENUE_FIELDS,
  "volume",
  "number",
  "issue",
  "pages",
  ...PUBLISHER_FIELDS,
  "abstract",
  "doi",
  "eprint",
  "eprinttype",
  "archiveprefix",
  "arxivid",
  "isbn",
  "url",
  "keywords",
]);

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function monthNumber(text: string | undefined): number | undefined {
  const t = text?.trim().toLowerCase() ?? "";
  if (/^\d{1,2}$/.test(t)) return Number(t) >= 1 && Number(t) <= 12 ? Number(t) : undefined;
  const i = MONTHS.indexOf(t.slice(0, 3));
  return i >= 0 ? i + 1 : undefined;
}

/** An author as the model writes names: `Given von Family, Jr.` decoded (`G{\"o}del` → `Gödel`). */
function creatorName(c: Creator): string {
  if (c.name !== undefined) return decodeTex(c.name);
  return decodeTex([c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(" "));
}

type Fields = Entry["fields"];

function text(fields: Fields, name: string): string | undefined {
  const v = (fields as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  const joined = Array.isArray(v) ? v.map(String).join("; ") : String(v);
  const decoded = decodeTex(joined);
  return decoded === "" ? undefined : decoded;
}

function list(fields: Fields, name: string): string[] {
  const v = (fields as Record<string, unknown>)[name];
  if (v === undefined) return [];
  const items = Array.isArray(v) ? v.map(String) : String(v).split(/[,;]/);
  return items.map(decodeTex).filter((s) => s !== "");
}

/** An entry's date: `date` (BibLaTeX) else `year` + `month` + `day`. */
function entryDate(fields: Fields): { year?: number; date?: string } {
  const date = text(fields, "date");
  if (date && /^\d{4}/.test(date)) return { date };
  const year = /\d{4}/.exec(text(fields, "year") ?? "")?.[0];
  if (!year) return {};
  const month = monthNumber(text(fields, "month"));
  const day = Number(text(fields, "day") ?? "");
  const mm = month === undefined ? "" : `-${String(month).padStart(2, "0")}`;
  const dd = month !== undefined && day >= 1 && day <= 31 ? `-${String(day).padStart(2, "0")}` : "";
  return { year: Number(year), date: `${year}${mm}${dd}` };
}

function arxivOf(fields: Fields): string | undefined {
  const kind = (text(fields, "eprinttype") ?? text(fields, "archiveprefix") ?? "").toLowerCase();
  if (kind === "arxiv") return text(fields, "eprint");
  return text(fields, "arxivid");
}

/** One parsed entry as a record of plain text. */
function recordOf(entry: Entry, line: number): BibRecord {
  const f = entry.fields;
  const title = text(f, "title");
  const subtitle = text(f, "subtitle");
  const first = <T extends readonly string[]>(names: T) =>
    names.map((n) => text(f, n)).find((v) => v !== undefined);
  return {
    line,
    citekey: entry.key,
    type: typeFromBib(entry.type) ?? "document",
    title: title && subtitle ? `${title}: ${subtitle}` : (title ?? subtitle),
    short: text(f, "shorttitle"),
    authors: (f.author ?? []).map(creatorName).filter((a) => a !== ""),
    ...entryDate(f),
    venue: first(VENUE_FIELDS),
    volume: text(f, "volume"),
    issue: text(f, "number") ?? text(f, "issue"),
    pages: text(f, "pages"),
    publisher: first(PUBLISHER_FIELDS),
    abstract: text(f, "abstract"),
    doi: text(f, "doi"),
    arxiv: arxivOf(f),
    isbn: text(f, "isbn"),
    urls: list(f, "url").length > 0 ? [text(f, "url") as string] : [],
    tags: list(f, "keywords"),
  };
}

/** The key of the entry a text starts with (a parse error names the entry by its text). */
const keyOf = (text: string) => /^\s*@\s*[a-z]+\s*[{(]\s*([^,\s]*)/i.exec(text)?.[1];

/** Where each entry starts: `@type{key,` at a line's start (comments, strings, preambles skipped). */
const ENTRY_START = /^[ \t]*@[ \t]*([a-z]+)[ \t]*[{(][ \t]*([^,\s]*)/gim;
const NOT_ENTRY = new Set(["comment", "string", "preamble"]);

interface Start {
  type: string;
  key: string;
  /** 0-based line index. */
  index: number;
}

function entryStarts(text: string): Start[] {
  const starts: Start[] = [];
  let line = 0;
  let last = 0;
  for (const m of text.matchAll(ENTRY_START)) {
    const type = (m[1] as string).toLowerCase();
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    if (!NOT_ENTRY.has(type)) starts.push({ type, key: m[2] as string, index: line });
  }
  return starts;
}

/**
 * Reads BibTeX or BibLaTeX with @retorquere/bibtex-parser (raw: its TeX kept, decoded here so
 * math stays as written) into the model. Every entry is a paper or a `bib-entry-not-mapped`
 * diagnostic with its line; the fields no paper field takes are counted in `fieldsLeft`.
 * @example parseBibtex("@article{he2016deep, title={Deep Residual Learning}}", { file: "refs.bib" }).papers[0]?.citekey // "he2016deep"
 */
export function parseBibtex(input: string, opts: { file: string }): BibliographyImport {
  const out = emptyBibliography();
  const lines = input.split("\n").length;
  const starts = entryStarts(input);
  const library = parse(input, { raw: true, unsupported: "ignore" });
  const maker = new PaperMaker(opts.file, out);
  maker.reserve(library.entries.map((e) => e.key));
  let next = 0;
  const mapped = new Set<number>();
  for (const entry of library.entries) {
    let at = next;
    while (at < starts.length && starts[at]?.key !== entry.key) at++;
    const start = at < starts.length ? at : undefined;
    if (start !== undefined) {
      next = start + 1;
      mapped.add(start);
    }
    const index = start === undefined ? 0 : (starts[start] as Start).index;
    const record = recordOf(entry, index + 1);
    if (!hasSubstance(record)) {
      if (start !== undefined) mapped.delete(start);
      continue;
    }
    const problem = library.errors.find((e) => e.input && keyOf(e.input) === entry.key);
    if (problem) {
      out.diagnostics.push({
        level: "warning",
        rule: "bib-entry-problem",
        message: `@${entry.type}{${entry.key}: ${problem.error.replace(/ at line \d+.*$/s, "")}; read as far as it goes`,
        file: opts.file,
        line: index + 1,
        hint: "Check the entry's braces, quotes and commas, then import the file again.",
      });
    }
    maker.add(record);
    for (const name of Object.keys(entry.fields)) if (!KEPT.has(name)) maker.left(name);
    const end = start === undefined ? index : (starts[start + 1]?.index ?? lines);
    for (let i = index; i < end; i++) out.accounted.set(i, `entry ${entry.key}`);
  }
  out.entries = Math.max(starts.length, library.entries.length);
  starts.forEach((s, i) => {
    if (mapped.has(i)) return;
    out.notMapped++;
    out.diagnostics.push({
      level: "error",
      rule: "bib-entry-not-mapped",
      message: `@${s.type}{${s.key}: no title, author or identifier to make a paper of; not imported`,
      file: opts.file,
      line: s.index + 1,
      hint: "Give the entry a title (or check its braces and commas); the other entries were imported.",
    });
  });
  return out;
}
