import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import Database from "better-sqlite3";
import {
  type Diagnostic,
  parseTranscript,
  SEARCH_FIELDS,
  type SearchableItem,
  searchDocument,
  type TranscriptCue,
  transcriptFileRole,
} from "../core/index.js";
import {
  CUE_SCHEMA,
  type CueHit,
  deleteCueRows,
  insertCueRows,
  prepareCueStatements,
  searchCues,
} from "./index-cues.js";
import { INDEX_SCHEMA, indexSchemaVersion } from "./index-schema.js";
import { type SearchOptions, type SearchResult, searchIndex } from "./index-search.js";
import { indexableText } from "./index-search-text.js";
import {
  DERIVED_DIR,
  libraryFileRole,
  listLibraryFiles,
  listTranscriptFiles,
} from "./library-layout.js";
import { type ParsedLibraryFile, parseReadFile } from "./parse-file.js";
import { type ReadFile, readStampedFiles, statFiles } from "./read-files.js";

export interface IndexRefreshStats {
  /** Files read from disk (new, or size/mtime changed). */
  read: number;
  /** Files whose size and mtime had not changed. */
  skipped: number;
  /** Files gone since the last refresh, whose rows were deleted. */
  removed: number;
  ms: number;
}

interface KnownFile {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

/** The derived SQLite index of a library: `<root>/.jingdu/index.sqlite`. */
export interface LibraryIndex {
  readonly path: string;
  /** Things worth telling (an old or unreadable index was rebuilt); never errors. */
  readonly notices: Diagnostic[];
  /**
   * Re-reads only files whose size/mtime and hash changed; drops rows of deleted files. Given
   * `paths` (relative), looks at those files only (a change whose paths are known: no listing
   * and stat-ing of every file).
   */
  refresh(paths?: readonly string[]): Promise<IndexRefreshStats>;
  /** Drops everything and reads every file again. */
  rebuild(): Promise<IndexRefreshStats>;
  search(query: string, options?: SearchOptions): SearchResult[];
  /** Transcript cues with every term, by course, episode and time (index-cues.ts). */
  searchCues(query: string, options?: { limit?: number }): CueHit[];
  close(): void;
}

export const INDEX_FILE = `${DERIVED_DIR}/index.sqlite`;

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

function prepareStatements(db: Database.Database) {
  return {
    knownFiles: db.prepare("SELECT path, size, mtime_ms AS mtimeMs, hash FROM files"),
    knownFile: db.prepare("SELECT path, size, mtime_ms AS mtimeMs, hash FROM files WHERE path = ?"),
    upsertFile: db.prepare(
      "INSERT OR REPLACE INTO files (path, kind, size, mtime_ms, hash) VALUES (?, ?, ?, ?, ?)",
    ),
    deleteFile: db.prepare("DELETE FROM files WHERE path = ?"),
    deleteSettings: db.prepare("DELETE FROM settings WHERE file = ?"),
    deleteCategories: db.prepare("DELETE FROM categories WHERE file = ?"),
    deletePaper: db.prepare("DELETE FROM papers WHERE file = ?"),
    deleteCourse: db.prepare("DELETE FROM courses WHERE file = ?"),
    deleteEpisode: db.prepare("DELETE FROM episodes WHERE file = ?"),
    docOf: db.prepare("SELECT rowid FROM search_docs WHERE file = ?").pluck(),
    deleteDoc: db.prepare("DELETE FROM search_docs WHERE rowid = ?"),
    deleteSearch: db.prepare("DELETE FROM search WHERE rowid = ?"),
    insertSettings: db.prepare(
      "INSERT INTO settings (file, title, language, json) VALUES (?, ?, ?, ?)",
    ),
    insertCategory: db.prepare("INSERT INTO categories (file, id, name, ord) VALUES (?, ?, ?, ?)"),
    insertPaper: db.prepare(
      "INSERT INTO papers (file, id, short, title, year, primary_category, covered, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    insertCourse: db.prepare("INSERT INTO courses (file, id, title, json) VALUES (?, ?, ?, ?)"),
    insertEpisode: db.prepare(
      "INSERT INTO episodes (file, course_id, number, title, runtime, date, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertDoc: db.prepare(
      "INSERT INTO search_docs (file, kind, item_id, title, title_text, summary_text, body_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertSearch: db.prepare(
      "INSERT INTO search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
    ),
    ...prepareCueStatements(db),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

function deleteRows(s: Statements, file: string): void {
  s.deleteSettings.run(file);
  s.deleteCategories.run(file);
  s.deletePaper.run(file);
  s.deleteCourse.run(file);
  s.deleteEpisode.run(file);
  deleteCueRows(s, file);
  const rowid = s.docOf.get(file) as number | undefined;
  if (rowid !== undefined) {
    s.deleteSearch.run(rowid);
    s.deleteDoc.run(rowid);
  }
}

const json = ({ at: _at, notes: _notes, ...rest }: { at?: unknown; notes?: unknown }): string =>
  JSON.stringify(rest);

function insertRows(s: Statements, f: ParsedLibraryFile): void {
  const item = searchableItem(f);
  if (item) {
    const d = searchDocument(item);
    const info = s.insertDoc.run(f.file, d.kind, d.id, d.name, d.title, d.summary, d.body);
    s.insertSearch.run(
      info.lastInsertRowid,
      indexableText(d.title),
      indexableText(d.summary),
      indexableText(d.body),
    );
  }
  if (f.kind === "settings" && f.settings) {
    s.insertSettings.run(f.file, f.settings.title, f.settings.language, JSON.stringify(f.settings));
  } else if (f.kind === "categories" && f.categories) {
    for (const c of f.categories) s.insertCategory.run(f.file, c.id, c.name, c.order);
  } else if (f.kind === "paper" && f.paper) {
    const p = f.paper;
    s.insertPaper.run(
      f.file,
      p.id,
      p.short,
      p.title ?? null,
      p.year ?? null,
      p.categories[0] ?? null,
      p.covered ? 1 : 0,
      json(p),
    );
  } else if (f.kind === "course" && f.course) {
    const c = f.course;
    s.insertCourse.run(f.file, c.id, c.title, json(c));
  } else if (f.kind === "episode" && f.episode) {
    const e = f.episode;
    s.insertEpisode.run(
      f.file,
      e.courseId,
      e.number,
      e.title,
      e.runtime ?? null,
      e.date ?? null,
      json(e),
    );
  }
}

/** The item of a file the app searches: papers, courses and episodes (not categories). */
function searchableItem(f: ParsedLibraryFile): SearchableItem | undefined {
  if (f.kind === "paper" && f.paper) return { kind: "paper", paper: f.paper };
  if (f.kind === "course" && f.course) return { kind: "course", course: f.course };
  if (f.kind === "episode" && f.episode) return { kind: "episode", episode: f.episode };
  return undefined;
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

function parsedFile(read: ReadFile): ParsedForIndex {
  if (transcriptFileRole(read.path)) {
    return { kind: "transcript", cues: parseTranscript(read.text, read.path).cues };
  }
  return { kind: "library", parsed: parseReadFile(read) };
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
export function openIndex(root: string): LibraryIndex {
  const path = join(root, INDEX_FILE);
  mkdirSync(join(root, DERIVED_DIR), { recursive: true });
  const notices: Diagnostic[] = [];
  let db = openDatabase(path, notices);
  let s = prepareStatements(db);

  async function refresh(only?: readonly string[]): Promise<IndexRefreshStats> {
    const started = performance.now();
    const listed = only
      ? [...new Set(only)]
      : [...(await listLibraryFiles(root)), ...(await listTranscriptFiles(root))];
    const paths = listed.filter(isIndexed);
    const rows = only
      ? paths.flatMap((p) => (s.knownFile.get(p) as KnownFile | undefined) ?? [])
      : (s.knownFiles.all() as KnownFile[]);
    const known = new Map(rows.map((r) => [r.path, r]));
    const stats = await statFiles(root, paths);
    const changed = paths.filter((p) => {
      const was = known.get(p);
      const now = stats.get(p);
      return now !== undefined && (was?.size !== now.size || was.mtimeMs !== now.mtimeMs);
    });
    const reads = await readStampedFiles(root, changed, (read) => {
      const sameContent = known.get(read.path)?.hash === read.hash;
      return { read, parsed: sameContent ? undefined : parsedFile(read) };
    });
    const current = new Set(stats.keys());
    const removed = [...known.keys()].filter((p) => !current.has(p));
    db.transaction(() => {
      for (const file of removed) {
        deleteRows(s, file);
        s.deleteFile.run(file);
      }
    })();
    // One transaction per batch of files, yielding between them: building the index of a large
    // library takes seconds, and a server answering from it stays responsive meanwhile. A file's
    // rows and its stamp are written together, so an interrupted refresh resumes where it stopped.
    for (let start = 0; start < reads.length; start += WRITE_BATCH) {
      if (start > 0) await yieldToEventLoop();
      db.transaction(() => {
        for (const { read, parsed } of reads.slice(start, start + WRITE_BATCH)) {
          if (parsed) {
            deleteRows(s, read.path);
            if (parsed.kind === "transcript") insertCueRows(s, read.path, parsed.cues);
            else if (parsed.parsed) insertRows(s, parsed.parsed);
          }
          s.upsertFile.run(
            read.path,
            libraryFileRole(read.path)?.kind ?? (transcriptFileRole(read.path) ? "transcript" : ""),
            read.size,
            read.mtimeMs,
            read.hash,
          );
        }
      })();
    }
    return {
      read: reads.length,
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

  return {
    path,
    notices,
    async refresh(paths) {
      try {
        return await refresh(paths);
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
    search: (query, options) => searchIndex(db, query, options),
    searchCues: (query, options) => searchCues(db, query, options),
    close: () => db.close(),
  };
}
