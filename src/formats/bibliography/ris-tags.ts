/**
 * RIS and Web of Science's tagged format ↔ the model, as data: which tags each record field is
 * read from, in order (the first tag a record has wins; another of the row's tags it also has is
 * counted as left). The writer (write-ris.ts) writes the first RIS tag of each text row. Any
 * tag no row names is counted as left, so the report says what was not kept.
 */
import type { BibRecord } from "./bib-record.js";

export type RisTextField =
  | "title"
  | "short"
  | "venue"
  | "volume"
  | "issue"
  | "publisher"
  | "abstract"
  | "doi";

export interface RisDialect {
  /** Text fields: the tags each is read from, in order. */
  text: Record<RisTextField & keyof BibRecord, readonly string[]>;
  /** Names, one a value (`Family, Given, Suffix`). */
  authors: readonly string[];
  /** `all`: every tag's names in turn (RIS's AU and A1 are both authors); `first`: one tag's. */
  authorsFrom: "all" | "first";
  /** One keyword a value; `split` cuts a value into several (WoS: `a; b`). */
  tags: readonly string[];
  tagSplit?: RegExp;
  urls: readonly string[];
  startPage: string;
  endPage: string;
  /** Dates, `YYYY/MM/DD/other`: the most precise of the first values wins. */
  dates: readonly string[];
  /** WoS's publication day (`JUN 8`), beside the year. */
  monthDay?: string;
  type: string;
  /** The record's key, when it has a letter (a bare number is a database's record number). */
  key?: string;
  /** ISBN; an ISSN under the same tag is left. */
  isbn: readonly string[];
  /** The accession number: `arXiv:ID` gives the arXiv id. */
  accession?: string;
  /** Tags whose continuation lines are more values, not more text (WoS). */
  listTags: ReadonlySet<string>;
}

export const RIS_DIALECTS: { ris: RisDialect; wos: RisDialect } = {
  ris: {
    text: {
      title: ["TI", "T1", "CT", "BT"],
      short: ["ST"],
      // JO for a journal article, T2 otherwise (the writer's choice); then the others readers see.
      venue: ["JO", "T2", "JF", "JA", "J2"],
      // `VO` is not RIS's, but exports write it (rispy's fixture).
      volume: ["VL", "VO"],
      issue: ["IS"],
      publisher: ["PB"],
      abstract: ["AB", "N2"],
      doi: ["DO"],
    },
    authors: ["AU", "A1"],
    authorsFrom: "all",
    tags: ["KW"],
    urls: ["UR"],
    startPage: "SP",
    endPage: "EP",
    dates: ["DA", "PY", "Y1"],
    type: "TY",
    key: "ID",
    isbn: ["SN"],
    accession: "AN",
    listTags: new Set(),
  },
  wos: {
    text: {
      title: ["TI"],
      short: [],
      venue: ["SO"],
      volume: ["VL"],
      issue: ["IS"],
      publisher: ["PU"],
      abstract: ["AB"],
      doi: ["DI"],
    },
    // AF is the full name, AU the abbreviated one.
    authors: ["AF", "AU"],
    authorsFrom: "first",
    tags: ["DE"],
    tagSplit: /;\s*/,
    urls: [],
    startPage: "BP",
    endPage: "EP",
    dates: ["PY"],
    monthDay: "PD",
    type: "PT",
    isbn: ["BN"],
    listTags: new Set(["AU", "AF", "BA", "BF", "CA", "ED", "C1", "CR", "EM", "RI", "OI", "FU"]),
  },
};

/** Tags that frame a record or a file and hold nothing to keep. */
export const RIS_FRAME = new Set(["ER", "EF", "FN", "VR"]);

/** WoS's `PT` (publication type) as the model's type. */
export const WOS_TYPES: Record<string, string> = {
  J: "article-journal",
  B: "book",
  S: "book",
  C: "paper-conference",
  P: "patent",
};
