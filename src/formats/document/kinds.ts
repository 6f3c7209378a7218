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
  bibtex: { name: "BibTeX", supported: true },
  "csl-json": { name: "CSL-JSON", supported: true },
  ris: { name: "RIS", supported: true },
  "bbt-json": { name: "Better BibTeX JSON", supported: true },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** The kinds read by src/formats/bibliography: papers only, every entry one paper. */
export const BIBLIOGRAPHY_KINDS = ["bibtex", "csl-json", "ris", "bbt-json"] as const;
export type BibliographyKind = (typeof BIBLIOGRAPHY_KINDS)[number];

export function isBibliographyKind(kind: string): kind is BibliographyKind {
  return (
    (BIBLIOGRAPHY_KINDS as readonly string[]).includes(kind) &&
    DOCUMENT_KINDS[kind as DocumentKind].supported
  );
}

export function isDocumentKind(text: string): text is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, text);
}
