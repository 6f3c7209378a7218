import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
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
import { contentHash } from "./atomic-write.js";
import { DERIVED_DIR, LIBRARY_FILES, listLibraryFiles } from "./library-layout.js";
import { type LoadedLibrary, libraryFromParsed } from "./load-library.js";
import { type ParsedLibraryFile, parseLibraryFile } from "./parse-file.js";
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
 * start, notes end][] }` with every note body left out, then all note bodies as one UTF-8 string
 * (sliced by the offsets). Why not `v8.serialize`: for 20,000 papers it parses about twice as
 * slowly as JSON, and note bodies are cheapest as slices of one string.
 */
const FORMAT = 2;

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

function readCache(path: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return entries;
  }
  try {
    const jsonEnd = 4 + bytes.readUInt32LE(0);
    const data = JSON.parse(bytes.toString("utf8", 4, jsonEnd)) as {
      format?: unknown;
      code?: unknown;
      rows?: unknown;
    };
    if (data.format !== FORMAT || data.code !== parserCode() || !Array.isArray(data.rows)) {
      return entries;
    }
    const notes = bytes.toString("utf8", jsonEnd);
    for (const row of data.rows as Row[]) {
      const [path, size, mtimeMs, ctimeMs, hash, parsed, from, to] = row;
      const holder = noteHolder(parsed);
      if (holder) holder.notes = notes.slice(from, to);
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
  const notes: string[] = [];
  let offset = 0;
  for (const [file, entry] of entries) {
    const holder = noteHolder(entry[4]);
    const body = holder?.notes ?? "";
    // The note goes to the string part; the JSON gets a copy of the item without it.
    const parsed = holder ? withNotes(entry[4] as ParsedLibraryFile, "") : entry[4];
    rows.push([file, entry[0], entry[1], entry[2], entry[3], parsed, offset, offset + body.length]);
    notes.push(body);
    offset += body.length;
  }
  const json = Buffer.from(JSON.stringify({ format: FORMAT, code: parserCode(), rows }));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.byteLength, 0);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, Buffer.concat([head, json, Buffer.from(notes.join(""))]));
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written (read-only folder, full disk) only costs speed.
    rmSync(temp, { force: true });
  }
}

/** A shallow copy of a parsed file whose item has the given note body. */
function withNotes(parsed: ParsedLibraryFile, notes: string): ParsedLibraryFile {
  if (parsed.kind === "paper" && parsed.paper)
    return { ...parsed, paper: { ...parsed.paper, notes } };
  if (parsed.kind === "course" && parsed.course) {
    return { ...parsed, course: { ...parsed.course, notes } };
  }
  if (parsed.kind === "episode" && parsed.episode) {
    return { ...parsed, episode: { ...parsed.episode, notes } };
  }
  return parsed;
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
  try {
    await access(join(root, LIBRARY_FILES.settings));
  } catch {
    throw notALibrary(root);
  }
  const cachePath = join(root, LIBRARY_CACHE_FILE);
  const paths = await listLibraryFiles(root);
  const cached = readCache(cachePath);
  const next = new Map<string, Entry>();
  const files = new Map<string, FileStamp>();
  const parsed: (ParsedLibraryFile | undefined)[] = [];
  let dirty = cached.size === 0;
  const startedAt = Date.now();

  // Stat everything first; read (in batches) only what changed.
  const order: { path: string; entry: Entry | undefined }[] = [];
  for (let start = 0; start < paths.length; start += STAT_BATCH) {
    if (start > 0) await yieldToEventLoop();
    for (const path of paths.slice(start, start + STAT_BATCH)) {
      const info = statSync(join(root, path), { throwIfNoEntry: false });
      if (!info) continue;
      const was = cached.get(path);
      if (
        was &&
        was[0] === info.size &&
        was[1] === info.mtimeMs &&
        was[2] === info.ctimeMs &&
        info.mtimeMs < startedAt - racyMs &&
        info.ctimeMs < startedAt - racyMs
      ) {
        order.push({ path, entry: was });
        next.set(path, was);
      } else {
        order.push({ path, entry: undefined });
      }
    }
  }
  let reads = 0;
  for (const item of order) {
    if (item.entry) continue;
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
        parseLibraryFile(item.path, bytes.toString("utf8")),
      ];
      item.entry = entry;
      dirty = true;
      const racy = info.mtimeMs >= startedAt - racyMs || info.ctimeMs >= startedAt - racyMs;
      if (!racy) next.set(item.path, entry);
    } finally {
      closeSync(fd);
    }
  }
  for (const { path, entry } of order) {
    if (!entry) continue;
    files.set(path, { hash: entry[3], mtimeMs: entry[1], size: entry[0] });
    parsed.push(entry[4]);
  }
  if (next.size !== cached.size) dirty = true;
  if (dirty) writeCache(cachePath, next);
  return libraryFromParsed(root, parsed, files);
}
