/**
 * The library's citation graph read into its index (issue 19): `metadata/citation-graph.jsonl`
 * streamed in chunks through study's `GraphIndexReader` (no whole-file string, ids numbered
 * while reading, paper lines parsed when shown), and a cache that keeps the index between
 * calls while the file is the same (the app's Next page: one read, then one `stat` a request).
 */
import { lstat, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { folderCode, nonRegularKind, tempPathFor } from "../base/index.js";
import { CITATION_GRAPH_FILE, type Diagnostic, notRegularDiagnostic } from "../core/index.js";
import { RACY_MS } from "../store/light.js";
import {
  decodeGraphParts,
  encodeGraphParts,
  type GraphIndex,
  GraphIndexReader,
  type GraphParts,
  indexFromParts,
} from "../study/index.js";

/**
 * The index kept beside the library (derived, delete freely): the byte reader's parts stamped
 * with the JSONL they were read from, used only while that stamp is the file's.
 */
export const CITATION_GRAPH_INDEX_FILE = ".jingdu/citation-graph-index.bin";

export interface LoadedCitationGraph {
  index: GraphIndex;
  /** Unreadable lines of the file, with file and line (the rest was read). */
  problems: Diagnostic[];
  /** What identifies the file read (inode, size, modification and change times; "" when missing). */
  stamp: string;
  /**
   * The file changed within `RACY_MS` of being read: it may change again within the same time
   * tick, its size kept, unseen by the stamp. Such an index is neither kept nor trusted later.
   */
  racy: boolean;
  /** Read from the kept index (`.jingdu/citation-graph-index.bin`), not from the JSONL. */
  fromKept: boolean;
}

const CHUNK = 1 << 22;

/**
 * The file's stamp: inode, size, mtime and ctime (a program that edits in place and puts the
 * mtime back, `cp -a` or `touch -r` over it, a new file given a freed inode: each sets the ctime
 * anew), as the store's caches stamp files. `racy`: changed within `racyMs` of now.
 */
async function stampOf(
  path: string,
  racyMs: number,
): Promise<{ stamp: string; size: number; racy: boolean; kind?: string } | undefined> {
  try {
    const before = Date.now() - racyMs;
    const info = await lstat(path);
    const kind = nonRegularKind(info);
    const stamp = `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
    // racyMs 0 is no window at all: a stamp's fractional milliseconds are never "at or after" a
    // Date.now() taken in the same millisecond by accident.
    const racy = racyMs > 0 && (info.mtimeMs >= before || info.ctimeMs >= before);
    const found = { stamp, size: info.size, racy };
    return kind === undefined ? found : { ...found, kind };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * What the kept index is stamped with: the JSONL's stamp and the code that reads the JSONL into
 * parts (study's modules and core's types, as built), so that an index kept by other code is read
 * again from the JSONL instead of trusted (a derived version, never bumped by hand).
 */
function keptStamp(stamp: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return `${stamp}@${folderCode([join(here, "..", "study"), join(here, "..", "core")])}`;
}

/** The kept index when it was made from the JSONL of this stamp by this code, else undefined. */
async function readKept(root: string, stamp: string): Promise<GraphParts | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(root, CITATION_GRAPH_INDEX_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  // The arrays are views on the bytes: they must start at a multiple of 8.
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes);
  return decodeGraphParts(bytes, keptStamp(stamp));
}

/** Writes the kept index (a temp file renamed over the old one: a reader sees one or the other). */
async function writeKept(root: string, parts: GraphParts, stamp: string): Promise<void> {
  const path = join(root, CITATION_GRAPH_INDEX_FILE);
  const temp = tempPathFor(path);
  try {
    await mkdir(join(root, ".jingdu"), { recursive: true });
    const file = await open(temp, "w");
    try {
      await file.writev(encodeGraphParts(parts, keptStamp(stamp)));
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    // A cache that cannot be written (read-only library, full disk) loses nothing: the JSONL is
    // read again next time. Anything else is a bug to see.
    await rm(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (!["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT"].includes(code)) throw err;
  }
}

export interface LoadCitationGraphOptions {
  /** Use and write the index kept in `.jingdu/` (default true). */
  keep?: boolean;
  /** A file changed this recently (ms) is read from the JSONL and not kept (default 2 s; tests use 0). */
  racyMs?: number;
}

/**
 * Reads the graph file into its index: from the kept index when it was made from this very file
 * (`keep`, the default), else from the JSONL, then keeps it. No file: an empty index, no problem.
 * @example const { index, problems } = await loadCitationGraphIndex(root)
 */
export async function loadCitationGraphIndex(
  root: string,
  opts: LoadCitationGraphOptions = {},
): Promise<LoadedCitationGraph> {
  // The light door: reading the graph needs none of the HTTP clients.
  const { citationGraphDiagnostics, citationGraphPath } = await import("../sources/light.js");
  const path = citationGraphPath(root);
  const found = await stampOf(path, opts.racyMs ?? RACY_MS);
  // Made only when there is no graph to read (not on every read of one).
  const empty = (problems: Diagnostic[] = []): LoadedCitationGraph => ({
    index: new GraphIndexReader().end().index,
    problems,
    stamp: "",
    racy: false,
    fromKept: false,
  });
  if (found === undefined) return empty();
  if (found.kind !== undefined) {
    return empty([notRegularDiagnostic(CITATION_GRAPH_FILE, found.kind)]);
  }
  const { stamp, racy } = found;
  const keep = (opts.keep ?? true) && !racy;
  const kept = keep ? await readKept(root, stamp) : undefined;
  if (kept) {
    const problems = citationGraphDiagnostics(kept.problems);
    return { index: indexFromParts(kept), problems, stamp, racy, fromKept: true };
  }
  const fresh = new GraphIndexReader({ bytes: found.size });
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, "r");
  } catch (err) {
    // Replaced between lstat and open (a refresh renaming its temp file over it): read as gone.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return empty();
    throw err;
  }
  try {
    const buffer = new Uint8Array(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      fresh.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  const { index, problems, parts } = fresh.end();
  if (keep) await writeKept(root, parts, stamp);
  return { index, problems: citationGraphDiagnostics(problems), stamp, racy, fromKept: false };
}

/** How long the app keeps a graph's index no page asked for (a 1M-paper graph holds ~350 MB). */
export const GRAPH_IDLE_MS = 5 * 60_000;

/**
 * A kept index per library root, read again only when the file's stamp changed (a refresh
 * appends or renames a new file over it, an editor saves it: each sets a new ctime) or it was
 * read within the racy window of a change. One no page asked for in `idleMs` is let go (the
 * next visit maps `.jingdu/`'s kept index again: ~0.3 s at 1M papers).
 * @example const graphs = citationGraphCache(); const { index } = await graphs.get(root)
 */
export function citationGraphCache(opts: { racyMs?: number; idleMs?: number } = {}): {
  get(root: string): Promise<LoadedCitationGraph>;
  /** How many times the file was read (what a test checks). */
  readonly reads: number;
} {
  const kept = new Map<string, { graph: LoadedCitationGraph; idle: NodeJS.Timeout }>();
  let reads = 0;
  const idleMs = opts.idleMs ?? GRAPH_IDLE_MS;
  return {
    get reads() {
      return reads;
    },
    async get(root) {
      const { citationGraphPath } = await import("../sources/light.js");
      const racyMs = opts.racyMs ?? RACY_MS;
      const now = (await stampOf(citationGraphPath(root), racyMs))?.stamp ?? "";
      const old = kept.get(root);
      if (old && !old.graph.racy && old.graph.stamp === now) {
        old.idle.refresh();
        return old.graph;
      }
      reads++;
      const graph = await loadCitationGraphIndex(root, { racyMs });
      clearTimeout(kept.get(root)?.idle);
      // Unref'd: a kept graph never holds the process open.
      const idle = setTimeout(() => kept.delete(root), idleMs).unref();
      kept.set(root, { graph, idle });
      return graph;
    },
  };
}
