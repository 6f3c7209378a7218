/**
 * The citation graph numbered once (issue 19): every S2 id of its lists gets a node number, and
 * the lists become typed arrays, so the ranking (`rankRelatedPapers`) walks numbers and never
 * looks a 40-character id up in a Map per edge. A caller that keeps a graph between rankings (the
 * app) keeps its index with it; `rankRelatedPapers` given a bare graph indexes it per call.
 *
 * Nodes are numbered by degree (highest first, for PageRank's memory reads); `byAppearance` keeps
 * the order ids are met in the lists (each `references` entry's owner, then what it cites, then
 * the same over `citations`), which is the ranking's last tie-break.
 */
import type { CitationGraph, CitationGraphView } from "../core/index.js";

export interface GraphIndex {
  /** The graph this index was built from (its papers are looked up for the shown results). */
  graph: CitationGraphView;
  /** How many nodes (ids named in a list); nodes are 0 … nodes − 1. */
  nodes: number;
  /** Node number of an S2 id, −1 when no list names it; and the id of a node. */
  nodeOf(s2: string): number;
  idOf(node: number): string;
  /** `byAppearance[i]`: the node of the i-th id met in the lists (the order ties fall back to). */
  byAppearance: Int32Array;
  /** Undirected adjacency as CSR (a citation in both lists counts twice): what PageRank walks. */
  start: Int32Array;
  adj: Int32Array;
  /** The `references` lists in the Map's order: owner node, CSR offsets, entries (nodes). */
  refs: NodeLists;
  /** The `citations` lists likewise. */
  cits: NodeLists;
}

export interface NodeLists {
  /** Owner node of list p. */
  owner: Int32Array;
  /** Entries of list p are `entry[offset[p] .. offset[p + 1]]`. */
  offset: Int32Array;
  entry: Int32Array;
  /** List number of a node (−1: it owns none): `of[node]`. */
  of: Int32Array;
}

/** Lists numbered in order of appearance (owner, its entries; the references, then the citations). */
export type NumberedLists = Omit<NodeLists, "of">;

export function isGraphIndex(g: CitationGraph | GraphIndex): g is GraphIndex {
  return "adj" in g;
}

/**
 * Numbers the graph's ids and builds its list and adjacency arrays, in one pass over the lists
 * and one over the numbers. `bench/graph.ts` times it ("build").
 * @example const index = indexCitationGraph(graph); rankRelatedPapers(index, seeds, opts)
 */
export function indexCitationGraph(graph: CitationGraph): GraphIndex {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const number = (s2: string): number => {
    let i = index.get(s2);
    if (i === undefined) {
      i = ids.length;
      index.set(s2, i);
      ids.push(s2);
    }
    return i;
  };
  const listsOf = (lists: Map<string, string[]>) => {
    let count = 0;
    for (const tos of lists.values()) count += tos.length;
    const owner = new Int32Array(lists.size);
    const offset = new Int32Array(lists.size + 1);
    const entry = new Int32Array(count);
    let p = 0;
    let e = 0;
    for (const [from, tos] of lists) {
      owner[p] = number(from);
      for (const to of tos) entry[e++] = number(to);
      offset[++p] = e;
    }
    return { owner, offset, entry };
  };
  const r = listsOf(graph.references);
  const c = listsOf(graph.citations);
  return indexNumberedLists(graph, r, c, {
    count: ids.length,
    appearanceOf: (s2) => index.get(s2) ?? -1,
    idAt: (a) => ids[a] as string,
  });
}

/**
 * The index of lists already numbered in order of appearance (`names`: how many ids, and an id's
 * number and back): what `indexCitationGraph` and the byte reader (graph-read.ts) share, so both
 * give the same index for the same graph.
 */
