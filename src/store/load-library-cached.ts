import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { notALibrary } from "../core/index.js";
import { type LoadedLibrary, libraryFromParsed } from "./assemble-library.js";
import { contentHash } from "./atomic-write.js";
import { DERIVED_DIR, LIBRARY_FILES, listLibraryFiles } from "./library-layout.js";
import type { ParsedLibraryFile } from "./parse-file.js";
import type { FileStamp } from "./read-files.js";

/** The parsed-library cache: derived data, deleting it only makes the next load slower. */
export const LIBRARY_CACHE_FILE = `${DERIVED_DIR}/library-cache.bin`;

/** One file as last parsed: its stamp (size, mtime, ctime, hash) and what it parsed to. */
type Entry = [
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  hash: string,
  parsed: ParsedLibraryFile | undefined,
];

/**
 * The cache file: a 4-byte length, then JSON `{ format, code, entries: [path, ...Entry, notes
 * start, notes end][] }` with every note body left out, then all note bodies as UTF-8 (byte
 * offsets). Why not `v8.serialize`: for 20,000 papers it parses about twice as slowly as JSON.
 * Note bodies are not decoded when the cache is read: each item's `notes` decodes its bytes when
 * it is read (decoding 12 MB of notes up front took 0.2–0.4 s of a server's cold start, and the
 * bytes take about half the memory of the decoded strings). The JSON items have no `notes` key:
 * the accessor is added as a new property, which keeps V8's fast object layout (replacing a data
 * property with an accessor turns each object into a dictionary: ~14 MB more for 20,000 papers).
 */
const FORMAT = 5;

type Row = [path: string, ...entry: Entry, notesStart: number, notesEnd: number];

/** The parsed item that carries a note body, when the file has one. */
function noteHolder(parsed: ParsedLibraryFile | undefined): { notes: string } | undefined {
  if (!parsed) return undefined;
  if (parsed.kind === "paper") return parsed.paper;
  if (parsed.kind === "course") return parsed.course;
  if (parsed.kind === "episode") return parsed.episode;
  return undefined;
}

/**
 * A file changed within this window of the cache being written may change again within the same
 * mtime tick without the size changing; such entries are not kept (git's "racy clean" problem).
 */
const RACY_MS = 2_000;
const STAT_BATCH = 1024;
const READ_BATCH = 256;

let codeKey: string | undefined;

/** A hash of the parsing code (this folder and `core/`): other code → the cache is ignored. */
function parserCode(): string {
  if (codeKey !== undefined) return codeKey;
  const hash = createHash("sha256");
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, "..", "core")]) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (/\.(?:js|ts)$/.test(name) && !/\.test\./.test(name)) {
        hash.update(name).update(readFileSync(join(dir, name)));
      }
    }
  }
  codeKey = hash.digest("hex");
  return codeKey;
}

/** Where a lazily decoded note lives, or the string it was set to. */
const noteBytes = new WeakMap<object, string | { bytes: Buffer; from: number; to: number }>();
/** One getter and setter for every cached item, so that they all share one object shape. */
const lazyNotes: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object): string {
    const at = noteBytes.get(this);
    if (at === undefined) return "";
    return typeof at === "string" ? at : at.bytes.toString("utf8", at.from, at.to);
  },
  set(this: object, value: string) {
    noteBytes.set(this, value);
  },
};

/** The cache file's two parts, each read into its own buffer (the JSON one is dropped soon). */
function readParts(path: string): { json: Buffer; notes: Buffer } | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(4);
    if (size < 4 || readSync(fd, head, 0, 4, 0) !== 4) return undefined;
    const jsonLength = head.readUInt32LE(0);
    if (jsonLength > size - 4) return undefined;
    const json = Buffer.allocUnsafe(jsonLength);
    const notes = Buffer.allocUnsafe(size - 4 - jsonLength);
    if (readSync(fd, json, 0, json.length, 4) !== json.length) return undefined;
    if (readSync(fd, notes, 0, notes.length, 4 + jsonLength) !== notes.length) return undefined;
    return { json, notes };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readCache(path: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const parts = readParts(path);
  if (!parts) return entries;
  try {
    // ASCII only (see writeCache): decoded as latin1, much faster than UTF-8 with CJK in it.
    const data = JSON.parse(parts.json.toString("latin1")) as {
      format?: unknown;
      code?: unknown;
      rows?: unknown;
    };
    if (data.format !== FORMAT || data.code !== parserCode() || !Array.isArray(data.rows)) {
      return entries;
    }
    const notes = parts.notes;
    for (const row of data.rows as Row[]) {
      const [path, size, mtimeMs, ctimeMs, hash, parsed, from, to] = row;
      const holder = noteHolder(parsed);
      if (holder) {
        if (!(from >= 0 && from <= to && to <= notes.length)) return new Map();
        if (from < to) noteBytes.set(holder, { bytes: notes, from, to });
        Object.defineProperty(holder, "notes", lazyNotes);
      }
      entries.set(path, [size, mtimeMs, ctimeMs, hash, parsed]);
    }
    return entries;
  } catch {
    // Truncated or not ours: start over.
    return new Map();
  }
}

