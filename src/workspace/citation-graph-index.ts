/**
 * The library's citation graph read into its index (issue 19): `metadata/citation-graph.jsonl`
 * streamed in chunks through study's `GraphIndexReader` (no whole-file string, ids numbered
 * while reading, paper lines parsed when shown), and a cache that keeps the index between
 * calls while the file is the same (the app's Next page: one read, then one `stat` a request).
 */
import { lstat, open } from "node:fs/promises";
import { nonRegularKind } from "../base/index.js";
import { CITATION_GRAPH_FILE, type Diagnostic, notRegularDiagnostic } from "../core/index.js";
import { type GraphIndex, GraphIndexReader } from "../study/index.js";

export interface LoadedCitationGraph {
  index: GraphIndex;
  /** Unreadable lines of the file, with file and line (the rest was read). */
  problems: Diagnostic[];
  /** What identifies the file read (inode, size, modification time; "" when missing). */
  stamp: string;
}

const CHUNK = 1 << 22;

async function stampOf(path: string): Promise<{ stamp: string; kind?: string } | undefined> {
  try {
    const info = await lstat(path);
    const kind = nonRegularKind(info);
    const stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    return kind === undefined ? { stamp } : { stamp, kind };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * Reads the graph file into its index. No file: an empty index and no problem.
 * @example const { index, problems } = await loadCitationGraphIndex(root)
 */
export async function loadCitationGraphIndex(root: string): Promise<LoadedCitationGraph> {
  // The light door: reading the graph needs none of the HTTP clients.
  const { citationGraphDiagnostics, citationGraphPath } = await import("../sources/light.js");
  const path = citationGraphPath(root);
  const reader = new GraphIndexReader();
  const found = await stampOf(path);
  if (found === undefined) return { index: reader.end().index, problems: [], stamp: "" };
  if (found.kind !== undefined) {
    return {
      index: reader.end().index,
      problems: [notRegularDiagnostic(CITATION_GRAPH_FILE, found.kind)],
      stamp: found.stamp,
    };
  }
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, "r");
  } catch (err) {
    // Replaced between lstat and open (a refresh renaming its temp file over it): read as gone.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      return { index: reader.end().index, problems: [], stamp: "" };
    }
    throw err;
  }
  try {
    const buffer = new Uint8Array(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      reader.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  const { index, problems } = reader.end();
  return { index, problems: citationGraphDiagnostics(problems), stamp: found.stamp };
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
