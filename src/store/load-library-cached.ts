import { createHash } from "node:crypto";
import {
  closeSync,
  fstat as fstatCallback,
  mkdirSync,
  open as openCallback,
  read as readCallback,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { notALibrary } from "../core/index.js";
import { type LoadedLibrary, libraryFromParsed } from "./assemble-library.js";
import { changeKind, DERIVED_DIR, LIBRARY_FILES, listLibraryFiles } from "./library-layout.js";
import type { ParsedLibraryFile } from "./parse-file.js";
import { type FileStamp, type ReadFile, readStampedFileSync, statFiles } from "./read-files.js";

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
 * Note bodies are not read when the cache is read: each item's `notes` reads and decodes its
 * bytes from the file when it is read (decoding 12 MB of notes up front took 0.2–0.4 s of a
 * server's cold start; reading them, ~50 ms and 12 MB of memory). The JSON items have no `notes` key:
 * the accessor is added as a new property, which keeps V8's fast object layout (replacing a data
 * property with an accessor turns each object into a dictionary: ~14 MB more for 20,000 papers).
 */
const FORMAT = 6;

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
      // No such folder in this build: nothing of it to hash.
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

/**
 * The note bodies of one cache file, read on demand: the file stays open while any item read
 * from it is alive (the cache is replaced by renaming a new file over it, so this descriptor
 * keeps reading the version the items came from), and is closed once they are all collected.
 */
interface NoteSource {
  fd: number;
  /** Where the note bytes start in the file. */
  base: number;
}
const closeWhenUnused = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** Where a lazily read note lives, or the string it was set to. */
const noteBytes = new WeakMap<object, string | { source: NoteSource; from: number; to: number }>();

function readNote(at: { source: NoteSource; from: number; to: number }): string {
  const bytes = Buffer.allocUnsafe(at.to - at.from);
  let got = 0;
  while (got < bytes.length) {
    const n = readSync(
      at.source.fd,
      bytes,
      got,
      bytes.length - got,
      at.source.base + at.from + got,
    );
    // The cache file is replaced by renaming, never cut short: a short read means it was changed
    // in place by something else. Say so rather than show part of a note as if it were whole.
    if (n === 0) throw new Error(`${LIBRARY_CACHE_FILE} changed while in use: restart to reload`);
    got += n;
  }
  return bytes.toString("utf8");
}

/** One getter and setter for every cached item, so that they all share one object shape. */
const lazyNotes: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object): string {
    const at = noteBytes.get(this);
    if (at === undefined) return "";
    return typeof at === "string" ? at : readNote(at);
  },
  set(this: object, value: string) {
    noteBytes.set(this, value);
  },
};

/**
 * A cache file's JSON part, and its note bytes: read (`eager`), or where they are in the file,
 * which stays open for them.
 */
interface CacheParts {
  json: Buffer;
  notes: NoteSource | Buffer;
  notesLength: number;
}

/**
 * How note bodies come out of the cache: `lazy`, read from the file when a note is read (the
 * server: its memory holds only the notes it shows); `eager`, read with the rest (a command that
 * reads every note, like `jingdu build`, and some more than once).
 */
export type CachedNotes = "lazy" | "eager";

// Plain descriptors, not `FileHandle`s: the notes' descriptor outlives this read and is closed
// by `closeWhenUnused` (a FileHandle collected while open is closed with a warning).
const openAsync = promisify(openCallback);
const readAtAsync = promisify(readCallback);
const fstatAsync = promisify(fstatCallback);

/** Reads `length` bytes at `position` into a new buffer; undefined when the file is shorter. */
async function readExactly(
  fd: number,
  length: number,
  position: number,
): Promise<Buffer | undefined> {
  const bytes = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await readAtAsync(fd, bytes, got, length - got, position + got);
    if (bytesRead === 0) return undefined;
    got += bytesRead;
  }
  return bytes;
}

