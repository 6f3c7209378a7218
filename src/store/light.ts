/**
 * The store's light door, for start-up paths (`jingdu status`, `build`, the server's first
 * answer): finding the library, its layout, the parsed-library cache and stale-file cleanup,
 * without what `index.ts` loads besides (zod, yaml, better-sqlite3 and the parser: about 120 more
 * modules). Everything here is exported by `index.ts` too; take it from here only where start-up
 * time counts. test/architecture/doors.test.ts checks that this door stays light.
 */
export type { FileSource, LoadedLibrary } from "./assemble-library.js";
export * from "./find-library.js";
/** How near a file's change to a stamp of it is too near to trust (git's "racy clean"). */
export { RACY_MS } from "./library-cache-file.js";
export {
  changeKind,
  coursePath,
  DERIVED_DIR,
  episodePath,
  IMPORTS_DIR,
  LIBRARY_FILES,
  type LibraryFileKind,
  type LibraryFileRole,
  libraryFileRole,
  listLibraryFiles,
  paperPath,
  RENDER_CACHE_FILE,
} from "./library-layout.js";
export {
  LIBRARY_SUMMARY_FILE,
  loadLibrarySummary,
  type SummaryLibrary,
} from "./library-summary.js";
// The parsed-library cache: all of load-library-cached.ts is public (its file format stays inner).
export * from "./load-library-cached.js";
export * from "./stale-files.js";
