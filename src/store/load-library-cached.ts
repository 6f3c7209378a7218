import { access } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { notALibrary } from "../core/index.js";
import { type LoadedLibrary, libraryFromParsed } from "./assemble-library.js";
import {
  byPath,
  type CachedNotes,
  type Entry,
  LIBRARY_CACHE_FILE,
  RACY_MS,
  readCache,
  unchanged,
  writeCache,
} from "./library-cache-file.js";
import { changeKind, LIBRARY_FILES, listLibraryFiles } from "./library-layout.js";
import type { ParsedLibraryFile } from "./parse-file.js";
import { type FileStamp, type ReadFile, readStampedFileSync, statFiles } from "./read-files.js";

export {
  type CachedNotes,
  LIBRARY_CACHE_FILE,
  prefetchLibraryCache,
} from "./library-cache-file.js";

const READ_BATCH = 256;
/** From this many files parsed, `readBack` takes them back from the cache it wrote (below). */
const READ_BACK_FROM = 256;

async function assertLibrary(root: string): Promise<void> {
  try {
    await access(join(root, LIBRARY_FILES.settings));
  } catch {
    throw notALibrary(root);
  }
}

/** Each loaded library's files as parsed, in path order: what `reloadFiles` starts from. */
const entriesOf = new WeakMap<LoadedLibrary, Map<string, Entry>>();

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
  const parsed: (ParsedLibraryFile | undefined)[] = [];
  for (const entry of entries.values()) parsed.push(entry[4]);
  const files = () => {
    const stamps = new Map<string, FileStamp>();
    for (const [path, [size, mtimeMs, , hash]] of entries)
      stamps.set(path, { hash, mtimeMs, size });
    return stamps;
  };
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
  options: LoadCachedOptions = {},
): Promise<LoadedLibrary> {
  return (await loadOrUpdate(root, options, true)) as LoadedLibrary;
}

/**
 * The parsed-library cache brought up to date with the files, exactly as `loadLibraryCached`
 * leaves it, for a command that does not need the library itself (an import, for the command
 * after it): the files changed within the racy window, which the cache leaves out, are not read
 * or parsed (after a quick import that is every file it wrote).
 * @example await updateLibraryCache(root) // .jingdu/library-cache.bin as loadLibraryCached writes it
 */
export async function updateLibraryCache(
  root: string,
  options: Pick<LoadCachedOptions, "racyMs"> = {},
): Promise<void> {
  await loadOrUpdate(root, options, false);
}

interface LoadCachedOptions {
  /** Files changed this recently (ms) are not cached (default 2 s; tests use 0). */
  racyMs?: number;
  /** Note bodies read when a note is read (default) or all at once: `CachedNotes`. */
  notes?: CachedNotes;
  /**
   * For a library a long-lived process keeps (the server): when many files were parsed, their
   * entries are taken back from the cache just written (below). A command that exits soon
   * would only read the cache file once more for nothing (~0.3 s at 20,000 papers).
   */
  readBack?: boolean;
}

/** `loadLibraryCached` (`load`), or only its cache brought up to date (`updateLibraryCache`). */
async function loadOrUpdate(
  root: string,
  options: LoadCachedOptions,
  load: boolean,
): Promise<LoadedLibrary | undefined> {
  const racyMs = options.racyMs ?? RACY_MS;
  await assertLibrary(root);
  const cachePath = join(root, LIBRARY_CACHE_FILE);
  const paths = await listLibraryFiles(root);
  const cached = await readCache(cachePath, options.notes ?? "lazy");
  const next = new Map<string, Entry>();
  let dirty = cached.size === 0;
  const startedAt = Date.now();
  /** Changed within the racy window: such a file is never put in the cache. */
  const isRacy = (mtimeMs: number, ctimeMs: number) =>
    mtimeMs >= startedAt - racyMs || ctimeMs >= startedAt - racyMs;

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
    } else if (load || !isRacy(info.mtimeMs, info.ctimeMs)) {
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
    if (!isRacy(entry[1], entry[2])) next.set(item.path, entry);
  }
  if (next.size !== cached.size) dirty = true;
  const wrote = dirty && writeCache(cachePath, next);
  if (!load) return undefined;
  const loaded = new Map<string, Entry>();
  for (const { path, entry } of order) if (entry) loaded.set(path, entry);
  if (
    wrote &&
    options.readBack &&
    (options.notes ?? "lazy") === "lazy" &&
    reads >= READ_BACK_FROM
  ) {
    // What was parsed from the files holds each note (and, through V8's slices, the file's whole
    // text) as long as the library lives: a server's first start kept every note of 20,000
    // papers, ~30 MB. Read back from the cache just written, notes stay on disk until read,
    // as after a cache hit. An entry is taken only for the bytes it was parsed from.
    const again = await readCache(cachePath, "lazy");
    for (const [path, entry] of loaded) {
      const back = again.get(path);
      if (back && back[3] === entry[3]) loaded.set(path, back);
    }
  }
  return fromEntries(root, loaded);
}