/**
 * Reads the JSON part of a cache file, not its notes (12 MB for 20,000 papers: reading them up
 * front cost a server's cold start ~50 ms and its memory 12 MB). Async, so that a command can
 * start it before it loads its modules (`prefetchLibraryCache`). The file stays open for the
 * notes, closed by `closeWhenUnused` once no item read from it is left.
 */
async function readParts(path: string, notes: CachedNotes): Promise<CacheParts | undefined> {
  let fd: number;
  try {
    fd = await openAsync(path, "r");
  } catch {
    // No cache file: the library is parsed from its files (the cache is derived data).
    return undefined;
  }
  try {
    const size = (await fstatAsync(fd)).size;
    const head = size >= 4 ? await readExactly(fd, 4, 0) : undefined;
    const jsonLength = head?.readUInt32LE(0);
    if (jsonLength === undefined || jsonLength > size - 4) throw new Error("not a cache");
    const json = await readExactly(fd, jsonLength, 4);
    if (!json) throw new Error("truncated");
    const notesLength = size - 4 - jsonLength;
    if (notes === "eager") {
      const bytes = await readExactly(fd, notesLength, 4 + jsonLength);
      closeSync(fd);
      return bytes ? { json, notes: bytes, notesLength } : undefined;
    }
    const source = { fd, base: 4 + jsonLength };
    closeWhenUnused.register(source, fd);
    return { json, notes: source, notesLength };
  } catch {
    // A damaged cache: closed and parsed from the files instead.
    closeSync(fd);
    return undefined;
  }
}

/** Reads started before they were needed (`prefetchLibraryCache`, lazy notes), by path. */
const prefetched = new Map<string, Promise<CacheParts | undefined>>();

/**
 * Starts reading a library's parsed-library cache now, for a load from the cache soon after
 * (`loadLibraryFromCache`, `loadLibraryCached`): the server starts it before it loads its
 * modules, so the read overlaps them. Harmless when unused or when the library has no cache.
 */
export function prefetchLibraryCache(root: string): void {
  const path = join(root, LIBRARY_CACHE_FILE);
  if (!prefetched.has(path)) prefetched.set(path, readParts(path, "lazy"));
}

async function readCache(path: string, notes: CachedNotes): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  const pending = prefetched.get(path);
  prefetched.delete(path);
  // A prefetch reads lazy notes: an eager load reads the file itself (the prefetched parts are
  // dropped, and their descriptor closed with them).
  const parts = await (notes === "lazy" && pending ? pending : readParts(path, notes));
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
    for (const row of data.rows as Row[]) {
      const [path, size, mtimeMs, ctimeMs, hash, parsed, from, to] = row;
      if (parsed) restorePaths(parsed, path);
      const holder = noteHolder(parsed);
      if (holder) {
        if (!(from >= 0 && from <= to && to <= parts.notesLength)) return new Map();
        if (Buffer.isBuffer(parts.notes)) holder.notes = parts.notes.toString("utf8", from, to);
        else {
          if (from < to) noteBytes.set(holder, { source: parts.notes, from, to });
          Object.defineProperty(holder, "notes", lazyNotes);
        }
      }
      entries.set(path, [size, mtimeMs, ctimeMs === 0 ? mtimeMs : ctimeMs, hash, parsed]);
    }
    return entries;
  } catch {
    // Truncated or not ours: start over.
    return new Map();
  }
}

/**
 * The file's path appears in a parsed file twice more (`file`, the item's `at.file`): the cache
 * stores a 0 in their place (the same object shape, fewer bytes) and the reader puts the row's
 * path back, one string shared by all three.
 */
function restorePaths(parsed: ParsedLibraryFile, path: string): void {
  parsed.file = path;
  const at = (noteHolder(parsed) as { at?: { file: string } } | undefined)?.at;
  if (at) at.file = path;
}

