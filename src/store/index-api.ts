import type { Course, Diagnostic, Episode, Paper } from "../core/index.js";
import type { CueHit } from "./index-cues.js";
import type { SearchOptions, SearchResult } from "./index-search.js";

/** What the derived index offers (opened by `openIndex`, index-db.ts). */
export interface IndexRefreshStats {
  /** Files read from disk (new, or size/mtime/ctime changed; every file for `verify`), or taken from `written`. */
  read: number;
  /** Files parsed and written again: those read whose bytes the index did not have. */
  parsed: number;
  /** Files whose size, mtime and ctime had not changed. */
  skipped: number;
  /** Files gone since the last refresh, whose rows were deleted. */
  removed: number;
  ms: number;
}

/** An item as a command just wrote it to its file: what the file parses to, and its bytes' hash. */
export interface WrittenItem {
  /** `contentHash` of the bytes written. */
  hash: string;
  item:
    | { kind: "paper"; paper: Paper }
    | { kind: "course"; course: Omit<Course, "episodes"> }
    | { kind: "episode"; episode: Episode };
}

/** The derived SQLite index of a library: `<root>/.jingdu/index.sqlite`. */
export interface LibraryIndex {
  readonly path: string;
  /** Things worth telling (an old or unreadable index was rebuilt); never errors. */
  readonly notices: Diagnostic[];
  /**
   * Re-reads only files whose size, mtime or ctime changed, and parses those whose bytes did;
   * drops rows of deleted files. Given
   * `paths` (relative), looks at those files only (a change whose paths are known: no listing
   * and stat-ing of every file). `written` (relative path → item): files a command has just
   * written from these items (an import), taken as they are instead of read and parsed again,
   * when the file's stat says it changed within the racy window: its stamp is then kept as racy,
   * so the next refresh reads it and parses it again unless its bytes are those `hash` names.
   * The caller must give each item exactly as its file's bytes parse (`libraryFiles` writes it).
   */
  refresh(
    paths?: readonly string[],
    written?: ReadonlyMap<string, WrittenItem>,
  ): Promise<IndexRefreshStats>;
  /** Drops everything and reads every file again. */
  rebuild(): Promise<IndexRefreshStats>;
  /**
   * `jingdu reindex`: every file listed and stat-ed, and those whose size, mtime or ctime
   * changed read; a file whose bytes the index has keeps its rows, any other is parsed and
   * written again, rows of files gone are dropped (the work follows what changed, not the
   * library: issue 22). An edit by another program changes the file's ctime whatever it does
   * to its size and mtime. `verify`: first `PRAGMA quick_check` (an index SQLite finds damaged is
   * rebuilt whole), then every file read and its bytes (content hash) compared. The rows of a
   * file are a function of its bytes and of the code, and an index made by other code is
   * rebuilt on opening (`indexSchemaVersion`).
   */
  reindex(options?: { verify?: boolean }): Promise<IndexRefreshStats>;
  search(query: string, options?: SearchOptions): SearchResult[];
  /** Transcript cues with every term, by course, episode and time (index-cues.ts). */
  searchCues(query: string, options?: { limit?: number }): CueHit[];
  close(): void;
}