function writeCache(path: string, entries: Map<string, Entry>): void {
  const rows: Row[] = [];
  const notes: Buffer[] = [];
  let offset = 0;
  for (const [file, entry] of entries) {
    const holder = noteHolder(entry[4]);
    const body = Buffer.from(holder?.notes ?? "");
    // The note goes to the bytes part; the JSON gets a copy of the item without it.
    const parsed = holder ? withoutNotes(entry[4] as ParsedLibraryFile) : entry[4];
    rows.push([file, entry[0], entry[1], entry[2], entry[3], parsed, offset, offset + body.length]);
    notes.push(body);
    offset += body.length;
  }
  // Every non-ASCII character escaped (`\u6b8b`): JSON.parse reads them back, and the reader can
  // decode the bytes as latin1 (~0.1 s sooner for 20,000 papers with Chinese titles).
  const json = Buffer.from(
    JSON.stringify({ format: FORMAT, code: parserCode(), rows }).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    ),
    "latin1",
  );
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.byteLength, 0);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, Buffer.concat([head, json, ...notes]));
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written (read-only folder, full disk) only costs speed.
    rmSync(temp, { force: true });
  }
}

/**
 * A shallow copy of a parsed file whose item has no `notes` key, only for writing the JSON part
 * (the reader adds the key back as an accessor).
 */
function withoutNotes(parsed: ParsedLibraryFile): ParsedLibraryFile {
  const strip = <T extends { notes: string }>(item: T): T => {
    const { notes: _notes, ...rest } = item;
    return rest as T;
  };
  if (parsed.kind === "paper" && parsed.paper) return { ...parsed, paper: strip(parsed.paper) };
  if (parsed.kind === "course" && parsed.course) return { ...parsed, course: strip(parsed.course) };
  if (parsed.kind === "episode" && parsed.episode) {
    return { ...parsed, episode: strip(parsed.episode) };
  }
  return parsed;
}

/** Whether a file as stat-ed now is the one a cache entry was made from. */
function unchanged(
  was: Entry | undefined,
  info: { size: number; mtimeMs: number; ctimeMs: number },
  before: number,
): was is Entry {
  return (
    was !== undefined &&
    was[0] === info.size &&
    was[1] === info.mtimeMs &&
    was[2] === info.ctimeMs &&
    info.mtimeMs < before &&
    info.ctimeMs < before
  );
}

/** The library files' stats, in path order, `undefined` for one gone since it was listed. */
async function statFiles(root: string, paths: readonly string[]) {
  const stats: (import("node:fs").Stats | undefined)[] = [];
  for (let start = 0; start < paths.length; start += STAT_BATCH) {
    if (start > 0) await yieldToEventLoop();
    for (const path of paths.slice(start, start + STAT_BATCH)) {
      stats.push(statSync(join(root, path), { throwIfNoEntry: false }));
    }
  }
  return stats;
}

async function assertLibrary(root: string): Promise<void> {
  try {
    await access(join(root, LIBRARY_FILES.settings));
  } catch {
    throw notALibrary(root);
  }
}

function fromEntries(root: string, order: readonly [string, Entry][]): LoadedLibrary {
  const files = new Map<string, FileStamp>();
  const parsed: (ParsedLibraryFile | undefined)[] = [];
  for (const [path, entry] of order) {
    files.set(path, { hash: entry[3], mtimeMs: entry[1], size: entry[0] });
    parsed.push(entry[4]);
  }
  return libraryFromParsed(root, parsed, files);
}