function writeCache(path: string, entries: Map<string, Entry>): void {
  const rows: Row[] = [];
  const notes: Buffer[] = [];
  let offset = 0;
  // In path order, so that a reader can use the rows as they come (`inPathOrder`).
  for (const [file, entry] of [...entries].sort(byPath)) {
    const holder = noteHolder(entry[4]);
    const body = Buffer.from(holder?.notes ?? "");
    // The note goes to the bytes part; the JSON gets a copy of the item without it.
    const parsed = entry[4] && forCache(entry[4]);
    const ctime = entry[2] === entry[1] ? 0 : entry[2];
    rows.push([file, entry[0], entry[1], ctime, entry[3], parsed, offset, offset + body.length]);
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
 * A shallow copy of a parsed file for the JSON part: its item has no `notes` key (the reader adds
 * it back as an accessor), and the file's path, repeated in `file` and the item's `at.file`, is a
 * 0 (`restorePaths`).
 */
function forCache(parsed: ParsedLibraryFile): ParsedLibraryFile {
  const copy = { ...parsed, file: 0 as unknown as string };
  // Key by key rather than `{ notes, ...rest }`: a rest pattern reads every property, and the
  // lazy `notes` getter would read the note from disk a second time (`writeCache` has it).
  const strip = <T extends { notes: string; at?: object }>(item: T): T => {
    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(item)) {
      if (key !== "notes") rest[key] = item[key as keyof T];
    }
    if (item.at) rest.at = { ...item.at, file: 0 };
    return rest as T;
  };
  if (copy.kind === "paper" && copy.paper) copy.paper = strip(copy.paper);
  else if (copy.kind === "course" && copy.course) copy.course = strip(copy.course);
  else if (copy.kind === "episode" && copy.episode) copy.episode = strip(copy.episode);
  return copy;
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

async function assertLibrary(root: string): Promise<void> {
  try {
    await access(join(root, LIBRARY_FILES.settings));
  } catch {
    throw notALibrary(root);
  }
}

/** Each loaded library's files as parsed, in path order: what `reloadFiles` starts from. */
const entriesOf = new WeakMap<LoadedLibrary, Map<string, Entry>>();

const byPath = ([a]: [string, Entry], [b]: [string, Entry]): number => (a < b ? -1 : a > b ? 1 : 0);

/** The entries in path order: the map itself when it already is (the cache is written so). */
function inPathOrder(entries: Map<string, Entry>): Map<string, Entry> {
  let last = "";
  for (const path of entries.keys()) {
    if (path < last) return new Map([...entries].sort(byPath));
    last = path;
  }
  return entries;
}

/** The loaded library of these entries, which must be in path order (kept for `reloadFiles`). */
function fromEntries(root: string, entries: Map<string, Entry>): LoadedLibrary {
  const files = new Map<string, FileStamp>();
  const parsed: (ParsedLibraryFile | undefined)[] = [];
  for (const [path, entry] of entries) {
    files.set(path, { hash: entry[3], mtimeMs: entry[1], size: entry[0] });
    parsed.push(entry[4]);
  }
  const loaded = libraryFromParsed(root, parsed, files);
  entriesOf.set(loaded, entries);
  return loaded;
}

/** A read library file as a cache entry: its stamp and what it parses to. */
function entryOf(file: ReadFile, parser: typeof import("./parse-file.js")): Entry {
  return [file.size, file.mtimeMs, file.ctimeMs, file.hash, parser.parseReadFile(file)];
}

/**
 * `previous` with these files read again (relative paths: a file gone is dropped, a new one
 * added), every other file as `previous` had it: what the web app does after a change whose
 * paths it knows (its own save, the watcher's events), instead of listing and stat-ing every
 * file and rewriting the cache (2–5 s for 20,000 papers). The cache file is not written: a later
 * start finds it stale and loads again. Paths the library does not read (an editor's swap file,
 * `metadata/`) are passed over, and so are files whose bytes are those `previous` has: when
 * nothing else is left, `previous` itself is given back. Undefined when `previous` was not
 * loaded by this module or a path is more than one file (a course folder, `metadata/`: load it
 * whole then; see `changeKind`).
 * @example const next = await reloadFiles(loaded, ["progress.yaml"]) ?? (await loadLibraryCached(root))
 */
export async function reloadFiles(
  previous: LoadedLibrary,
  paths: readonly string[],
): Promise<LoadedLibrary | undefined> {
  const entries = entriesOf.get(previous);
  const kinds = paths.map(changeKind);
  if (!entries || kinds.includes("other")) return undefined;
  const files = paths.filter((_, i) => kinds[i] === "library");
  if (files.length === 0) return previous;
  const parser = await import("./parse-file.js");
  const next = new Map(entries);
  let added = false;
  let changed = false;
  for (const path of new Set(files)) {
    const file = readStampedFileSync(previous.root, path);
    const was = next.get(path);
    if (!file) changed = next.delete(path) || changed;
    // The same bytes (the watcher telling of the server's own save): nothing to fold again.
    else if (was?.[3] !== file.hash) {
      added ||= was === undefined;
      changed = true;
      next.set(path, entryOf(file, parser));
    }
  }
  if (!changed) return previous;
  // Path order, as a full load gives it (a changed file keeps its place in the map).
  return fromEntries(previous.root, added ? new Map([...next].sort(byPath)) : next);
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
  const cached = await readCache(join(root, LIBRARY_CACHE_FILE), "lazy");
  if (cached.size === 0) return undefined;
  return {
    loaded: fromEntries(root, inPathOrder(cached)),
    async isCurrent() {
      const before = Date.now();
      const paths = await listLibraryFiles(root);
      if (paths.length !== cached.size) return false;
      const stats = await statFiles(root, paths);
      return paths.every((path) => {
        const info = stats.get(path);
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
    /** Note bodies read when a note is read (default) or all at once: `CachedNotes`. */
    notes?: CachedNotes;
  } = {},
): Promise<LoadedLibrary> {
  const racyMs = options.racyMs ?? RACY_MS;
  await assertLibrary(root);
  const cachePath = join(root, LIBRARY_CACHE_FILE);
  const paths = await listLibraryFiles(root);
  const cached = await readCache(cachePath, options.notes ?? "lazy");
  const next = new Map<string, Entry>();
  let dirty = cached.size === 0;
  const startedAt = Date.now();

  // Stat everything first; read (in batches) only what changed.
  const stats = await statFiles(root, paths);
  const order: { path: string; entry: Entry | undefined }[] = [];
  for (const path of paths) {
    const info = stats.get(path);
    if (!info) continue;
    const was = cached.get(path);
    if (unchanged(was, info, startedAt - racyMs)) {
      order.push({ path, entry: was });
      next.set(path, was);
    } else {
      order.push({ path, entry: undefined });
    }
  }
  // The parser (zod, yaml) is loaded only when a file has to be parsed.
  const parser = order.some((item) => !item.entry) ? await import("./parse-file.js") : undefined;
  let reads = 0;
  for (const item of order) {
    if (item.entry || !parser) continue;
    if (reads > 0 && reads % READ_BATCH === 0) await yieldToEventLoop();
    reads++;
    const file = readStampedFileSync(root, item.path);
    // Gone since it was listed: left out, like `loadLibrary` does.
    if (!file) continue;
    const entry = entryOf(file, parser);
    item.entry = entry;
    dirty = true;
    const racy = entry[1] >= startedAt - racyMs || entry[2] >= startedAt - racyMs;
    if (!racy) next.set(item.path, entry);
  }
  if (next.size !== cached.size) dirty = true;
  if (dirty) writeCache(cachePath, next);
  const loaded = new Map<string, Entry>();
  for (const { path, entry } of order) if (entry) loaded.set(path, entry);
  return fromEntries(root, loaded);
}
