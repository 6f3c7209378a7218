import {
  type Category,
  citekeyBase,
  type Diagnostic,
  type Paper,
  parseArxivId,
  parseDoi,
  slugify,
  uniqueCitekey,
  uniqueId,
  urlPolicyViolation,
} from "../../core/index.js";
import { makePaper } from "../../core/make-items.js";

/** One entry of any bibliography format, already decoded to plain text: what a paper is made of. */
export interface BibRecord {
  /** 1-based line the entry starts on. */
  line: number;
  citekey?: string | undefined;
  type?: string | undefined;
  title?: string | undefined;
  short?: string | undefined;
  authors: string[];
  year?: number | undefined;
  date?: string | undefined;
  venue?: string | undefined;
  volume?: string | undefined;
  issue?: string | undefined;
  pages?: string | undefined;
  publisher?: string | undefined;
  abstract?: string | undefined;
  doi?: string | undefined;
  arxiv?: string | undefined;
  isbn?: string | undefined;
  zotero?: string | undefined;
  urls: string[];
  tags: string[];
}

/** What a bibliography import made: papers, every entry accounted for, and what was left. */
export interface BibliographyImport {
  papers: Paper[];
  diagnostics: Diagnostic[];
  /** Entries found in the text (mapped + not mapped). */
  entries: number;
  notMapped: number;
  /** Field name → how many entries had it and it was not kept (named in the report). */
  fieldsLeft: Map<string, number>;
  /** Line index → what the line was read as (every line of a mapped entry). */
  accounted: Map<number, string>;
  /** The citekeys made up for entries that gave none (or gave one already taken). */
  generatedKeys: Set<string>;
  /** The categories the papers name (Better BibTeX JSON's collections); none for the others. */
  categories?: Category[];
}

export function emptyBibliography(): BibliographyImport {
  return {
    papers: [],
    diagnostics: [],
    entries: 0,
    notMapped: 0,
    fieldsLeft: new Map(),
    accounted: new Map(),
    generatedKeys: new Set(),
  };
}

/** An entry nothing could be made of: counted, and named with its line (`bib-entry-not-mapped`). */
export function entryNotMapped(
  out: BibliographyImport,
  d: { file: string; line: number; message: string; hint: string; level?: "error" | "warning" },
): void {
  out.notMapped++;
  out.diagnostics.push({ level: "error", rule: "bib-entry-not-mapped", ...d });
}

/** Lines `first`…`last` (0-based, inclusive) as read into the paper `what` names. */
export function accountLines(out: BibliographyImport, first: number, last: number, what: string) {
  for (let i = first; i <= last; i++) out.accounted.set(i, what);
}

/** A record a paper can be made of: something names or describes the work. */
export const hasSubstance = (r: BibRecord) =>
  r.title !== undefined ||
  r.short !== undefined ||
  r.authors.length > 0 ||
  r.doi !== undefined ||
  r.arxiv !== undefined ||
  r.urls.length > 0 ||
  r.abstract !== undefined;

const clean = (s: string | undefined) => {
  const t = s?.trim();
  return t === undefined || t === "" ? undefined : t;
};

/** `2016`, `2016-06`, `2016-06-27` from a date as written (`2016-06-27/2016-06-30`, `2016/6`). */
export function isoDate(text: string | undefined): string | undefined {
  const m = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/.exec(text?.trim() ?? "");
  if (!m) return undefined;
  const pad = (s: string | undefined) => (s === undefined ? undefined : s.padStart(2, "0"));
  const month = pad(m[2]);
  const day = pad(m[3]);
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return m[1];
  return [m[1], month, month === undefined ? undefined : day].filter(Boolean).join("-");
}

/** Builds each record's paper: a unique id and citekey, ids checked, URLs by the URL policy. */
export class PaperMaker {
  private readonly ids = new Set<string>();
  private readonly keys = new Set<string>();
  private readonly assigned = new Set<string>();
  /** Where the suffix search of each generated base goes on (see `uniqueCitekey`). */
  private readonly keyCursor = new Map<string, number>();
  constructor(
    private readonly file: string,
    private readonly out: BibliographyImport,
  ) {}

  /** Claims the keys a file gives, before any is generated (a generated key never takes one). */
  reserve(keys: Iterable<string | undefined>): void {
    for (const k of keys) if (k) this.keys.add(k);
  }

  add(r: BibRecord): Paper {
    const links: Paper["links"] = [];
    for (const url of r.urls) {
      const scheme = urlPolicyViolation(url);
      if (scheme !== undefined) {
        this.out.diagnostics.push({
          level: "warning",
          rule: "url-scheme-not-allowed",
          message: `${r.citekey ?? "entry"}: a \`${scheme}\` URL is not kept`,
          file: this.file,
          line: r.line,
        });
      } else if (!links.some((l) => l.url === url)) links.push({ url });
    }
    const ids: Paper["ids"] = {};
    // A DOI written as its resolver's URL (Elsevier's RIS: `http://dx.doi.org/10.…`) is the DOI.
    const doiText = r.doi?.trim().replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, "");
    const doi = doiText ? (parseDoi(doiText) ?? doiText) : undefined;
    if (doi) ids.doi = doi;
    const arxiv = r.arxiv ? parseArxivId(r.arxiv) : undefined;
    if (arxiv) ids.arxiv = r.arxiv?.trim().replace(/^arxiv:\s*/i, "");
    if (r.isbn) ids.isbn = r.isbn;
    if (r.zotero) ids.zotero = r.zotero;
    const title = clean(r.title);
    const date = isoDate(r.date);
    const year = r.year ?? (date ? Number(date.slice(0, 4)) : undefined);
    const base = {
      authors: r.authors,
      year,
      title,
      short: clean(r.short) ?? title ?? clean(r.citekey) ?? "untitled",
    };
    const own = clean(r.citekey);
    // A key the file gives twice is the first entry's; the second gets a generated one.
    const citekey =
      own !== undefined && !this.assigned.has(own)
        ? own
        : uniqueCitekey(citekeyBase(base), this.keys, this.keyCursor);
    this.assigned.add(citekey);
    this.keys.add(citekey);
    if (citekey !== own) this.out.generatedKeys.add(citekey);
    const id = uniqueId(slugify(citekey).slice(0, 100) || "paper", this.ids);
    const paper = makePaper({
      id,
      short: base.short,
      authors: r.authors,
      ids,
      links,
      tags: [...new Set(r.tags.map((t) => t.trim()).filter((t) => t !== ""))],
      citekey,
    });
    const optional = {
      title,
      year: year !== undefined && year >= 1000 && year <= 9999 ? year : undefined,
      type: clean(r.type),
      date: date && date.length > 4 ? date : undefined,
      venue: clean(r.venue),
      volume: clean(r.volume),
      issue: clean(r.issue),
      pages: clean(r.pages),
      publisher: clean(r.publisher),
      abstract: clean(r.abstract),
    };
    for (const [k, v] of Object.entries(optional)) {
      if (v !== undefined) (paper as unknown as Record<string, unknown>)[k] = v;
    }
    this.out.papers.push(paper);
    return paper;
  }

  /** Counts a field the model has no place for. */
  left(field: string): void {
    this.out.fieldsLeft.set(field, (this.out.fieldsLeft.get(field) ?? 0) + 1);
  }
}
