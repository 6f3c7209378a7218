/**
 * Zotero's item fields (as Better BibTeX JSON writes them, the Zotero item serialization) and
 * the record field each feeds, as data: the first filled field of a row is kept, any other one
 * of the row is named in the report as not kept. `ZOTERO_TYPES` maps Zotero's item types to
 * the model's (CSL's) vocabulary.
 */
import type { BibRecord } from "./bib-record.js";

type TextField = Exclude<
  keyof BibRecord,
  "line" | "authors" | "urls" | "tags" | "year" | "citekey" | "type" | "arxiv" | "zotero"
>;

export const ZOTERO_FIELDS: readonly { field: TextField; zotero: readonly string[] }[] = [
  { field: "title", zotero: ["title", "caseName", "nameOfAct", "subject"] },
  { field: "short", zotero: ["shortTitle"] },
  {
    field: "venue",
    zotero: [
      "publicationTitle",
      "proceedingsTitle",
      "conferenceName",
      "bookTitle",
      "websiteTitle",
      "blogTitle",
      "forumTitle",
      "encyclopediaTitle",
      "dictionaryTitle",
      "programTitle",
      "seriesTitle",
    ],
  },
  { field: "volume", zotero: ["volume", "codeVolume", "reporterVolume"] },
  { field: "issue", zotero: ["issue", "number", "reportNumber", "patentNumber"] },
  { field: "pages", zotero: ["pages", "numPages", "firstPage", "codePages"] },
  { field: "publisher", zotero: ["publisher", "university", "institution", "company", "label"] },
  { field: "abstract", zotero: ["abstractNote"] },
  { field: "doi", zotero: ["DOI"] },
  { field: "isbn", zotero: ["ISBN"] },
  { field: "date", zotero: ["date", "dateDecided", "dateEnacted", "issueDate", "filingDate"] },
];

/** Zotero item type → the model's type (CSL); an unknown one is `document`, named as not kept. */
export const ZOTERO_TYPES: Readonly<Record<string, string>> = {
  journalArticle: "article-journal",
  magazineArticle: "article-magazine",
  newspaperArticle: "article-newspaper",
  conferencePaper: "paper-conference",
  book: "book",
  bookSection: "chapter",
  thesis: "thesis",
  report: "report",
  manuscript: "manuscript",
  // CSL's `article` (a preprint) has no BibTeX, BibLaTeX or RIS type of its own that reads back
  // as it: a preprint is an article whose arXiv id says the rest, as BBT's own export writes it.
  preprint: "article-journal",
  webpage: "webpage",
  blogPost: "post-weblog",
  forumPost: "post",
  patent: "patent",
  dataset: "dataset",
  computerProgram: "software",
  encyclopediaArticle: "entry-encyclopedia",
  dictionaryEntry: "entry-dictionary",
  statute: "legislation",
  standard: "standard",
  presentation: "speech",
  videoRecording: "motion_picture",
  document: "document",
};

/** Creator types that are a work's authors; when an item has none of them, every creator is. */
export const ZOTERO_AUTHOR_TYPES: ReadonlySet<string> = new Set([
  "author",
  "programmer",
  "presenter",
  "director",
  "artist",
  "inventor",
]);

/**
 * Fields that are no paper's text: Zotero's and BBT's bookkeeping (read as structure, never
 * named as lost), or read by hand (creators, tags, notes, attachments, keys, `extra`).
 */
export const ZOTERO_HAND_MAPPED: ReadonlySet<string> = new Set([
  "itemID",
  "itemKey",
  "key",
  "uri",
  "select",
  "version",
  "libraryID",
  "collections",
  "itemType",
  "creators",
  "tags",
  "notes",
  "attachments",
  "extra",
  "citationKey",
  "citekey",
  "url",
  "archiveID",
  "dateAdded",
  "dateModified",
]);
