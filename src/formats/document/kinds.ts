/**
 * The kinds of document `jingdu import` knows, by name. A kind whose parser has not landed is
 * still named, so such a document is refused with what it is ("BibTeX … not supported yet"),
 * never imported as an empty library.
 */
export const DOCUMENT_KINDS = {
  "study-log": { name: "study log", supported: true },
  "course-log": { name: "course log", supported: true },
  "notes-post": { name: "notes post", supported: true },
  "paper-list": { name: "paper list", supported: true },
  bibtex: { name: "BibTeX", supported: false },
  "csl-json": { name: "CSL-JSON", supported: false },
  ris: { name: "RIS", supported: false },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export function isDocumentKind(text: string): text is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, text);
}
