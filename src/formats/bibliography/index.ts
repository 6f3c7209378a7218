export type { BibliographyImport, BibRecord } from "./bib-record.js";
export { ENTRY_TYPES, entryTypeRow, typeFromBib, typeFromRis } from "./entry-types.js";
export { parseBibliography } from "./parse-bibliography.js";
export { parseBibtex } from "./parse-bibtex.js";
export { decodeTex, encodeTex } from "./tex-text.js";
