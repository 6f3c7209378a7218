// Moved to src/base; re-exported so callers that took them from the store keep compiling.
export {
  type AtomicWriteOptions,
  type CurrentFile,
  contentHash,
  currentHash,
  type FileLockOptions,
  type FileUpdate,
  type LockOwner,
  LockTimeoutError,
  lockPathOf,
  readBytesIfExists,
  syncFolder,
  type UpdateFileOptions,
  updateLibraryFile,
  withFileLock,
  writeFileAtomic,
} from "../base/index.js";
// Moved to core with the other diagnostics; re-exported for the same reason.
export { notRegularDiagnostic } from "../core/index.js";
export * from "./apply-import.js";
export * from "./check-derived-files.js";
export * from "./check-library.js";
export * from "./check-note-images.js";
export * from "./check-note-links.js";
export * from "./edit-front-matter.js";
export * from "./find-library.js";
export {
  compactData,
  type ParsedFrontMatter,
  parseFrontMatter,
  stringifyFrontMatter,
} from "./front-matter.js";
export type { CueHit } from "./index-cues.js";
export * from "./index-db.js";
export type { SearchKind, SearchOptions, SearchResult } from "./index-search.js";
export * from "./init-library.js";
export * from "./light.js";
export * from "./load-library.js";
export * from "./paper-reading.js";
export { type CourseHead, type ParsedLibraryFile, parseLibraryFile } from "./parse-file.js";
export * from "./progress.js";
export { unsetPaperPass } from "./progress-undo.js";
export { type FileStamp, firstNotUtf8Line } from "./read-files.js";
export * from "./reviews.js";
export * from "./revisions.js";
export * from "./serialize.js";
export * from "./stale-files.js";
export { writtenItems } from "./written-items.js";
export { type ParsedYaml, parseYaml, stringifyYaml } from "./yaml-document.js";
export { readLibraryYaml, updateYamlFile } from "./yaml-file.js";
