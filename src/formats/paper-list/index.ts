export type { EntryLink, PaperEntry } from "./entry.js";
export { parseEntry } from "./entry.js";
export type { PaperListImport, PaperListOptions } from "./parse-paper-list.js";
export { parsePaperList } from "./parse-paper-list.js";