/** A library as the parsed-library cache last saw it, and a way to check it against the files. */
export interface CachedLibrary {
  loaded: LoadedLibrary;
  /**
   * Whether the files are still those the cache was made from (lists and stats every file, in
   * batches that yield to the event loop); false → load again with `loadLibraryCached`.
   */
  isCurrent(): Promise<boolean>;
}

/**
 * The library exactly as the parsed-library cache holds it, without looking at the files (no
 * stat, no read): what a server shows first, before it has checked the cache with `isCurrent`
 * (stale-while-revalidate). Undefined when there is no usable cache.
 * @example const cached = await loadLibraryFromCache(root); if (cached && !(await cached.isCurrent())) reload()
 */
export async function loadLibraryFromCache(root: string): Promise<CachedLibrary | undefined> {
  await assertLibrary(root);
  const cached = readCache(join(root, LIBRARY_CACHE_FILE));
  if (cached.size === 0) return undefined;
  const order = [...cached].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    loaded: fromEntries(root, order),
    async isCurrent() {
      const before = Date.now();
      const paths = await listLibraryFiles(root);
      if (paths.length !== cached.size) return false;
      const stats = await statFiles(root, paths);
      return paths.every((path, i) => {
        const info = stats[i];
        // Entries are written only for files older than the racy window: any change since has
        // a newer mtime or ctime than the entry's.
        return info !== undefined && unchanged(cached.get(path), info, before);
      });
    },
  };
}

/**
 * `loadLibrary` with a derived cache of parsed files in `.jingdu/library-cache.bin`: files whose
 * size, mtime and ctime are unchanged are not read again; the rest are read and parsed, and the
 * cache is rewritten when anything changed. Returns exactly what `loadLibrary` returns (library,
 * diagnostics, file stamps, sources). A missing, corrupt or outdated cache is ignored and rebuilt.
 * @example const { library } = await loadLibraryCached("/home/me/study")
 */
export async function loadLibraryCached(
  root: string,
  options: {
    /** Files changed this recently (ms) are not cached (default 2 s; tests use 0). */
    racyMs?: number;
  } = {},
): Promise<LoadedLibrary> {
  const racyMs = options.racyMs ?? RACY_MS;
  await assertLibrary(root);
  const cachePath = join(root, LIBRARY_CACHE_FILE);
  const paths = await listLibraryFiles(root);
  const cached = readCache(cachePath);
  const next = new Map<string, Entry>();
  let dirty = cached.size === 0;
  const startedAt = Date.now();

  // Stat everything first; read (in batches) only what changed.
  const stats = await statFiles(root, paths);
  const order: { path: string; entry: Entry | undefined }[] = [];
  paths.forEach((path, i) => {
    const info = stats[i];
    if (!info) return;
    const was = cached.get(path);
    if (unchanged(was, info, startedAt - racyMs)) {
      order.push({ path, entry: was });
      next.set(path, was);
    } else {
      order.push({ path, entry: undefined });
    }
  });
  // The parser (zod, yaml) is loaded only when a file has to be parsed.
  const parser = order.some((item) => !item.entry) ? await import("./parse-file.js") : undefined;
  let reads = 0;
  for (const item of order) {
    if (item.entry || !parser) continue;
    if (reads > 0 && reads % READ_BATCH === 0) await yieldToEventLoop();
    reads++;
    let fd: number;
    try {
      fd = openSync(join(root, item.path), "r");
    } catch (err) {
      // Gone since it was listed: left out, like `loadLibrary` does.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    try {
      const info = fstatSync(fd);
      const bytes = readFileSync(fd);
      const entry: Entry = [
        info.size,
        info.mtimeMs,
        info.ctimeMs,
        contentHash(bytes),
        parser.parseLibraryFile(item.path, bytes.toString("utf8")),
      ];
      item.entry = entry;
      dirty = true;
      const racy = info.mtimeMs >= startedAt - racyMs || info.ctimeMs >= startedAt - racyMs;
      if (!racy) next.set(item.path, entry);
    } finally {
      closeSync(fd);
    }
  }
  if (next.size !== cached.size) dirty = true;
  if (dirty) writeCache(cachePath, next);
  return fromEntries(
    root,
    order.flatMap(({ path, entry }) => (entry ? [[path, entry] as [string, Entry]] : [])),
  );
}
