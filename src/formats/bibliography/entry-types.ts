/**
 * The kinds of work, as data: the model's `type` (CSL's vocabulary) and its name in BibTeX,
 * BibLaTeX and RIS. The first row naming a type is the one an export writes; other names read
 * (`conference`, `mastersthesis`, `CPAPER`) are in `READ_ALSO`. Every written name reads back as
 * the type it was written from, so an export imports again unchanged.
 */
export interface EntryTypeRow {
  /** The model's type (CSL). */
  csl: string;
  /** Classic BibTeX; a type it lacks is written with its BibLaTeX name (styles read it as misc). */
  bibtex: string;
  biblatex: string;
  ris: string;
}

export const ENTRY_TYPES: readonly EntryTypeRow[] = [
  { csl: "article-journal", bibtex: "article", biblatex: "article", ris: "JOUR" },
  { csl: "article-magazine", bibtex: "magazine", biblatex: "magazine", ris: "MGZN" },
  { csl: "article-newspaper", bibtex: "newspaper", biblatex: "newspaper", ris: "NEWS" },
  { csl: "paper-conference", bibtex: "inproceedings", biblatex: "inproceedings", ris: "CONF" },
  { csl: "book", bibtex: "book", biblatex: "book", ris: "BOOK" },
  { csl: "chapter", bibtex: "incollection", biblatex: "incollection", ris: "CHAP" },
  { csl: "thesis", bibtex: "phdthesis", biblatex: "thesis", ris: "THES" },
  { csl: "report", bibtex: "techreport", biblatex: "report", ris: "RPRT" },
  { csl: "manuscript", bibtex: "unpublished", biblatex: "unpublished", ris: "UNPB" },
  { csl: "webpage", bibtex: "online", biblatex: "online", ris: "ELEC" },
  { csl: "patent", bibtex: "patent", biblatex: "patent", ris: "PAT" },
  { csl: "dataset", bibtex: "dataset", biblatex: "dataset", ris: "DATA" },
  { csl: "software", bibtex: "software", biblatex: "software", ris: "COMP" },
  { csl: "pamphlet", bibtex: "booklet", biblatex: "booklet", ris: "PAMP" },
  { csl: "entry-encyclopedia", bibtex: "inreference", biblatex: "inreference", ris: "ENCYC" },
  { csl: "legislation", bibtex: "legislation", biblatex: "legislation", ris: "STAT" },
  { csl: "standard", bibtex: "standard", biblatex: "standard", ris: "STAND" },
  { csl: "document", bibtex: "misc", biblatex: "misc", ris: "GEN" },
];

/** Names that read as a type but are never written. */
const READ_ALSO: Record<"bibtex" | "ris", Record<string, string>> = {
  bibtex: {
    conference: "paper-conference",
    proceedings: "book",
    mvbook: "book",
    collection: "book",
    reference: "book",
    manual: "report",
    inbook: "chapter",
    bookinbook: "chapter",
    suppbook: "chapter",
    mastersthesis: "thesis",
    thesis: "thesis",
    report: "report",
    electronic: "webpage",
    www: "webpage",
    periodical: "article-journal",
    suppperiodical: "article-journal",
    data: "dataset",
  },
  ris: {
    CPAPER: "paper-conference",
    EJOUR: "article-journal",
    JFULL: "article-journal",
    ABST: "article-journal",
    INPR: "article-journal",
    EBOOK: "book",
    EDBOOK: "book",
    ECHAP: "chapter",
    WEB: "webpage",
    BLOG: "webpage",
    MANSCPT: "manuscript",
    BILL: "legislation",
    DBASE: "dataset",
    // EndNote writes a type's name where RIS has a code (rispy's UTF-8 fixture).
    "JOURNAL ARTICLE": "article-journal",
  },
};

type Format = "bibtex" | "biblatex" | "ris";

const byName = (format: Format, fold: (s: string) => string) => {
  const map = new Map<string, string>();
  for (const row of ENTRY_TYPES) {
    if (!map.has(fold(row[format]))) map.set(fold(row[format]), row.csl);
  }
  return map;
};
const lower = (s: string) => s.toLowerCase();
const upper = (s: string) => s.toUpperCase();
const FROM_BIB = new Map([...byName("biblatex", lower), ...byName("bibtex", lower)]);
for (const [name, csl] of Object.entries(READ_ALSO.bibtex)) FROM_BIB.set(name, csl);
const FROM_RIS = byName("ris", upper);
for (const [name, csl] of Object.entries(READ_ALSO.ris)) FROM_RIS.set(name, csl);
const ROW_OF = new Map(ENTRY_TYPES.map((row) => [row.csl, row]));
/** CSL types with no row of their own, written as the nearest row's. */
const NEAREST: Record<string, string> = { article: "article-journal", post: "webpage" };

/** The model's type for a BibTeX/BibLaTeX entry type (`@inproceedings` → `paper-conference`). */
export function typeFromBib(name: string): string | undefined {
  return FROM_BIB.get(name.toLowerCase());
}

/** The model's type for an RIS `TY` (`JOUR` → `article-journal`). */
export function typeFromRis(name: string): string | undefined {
  return FROM_RIS.get(name.trim().toUpperCase());
}

/** The row an export writes for a model type (`document` when the type has none). */
export function entryTypeRow(type: string | undefined): EntryTypeRow {
  const row = ROW_OF.get(type ?? "") ?? ROW_OF.get(NEAREST[type ?? ""] ?? "");
  return row ?? (ROW_OF.get("document") as EntryTypeRow);
}
