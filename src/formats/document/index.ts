export type { Coverage, LineFate } from "./coverage.js";
export { checkCoverage } from "./coverage.js";
export type { Guess } from "./detect.js";
export { detectDocument } from "./detect.js";
export type { DocumentImport, ImportDocumentOptions, ImportPart } from "./import-document.js";
export { importDocument } from "./import-document.js";
export {
  BIBLIOGRAPHY_KINDS,
  type BibliographyKind,
  DOCUMENT_KINDS,
  type DocumentKind,
  isBibliographyKind,
  isDocumentKind,
} from "./kinds.js";
export type { SiteImage } from "./site-images.js";
export { importNotes } from "./site-images.js";