export function indexNumberedLists(
  graph: CitationGraphView,
  r: NumberedLists,
  c: NumberedLists,
  names: { count: number; appearanceOf(s2: string): number; idAt(appearance: number): string },
): GraphIndex {
  const n = names.count;
  // Renumbered by degree, highest first (stable): the papers most walked to sit together in
  // memory, which PageRank's reads of its neighbours' shares hit far more often.
  const byAppearance = degreeOrder(n, [r, c]);
  const appearanceAt = new Int32Array(n);
  for (let i = 0; i < n; i++) appearanceAt[byAppearance[i] as number] = i;
  for (const l of [r, c]) {
    for (let p = 0; p < l.owner.length; p++)
      l.owner[p] = byAppearance[l.owner[p] as number] as number;
    for (let k = 0; k < l.entry.length; k++)
      l.entry[k] = byAppearance[l.entry[k] as number] as number;
  }
  const withOf = (l: Omit<NodeLists, "of">): NodeLists => {
    const of = new Int32Array(n).fill(-1);
    for (let p = 0; p < l.owner.length; p++) of[l.owner[p] as number] = p;
    return { ...l, of };
  };
  const refs = withOf(r);
  const cits = withOf(c);
  // Undirected CSR: each list entry is an edge owner — entry, kept in both rows, each row in the
  // order of the lists (so a node's sum runs in the same order whatever its number).
  const start = new Int32Array(n + 1);
  for (const l of [refs, cits]) {
    for (let p = 0; p < l.owner.length; p++) {
      const a = l.owner[p] as number;
      const from = l.offset[p] as number;
      const to = l.offset[p + 1] as number;
      start[a + 1] = (start[a + 1] as number) + (to - from);
      for (let k = from; k < to; k++) {
        const b = (l.entry[k] as number) + 1;
        start[b] = (start[b] as number) + 1;
      }
    }
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const adj = new Int32Array(start[n] as number);
  for (const l of [refs, cits]) {
    for (let p = 0; p < l.owner.length; p++) {
      const a = l.owner[p] as number;
      const to = l.offset[p + 1] as number;
      for (let k = l.offset[p] as number; k < to; k++) {
        const b = l.entry[k] as number;
        adj[(fill[a] as number)++] = b;
        adj[(fill[b] as number)++] = a;
      }
    }
  }
  return {
    graph,
    nodes: n,
    nodeOf: (s2) => {
      const a = names.appearanceOf(s2);
      return a < 0 ? -1 : (byAppearance[a] as number);
    },
    idOf: (v) => names.idAt(appearanceAt[v] as number),
    byAppearance,
    start,
    adj,
    refs,
    cits,
  };
}

/**
 * Node numbers by degree, highest first, ties in order of appearance (a counting sort):
 * `out[i]` is the new number of the i-th id to appear.
 */
function degreeOrder(n: number, lists: Omit<NodeLists, "of">[]): Int32Array {
  const degree = new Int32Array(n);
  let top = 0;
  for (const l of lists) {
    for (let p = 0; p < l.owner.length; p++) {
      const a = l.owner[p] as number;
      degree[a] = (degree[a] as number) + (l.offset[p + 1] as number) - (l.offset[p] as number);
    }
    for (let k = 0; k < l.entry.length; k++) {
      const b = l.entry[k] as number;
      degree[b] = (degree[b] as number) + 1;
    }
  }
  for (let i = 0; i < n; i++) top = Math.max(top, degree[i] as number);
  // first[d]: the first new number of degree d, the highest degree numbered first.
  const first = new Int32Array(top + 2);
  for (let i = 0; i < n; i++) {
    const slot = top - (degree[i] as number) + 1;
    first[slot] = (first[slot] as number) + 1;
  }
  for (let d = 1; d <= top + 1; d++) first[d] = (first[d] as number) + (first[d - 1] as number);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const slot = top - (degree[i] as number);
    out[i] = first[slot] as number;
    first[slot] = (first[slot] as number) + 1;
  }
  return out;
}

/**
 * Personalized PageRank by power iteration on CSR arrays of an undirected graph: `restart`
 * (summing to 1) is where a walk restarts with probability 1 − `damping`; a node without edges
 * gives its rank back to the restart. Each iteration pulls: a node's new rank is the sum of its
 * neighbours' shares (sequential writes, as scipy's CSR product), which needs the adjacency
 * symmetric — as `indexCitationGraph` builds it.
 */
export function personalizedPageRank(
  start: Int32Array,
  adj: Int32Array,
  restart: Float64Array,
  opts: { damping?: number; iterations?: number; tolerance?: number } = {},
): Float64Array {
  const n = restart.length;
  const d = opts.damping ?? 0.85;
  const iterations = opts.iterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-10;
  // d / degree of each node, 0 for a node without edges (its rank is given back instead).
  const factor = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const degree = (start[u + 1] as number) - (start[u] as number);
    if (degree > 0) factor[u] = d / degree;
  }
  let rank = Float64Array.from(restart);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      const r = rank[u] as number;
      const f = factor[u] as number;
      if (f === 0) dangling += r;
      share[u] = r * f;
    }
    const back = 1 - d + d * dangling;
    let delta = 0;
    let k = start[0] as number;
    for (let v = 0; v < n; v++) {
      const to = start[v + 1] as number;
      // Two sums, alternate neighbours: two additions in flight instead of one chain.
      let even = 0;
      let odd = 0;
      for (; k + 1 < to; k += 2) {
        even += share[adj[k] as number] as number;
        odd += share[adj[k + 1] as number] as number;
      }
      if (k < to) even += share[adj[k++] as number] as number;
      const value = even + odd + back * (restart[v] as number);
      delta += Math.abs(value - (rank[v] as number));
      next[v] = value;
    }
    [rank, next] = [next, rank];
    if (delta < tolerance) break;
  }
  return rank;
}
