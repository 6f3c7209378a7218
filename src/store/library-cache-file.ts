import {
  closeSync,
  fstat as fstatCallback,
  mkdirSync,
  open as openCallback,
  read as readCallback,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { folderCode } from "../base/index.js";
import { DERIVED_DIR } from "./library-layout.js";
import type { ParsedLibraryFile } from "./parse-file.js";

/**
 * The parsed-library cache file: its format, reading (note bodies on demand) and writing, and
 * whether a file is still the one an entry was made from. The loaders that use it are in
 * `load-library-cached.ts`.
 */
/** The parsed-library cache: derived data, deleting it only makes the next load slower. */
export const LIBRARY_CACHE_FILE = `${DERIVED_DIR}/library-cache.bin`;

/** One file as last parsed: its stamp (size, mtime, ctime, hash) and what it parsed to. */
export type Entry = [
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
export const RACY_MS = 2_000;

/** A hash of the parsing code (this folder and `core/`): other code → the cache is ignored. */
export function parserCode(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return folderCode([here, join(here, "..", "core")]);
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

export async function readCache(path: string, notes: CachedNotes): Promise<Map<string, Entry>> {
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

/** Writes the cache file of these entries; false when it could not be written. */
export function writeCache(path: string, entries: Map<string, Entry>): boolean {
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
    return true;
  } catch {
    // A cache that cannot be written (read-only folder, full disk) only costs speed.
    rmSync(temp, { force: true });
    return false;
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
export function unchanged(
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

/** Cache entries by path, as the cache is written and a full load gives them. */
export const byPath = ([a]: [string, Entry], [b]: [string, Entry]): number =>
  a < b ? -1 : a > b ? 1 : 0;
