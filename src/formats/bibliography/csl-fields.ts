/**
 * CSL-JSON ↔ the model, as data (citation-js's pivot idea): the record's text fields and the
 * CSL variables each is read from. The writer (write-csl-json.ts) writes the first variable of a
 * row, the reader (parse-csl-json.ts) takes the first one an item has; a variable a row names
 * that an item also has is counted as left. Names, dates, the key, the type, the URL, keywords
 * and `note` are mapped by hand beside the table (each has a shape of its own).
 */
import type { BibRecord } from "./bib-record.js";

export type CslTextField =
  | "title"
  | "short"
  | "venue"
  | "volume"
  | "issue"
  | "pages"
  | "publisher"
  | "abstract"
  | "doi"
  | "isbn";

export interface CslFieldRow {
  field: CslTextField & keyof BibRecord;
  /** CSL variables, the written one first; the rest are read too (older names, near kin). */
  csl: readonly string[];
}

export const CSL_FIELDS: readonly CslFieldRow[] = [
  { field: "title", csl: ["title"] },
  // `shortTitle` is CSL 0.8's name, `short-title` Crossref's.
  { field: "short", csl: ["title-short", "shortTitle", "short-title"] },
  // As BibTeX's venue falls back to eventtitle and series: the event, then the series.
  { field: "venue", csl: ["container-title", "event-title", "event", "collection-title"] },
  { field: "volume", csl: ["volume"] },
  // BibTeX's `number` is the model's issue; CSL's `number` (a report's, a patent's) likewise.
  { field: "issue", csl: ["issue", "number"] },
  { field: "pages", csl: ["page"] },
  { field: "publisher", csl: ["publisher"] },
  { field: "abstract", csl: ["abstract"] },
  { field: "doi", csl: ["DOI"] },
  { field: "isbn", csl: ["ISBN"] },
];

/** Variables mapped by hand (see the reader), never counted as left. */
export const CSL_HAND_MAPPED = new Set([
  "id",
  "citation-key",
  "type",
  "author",
  "issued",
  "URL",
  "keyword",
  "note",
  "subtitle",
]);

/** CSL 1.0.2's item types: the model's vocabulary, kept as they are. */
export const CSL_TYPES = new Set([
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "bill",
  "book",
  "broadcast",
  "chapter",
  "classic",
  "collection",
  "dataset",
  "document",
  "entry",
  "entry-dictionary",
  "entry-encyclopedia",
  "event",
  "figure",
  "graphic",
  "hearing",
  "interview",
  "legal_case",
  "legislation",
  "manuscript",
  "map",
  "motion_picture",
  "musical_score",
  "pamphlet",
  "paper-conference",
  "patent",
  "performance",
  "periodical",
  "personal_communication",
  "post",
  "post-weblog",
  "regulation",
  "report",
  "review",
  "review-book",
  "software",
  "song",
  "speech",
  "standard",
  "thesis",
  "treaty",
  "webpage",
]);

/**
 * Crossref's work types (doi.org answers CSL-JSON with them as `type`) and the CSL type each is;
 * a type in neither list is read as `document` and named in the report.
 */
export const CROSSREF_TYPES: Record<string, string> = {
  "journal-article": "article-journal",
  "proceedings-article": "paper-conference",
  "posted-content": "article",
  "book-chapter": "chapter",
  "book-section": "chapter",
  "book-part": "chapter",
  "book-track": "chapter",
  monograph: "book",
  "edited-book": "book",
  "reference-book": "book",
  "book-set": "book",
  "book-series": "book",
  proceedings: "book",
  "proceedings-series": "book",
  "reference-entry": "entry",
  dissertation: "thesis",
  "report-series": "report",
  "peer-review": "review",
  journal: "periodical",
  "journal-issue": "periodical",
  "journal-volume": "periodical",
  component: "document",
  other: "document",
};
