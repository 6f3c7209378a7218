/**
 * The library's citation graph read into its index (issue 19): `metadata/citation-graph.jsonl`
 * streamed in chunks through study's `GraphIndexReader` (no whole-file string, ids numbered
 * while reading, paper lines parsed when shown), and a cache that keeps the index between
 * calls while the file is the same (the app's Next page: one read, then one `stat` a request).
 */
import { lstat, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { nonRegularKind, tempPathFor } from "../base/index.js";
import { CITATION_GRAPH_FILE, type Diagnostic, notRegularDiagnostic } from "../core/index.js";
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
  /** What identifies the file read (inode, size, modification time; "" when missing). */
  stamp: string;
  /** Read from the kept index (`.jingdu/citation-graph-index.bin`), not from the JSONL. */
  fromKept: boolean;
}

const CHUNK = 1 << 22;

async function stampOf(
  path: string,
): Promise<{ stamp: string; size: number; kind?: string } | undefined> {
  try {
    const info = await lstat(path);
    const kind = nonRegularKind(info);
    const stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    return kind === undefined ? { stamp, size: info.size } : { stamp, size: info.size, kind };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** The kept index when it was made from the JSONL of this stamp, else undefined. */
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
  return decodeGraphParts(bytes, stamp);
}

/** Writes the kept index (a temp file renamed over the old one: a reader sees one or the other). */
async function writeKept(root: string, parts: GraphParts, stamp: string): Promise<void> {
  const path = join(root, CITATION_GRAPH_INDEX_FILE);
  const temp = tempPathFor(path);
  try {
    await mkdir(join(root, ".jingdu"), { recursive: true });
    const file = await open(temp, "w");
    try {
      await file.writev(encodeGraphParts(parts, stamp));
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

/**
 * Reads the graph file into its index: from the kept index when it was made from this very file
 * (`keep`, the default), else from the JSONL, then keeps it. No file: an empty index, no problem.
 * @example const { index, problems } = await loadCitationGraphIndex(root)
 */
export async function loadCitationGraphIndex(
  root: string,
  opts: { keep?: boolean } = {},
): Promise<LoadedCitationGraph> {
  // The light door: reading the graph needs none of the HTTP clients.
  const { citationGraphDiagnostics, citationGraphPath } = await import("../sources/light.js");
  const path = citationGraphPath(root);
  const reader = new GraphIndexReader();
  const found = await stampOf(path);
  const empty = { index: reader.end().index, problems: [], stamp: "", fromKept: false };
  if (found === undefined) return empty;
  if (found.kind !== undefined) {
    return { ...empty, problems: [notRegularDiagnostic(CITATION_GRAPH_FILE, found.kind)] };
  }
  const keep = opts.keep ?? true;
  const kept = keep ? await readKept(root, found.stamp) : undefined;
  if (kept) {
    const problems = citationGraphDiagnostics(kept.problems);
    return { index: indexFromParts(kept), problems, stamp: found.stamp, fromKept: true };
  }
  const fresh = new GraphIndexReader({ bytes: found.size });
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, "r");
  } catch (err) {
    // Replaced between lstat and open (a refresh renaming its temp file over it): read as gone.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return empty;
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
  if (keep) await writeKept(root, parts, found.stamp);
  return {
    index,
    problems: citationGraphDiagnostics(problems),
    stamp: found.stamp,
    fromKept: false,
  };
}

/**
 * A kept index per library root, read again only when the file's stamp changed: a refresh
 * appends (the size grows) or rewrites it atomically (a new inode), an editor saves it (a new
 * modification time).
 * @example const graphs = citationGraphCache(); const { index } = await graphs.get(root)
 */
export function citationGraphCache(): {
  get(root: string): Promise<LoadedCitationGraph>;
  /** How many times the file was read (what a test checks). */
  readonly reads: number;
} {
  const kept = new Map<string, LoadedCitationGraph>();
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    async get(root) {
      const { citationGraphPath } = await import("../sources/light.js");
      const now = (await stampOf(citationGraphPath(root)))?.stamp ?? "";
      const old = kept.get(root);
      if (old && old.stamp === now) return old;
      reads++;
      const loaded = await loadCitationGraphIndex(root);
      kept.set(root, loaded);
      return loaded;
    },
  };
}
