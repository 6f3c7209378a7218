export type { BibliographyImport, BibRecord } from "./bib-record.js";
export { ENTRY_TYPES, entryTypeRow, typeFromBib, typeFromRis } from "./entry-types.js";
export {
  type BibliographyExport,
  EXPORT_FORMATS,
  type ExportFormat,
  exportBibliography,
  isExportFormat,
} from "./export-bibliography.js";
export { joinName, splitName } from "./names.js";
export { isBbtJson, parseBbtJson } from "./parse-bbt-json.js";
export { parseBibliography } from "./parse-bibliography.js";
export { parseBibtex } from "./parse-bibtex.js";
export { cslItems, parseCslJson } from "./parse-csl-json.js";
export { parseRis } from "./parse-ris.js";
export { decodeTex, encodeTex } from "./tex-text.js";
export { writeBibtex } from "./write-bibtex.js";
export { writeCslJson } from "./write-csl-json.js";
export { writeRis } from "./write-ris.js";
