/**
 * The store's door to its SQLite index, for `jingdu search` and `reindex`: the index without what
 * `index.ts` loads besides (zod, yaml and the parser, loaded by the index only when a file has
 * to be parsed again). `search` on 1,000 papers spent about a third of its CPU time loading the
 * store's modules (issue 22). Everything here is exported by `index.ts` too; checked by
 * test/architecture/doors.test.ts.
 */
export type { CueHit } from "./index-cues.js";
export { INDEX_FILE, type IndexRefreshStats, type LibraryIndex, openIndex } from "./index-db.js";
export type { SearchKind, SearchOptions, SearchResult } from "./index-search.js";
