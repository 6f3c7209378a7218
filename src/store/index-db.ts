import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import Database from "better-sqlite3";
import {
  type Diagnostic,
  parseTranscript,
  SEARCH_FIELDS,
  searchDocument,
  type TranscriptCue,
  transcriptFileRole,
} from "../core/index.js";
import type { IndexRefreshStats, LibraryIndex, WrittenItem } from "./index-api.js";
import { CUE_SCHEMA, insertCueRows, searchCues } from "./index-cues.js";
import { insertRows, json, searchableItem } from "./index-rows.js";
import { INDEX_SCHEMA, indexSchemaVersion } from "./index-schema.js";
import { searchIndex } from "./index-search.js";
import { indexableText } from "./index-search-text.js";
import { deleteRows, prepareStatements } from "./index-statements.js";
import { RACY_MS } from "./library-cache-file.js";
import {
  DERIVED_DIR,
  libraryFileRole,
  listLibraryFiles,
  listTranscriptFiles,
} from "./library-layout.js";
import type { ParsedLibraryFile } from "./parse-file.js";
import { type ReadFile, readStampedFileSync } from "./read-files.js";

/**
 * A file as the index last read it: path, size, mtime, ctime (its hash is looked up when
 * needed). A file changed within `RACY_MS` of being read is written with size -1: it may change
 * again within the same mtime tick, so the next refresh reads it again (git's "racy clean").
 */
type KnownFile = [path: string, size: number, mtimeMs: number, ctimeMs: number];

export type { IndexRefreshStats, LibraryIndex, WrittenItem } from "./index-api.js";

export const INDEX_FILE = `${DERIVED_DIR}/index.sqlite`;

/** Files stat-ed between two yields to the event loop. */
const STAT_BATCH = 4096;

/** Files written per transaction (about 0.1 s of work) before yielding to the event loop. */
const WRITE_BATCH = 250;

const INDEXED = new Set(["settings", "categories", "paper", "course", "episode"]);

function removeIndexFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
}

function createSchema(db: Database.Database): void {
  db.exec(INDEX_SCHEMA);
  db.exec(CUE_SCHEMA);
  db.pragma(`user_version = ${INDEX_SCHEMA_VERSION}`);
}

/** Opens the index, replacing one that is unreadable or of another schema version. */
function openDatabase(path: string, notices: Diagnostic[]): Database.Database {
  const notice = (message: string): void => {
    notices.push({ level: "info", rule: "index-rebuilt", message, file: INDEX_FILE, line: 0 });
  };
  try {
    const db = new Database(path);
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version === INDEX_SCHEMA_VERSION) {
        db.prepare("SELECT count(*) FROM files").get();
        return db;
      }
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
      if (version === 0 && tables.n === 0) {
        createSchema(db);
        return db;
      }
      notice(`the search index was made by another jingdu version (${version}); rebuilding it`);
    } catch (err) {
      db.close();
      throw err;
    }
    db.close();
  } catch (err) {
    if (!(err instanceof Database.SqliteError) && !(err instanceof TypeError)) throw err;
    notice(`the search index could not be read (${err.message}); rebuilding it`);
  }
  removeIndexFiles(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  createSchema(db);
  return db;
}

/**
 * The index's version: its tables and the code that decides what goes in them (the compiled
 * source of these functions is hashed; a change to any of them rebuilds every index once).
 */
const INDEX_SCHEMA_VERSION = indexSchemaVersion([
  INDEX_SCHEMA,
  JSON.stringify(SEARCH_FIELDS),
  String(searchDocument),
  String(indexableText),
  String(insertRows),
  String(searchableItem),
  String(json),
  CUE_SCHEMA,
  String(insertCueRows),
  String(parseTranscript),
  String(parsedFile),
]);

/** What the index keeps of a file read: a library file parsed, or a transcript's cues. */
type ParsedForIndex =
  | { kind: "library"; parsed: ParsedLibraryFile | undefined }
  | { kind: "transcript"; cues: TranscriptCue[] };

/** The library file parser (zod, yaml): loaded only when a file has to be parsed. */
type Parser = typeof import("./parse-file.js");

function parsedFile(read: ReadFile, parser: Parser): ParsedForIndex {
  if (transcriptFileRole(read.path)) {
    return { kind: "transcript", cues: parseTranscript(read.text, read.path).cues };
  }
  return { kind: "library", parsed: parser.parseReadFile(read) };
}

/** A written item as the parsed file it was written from (the fields the index reads). */
function writtenParsed(file: string, w: WrittenItem): ParsedLibraryFile {
  return { file, diagnostics: [], unknownKeys: [], lines: {}, ...w.item };
}

/** A path the index reads: a library file of an indexed kind, or a transcript. */
const isIndexed = (path: string): boolean => {
  const role = libraryFileRole(path);
  return role !== undefined ? INDEXED.has(role.kind) : transcriptFileRole(path) !== undefined;
};

/**
 * Opens (creating or repairing) the derived index of the library at `root`. It is a cache:
 * call `refresh()` before reading it; delete `.jingdu/` at any time.
 * @example const index = openIndex(root); await index.refresh(); index.search("卷麻了")
 */
export function openIndex(
  root: string,
  options: {
    /** Files changed this recently (ms) are read again by the next refresh (default 2 s). */
    racyMs?: number;
  } = {},
): LibraryIndex {
  const racyMs = options.racyMs ?? RACY_MS;
  const path = join(root, INDEX_FILE);
  mkdirSync(join(root, DERIVED_DIR), { recursive: true });
  const notices: Diagnostic[] = [];
  let db = openDatabase(path, notices);
  let s = prepareStatements(db);

  /** `verify`: every file is read and its bytes compared with the index's (`reindex`). */
  async function refresh(
    only?: readonly string[],
    verify = false,
    written?: ReadonlyMap<string, WrittenItem>,
  ): Promise<IndexRefreshStats> {
    const started = performance.now();
    const racyFrom = Date.now() - racyMs;
    const listed = only
      ? [...new Set(only)]
      : [...(await listLibraryFiles(root)), ...(await listTranscriptFiles(root))];
    // Listed paper files are all indexed (`listLibraryFiles` lists only `papers/*.md`): only the
    // others are asked about, 100,000 role objects fewer.
    const paths = only
      ? listed.filter(isIndexed)
      : listed.filter((p) => p.startsWith("papers/") || isIndexed(p));
    const rows = only
      ? paths.flatMap((p) => {
          const row = s.knownFile.get(p) as KnownFile | undefined;
          return row ? [row] : [];
        })
      : (s.knownFiles.all() as KnownFile[]);
    // Each path is looked up once, stat-ed and compared as it comes, and taken out of `known`:
    // what is left are the files gone. No map of every file's stat (for 100,000 files that map
    // and its objects were most of the refresh's garbage collection).
    const known = new Map(rows.map((r) => [r[0], r]));
    const changed: string[] = [];
    const changedWas = new Map<string, KnownFile>();
    /** Files taken from `written`, with the stamp their stat gave: nothing is read. */
    const taken = new Map<string, ReadFile & { parsed: ParsedLibraryFile }>();
    const base = `${root}/`;
    for (let i = 0; i < paths.length; i++) {
      if (i > 0 && i % STAT_BATCH === 0) await yieldToEventLoop();
      const p = paths[i] as string;
      // Listed paths are normal already; paths a caller gave are joined.
      const now = statSync(only ? join(root, p) : base + p, { throwIfNoEntry: false });
      const was = known.get(p);
      if (!now) continue;
      if (was) known.delete(p);
      if (verify || was?.[1] !== now.size || was[2] !== now.mtimeMs || was[3] !== now.ctimeMs) {
        changed.push(p);
        if (was) changedWas.set(p, was);
        const w = written?.get(p);
        // Only within the racy window: the stamp is then written as racy (size -1), so the next
        // refresh reads the file and compares its bytes with `w.hash` (an edit meanwhile is seen).
        if (w && !verify && (now.mtimeMs >= racyFrom || now.ctimeMs >= racyFrom)) {
          const { mtimeMs, ctimeMs, size } = now;
          const parsed = writtenParsed(p, w);
          taken.set(p, { path: p, text: "", hash: w.hash, mtimeMs, ctimeMs, size, parsed });
        }
      }
    }
    const removed = [...known.keys()];
    db.transaction(() => {
      for (const file of removed) {
        deleteRows(s, file);
        s.deleteFile.run(file);
      }
    })();
    // Read, parsed and written a batch at a time (memory: one batch of texts, not the library's),
    // one transaction per batch, yielding between them: building the index of a large library
    // takes seconds, and a server answering from it stays responsive meanwhile. A file's rows and
    // its stamp are written together, so an interrupted refresh resumes where it stopped.
    let read = 0;
    let parsedFiles = 0;
    // A search with nothing changed never loads it (`index-door.ts`).
    const parser = changed.length > taken.size ? await import("./parse-file.js") : undefined;
    for (let start = 0; start < changed.length; start += WRITE_BATCH) {
      if (start > 0) await yieldToEventLoop();
      const batch = readChanged(changed.slice(start, start + WRITE_BATCH), taken, (f) => {
        const was = changedWas.get(f.path);
        const sameContent =
          was !== undefined && (s.knownHash.get(f.path) as string | undefined) === f.hash;
        // Bytes the index already has, under the same stamp: nothing to write (`verify`).
        const sameStamp =
          sameContent && was[1] === f.size && was[2] === f.mtimeMs && was[3] === f.ctimeMs;
        const racy = f.mtimeMs >= racyFrom || f.ctimeMs >= racyFrom;
        const stamp = {
          path: f.path,
          size: racy ? -1 : f.size,
          mtimeMs: f.mtimeMs,
          ctimeMs: f.ctimeMs,
          hash: f.hash,
        };
        const given = taken.get(f.path)?.parsed;
        let parsed: ParsedForIndex | undefined;
        if (!sameContent) {
          parsed = given ? { kind: "library", parsed: given } : parser && parsedFile(f, parser);
        }
        return { stamp, sameStamp, parsed };
      });
      read += batch.length;
      db.transaction(() => {
        for (const { stamp, sameStamp, parsed } of batch) {
          if (parsed) {
            parsedFiles++;
            deleteRows(s, stamp.path);
            if (parsed.kind === "transcript") insertCueRows(s, stamp.path, parsed.cues);
            else if (parsed.parsed) insertRows(s, parsed.parsed);
          }
          if (sameStamp) continue;
          s.upsertFile.run(
            stamp.path,
            libraryFileRole(stamp.path)?.kind ??
              (transcriptFileRole(stamp.path) ? "transcript" : ""),
            stamp.size,
            stamp.mtimeMs,
            stamp.ctimeMs,
            stamp.hash,
          );
        }
      })();
    }
    return {
      read,
      parsed: parsedFiles,
      skipped: paths.length - changed.length,
      removed: removed.length,
      ms: Math.round(performance.now() - started),
    };
  }

  async function rebuild(): Promise<IndexRefreshStats> {
    db.close();
    removeIndexFiles(path);
    db = openDatabase(path, notices);
    s = prepareStatements(db);
    return refresh();
  }

  /** The files `paths`, each from `taken` or else read, through `keep` (none kept that is gone). */
  function readChanged<R>(
    paths: readonly string[],
    taken: ReadonlyMap<string, ReadFile>,
    keep: (file: ReadFile) => R,
  ): R[] {
    const out: R[] = [];
    for (const p of paths) {
      const file = taken.get(p) ?? readStampedFileSync(root, p);
      if (file) out.push(keep(file));
    }
    return out;
  }

  const index: LibraryIndex = {
    path,
    notices,
    async refresh(paths, written) {
      try {
        return await refresh(paths, false, written);
      } catch (err) {
        if (!(err instanceof Database.SqliteError)) throw err;
        notices.push({
          level: "info",
          rule: "index-rebuilt",
          message: `the search index was damaged (${err.message}); rebuilding it`,
          file: INDEX_FILE,
          line: 0,
        });
        return rebuild();
      }
    },
    rebuild,
    async reindex(options = {}) {
      if (!options.verify) return index.refresh();
      let ok = false;
      try {
        ok = db.pragma("quick_check", { simple: true }) === "ok";
      } catch (err) {
        if (!(err instanceof Database.SqliteError)) throw err;
        // Unreadable: rebuilt below.
      }
      if (!ok) return rebuild();
      try {
        return await refresh(undefined, true);
      } catch (err) {
        if (!(err instanceof Database.SqliteError)) throw err;
        return rebuild();
      }
    },
    search: (query, options) => searchIndex(db, query, options),
    searchCues: (query, options) => searchCues(db, query, options),
    close: () => db.close(),
  };
  return index;
}
