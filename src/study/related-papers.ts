/**
 * What to read next from the citation graph (issue 19): candidates are graph papers not in the
 * library, scored by four signals, each explained by the learner's own papers. Pure: a graph and
 * the seeds in, ranked suggestions out.
 *
 * - **direct**: how many seeds cite the candidate, or are cited by it (one hop);
 * - **co-citation**: library papers whose references hold both a seed and the candidate, each
 *   counting the seeds it cites beside it;
 * - **coupling** (bibliographic coupling à la Adamic/Adar): the candidate and a seed cite the same
 *   library paper; a shared reference weighs 1 / ln(2 + its citers), so a reference every paper
 *   cites says little;
 * - **ppr**: personalized PageRank over the graph taken undirected, restarting at the seeds in
 *   proportion to their weights (passes done and value rating: see `seedWeight`).
 *
 * Each signal is divided by its largest value among the candidates, then combined
 * `0.3 direct + 0.2 co-citation + 0.2 coupling + 0.3 ppr`: the direct and PageRank signals see
 * every seed's neighbourhood, the other two only what the fetched lists allow (one hop).
 */
import type { CitationGraph, GraphPaper } from "../core/index.js";

export interface Seed {
  /** Semantic Scholar id of a library paper. */
  s2: string;
  /** Its library id and the name a reason shows (`ResNet`). */
  paperId: string;
  name: string;
  /** > 0; how much the learner's study of it counts (`seedWeight`). */
  weight: number;
}

export interface RelatedPaper {
  s2: string;
  paper: GraphPaper;
  score: number;
  signals: { direct: number; cocitation: number; coupling: number; ppr: number };
  /** Seeds that cite it, that it cites, and that share references with it (their names). */
  citedBy: string[];
  cites: string[];
  /** Seeds that library papers cite beside it (co-citation), most often first. */
  citedWith: { name: string; times: number }[];
  sharesWith: { name: string; shared: number }[];
}

export const SIGNAL_WEIGHTS = { direct: 0.3, cocitation: 0.2, coupling: 0.2, ppr: 0.3 } as const;

/**
 * A seed's weight from the learner's progress: 1 + the reading passes done, times the value rating
 * (mean of its three factors, 1–5, over 3; 1 when unrated). A skipped paper weighs 0.2.
 */
export function seedWeight(p: { passes: number; value?: number; skipped?: boolean }): number {
  if (p.skipped) return 0.2;
  const value = p.value === undefined ? 1 : Math.max(0.2, p.value / 3);
  return (1 + Math.min(3, p.passes)) * value;
}

/**
 * Node index of every S2 id of the graph, and its undirected adjacency as CSR arrays (a citation
 * in both lists counts twice). What the PageRank walks; `bench/graph.ts` times it.
 */
export function citationCsr(graph: CitationGraph): {
  index: Map<string, number>;
  ids: string[];
  start: Int32Array;
  adj: Int32Array;
} {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const id = (s2: string): number => {
    let i = index.get(s2);
    if (i === undefined) {
      i = ids.length;
      index.set(s2, i);
      ids.push(s2);
    }
    return i;
  };
  // Sized up front: no growing array of two numbers per citation (1M citations: 2M numbers).
  let count = 0;
  for (const lists of [graph.references, graph.citations]) {
    for (const tos of lists.values()) count += tos.length;
  }
  const edges = new Int32Array(2 * count);
  let e = 0;
  for (const lists of [graph.references, graph.citations]) {
    for (const [from, tos] of lists) {
      const a = id(from);
      for (const to of tos) {
        edges[e++] = a;
        edges[e++] = id(to);
      }
    }
  }
  const degree = new Int32Array(ids.length);
  for (let k = 0; k < edges.length; k++) {
    const node = edges[k] as number;
    degree[node] = (degree[node] as number) + 1;
  }
  const start = new Int32Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) start[i + 1] = (start[i] as number) + (degree[i] as number);
  const fill = start.slice(0, ids.length);
  const adj = new Int32Array(edges.length);
  for (let e = 0; e < edges.length; e += 2) {
    const a = edges[e] as number;
    const b = edges[e + 1] as number;
    adj[(fill[a] as number)++] = b;
    adj[(fill[b] as number)++] = a;
  }
  return { index, ids, start, adj };
}

/**
 * Personalized PageRank by power iteration on CSR arrays: `restart` (summing to 1) is where a walk
 * restarts with probability 1 − `damping`; a node without edges gives its rank back to the restart.
 */
export function personalizedPageRank(
  start: Int32Array,
  adj: Int32Array,
  restart: Float64Array,
  opts: { damping?: number; iterations?: number; tolerance?: number } = {},
): Float64Array {
  const n = restart.length;
  const d = opts.damping ?? 0.85;
  let rank = Float64Array.from(restart);
  let next = new Float64Array(n);
  for (let it = 0; it < (opts.iterations ?? 50); it++) {
    next.fill(0);
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      const r = rank[u] as number;
      if (r === 0) continue;
      const from = start[u] as number;
      const to = start[u + 1] as number;
      if (to === from) {
        dangling += r;
        continue;
      }
      const share = (d * r) / (to - from);
      for (let k = from; k < to; k++) {
        const v = adj[k] as number;
        next[v] = (next[v] as number) + share;
      }
    }
    const back = 1 - d + d * dangling;
    let delta = 0;
    for (let u = 0; u < n; u++) {
      const v = (next[u] as number) + back * (restart[u] as number);
      delta += Math.abs(v - (rank[u] as number));
      next[u] = v;
    }
    [rank, next] = [next, rank];
    if (delta < (opts.tolerance ?? 1e-10)) break;
  }
  return rank;
}

/**
 * Ranks the graph's papers that are not in the library (`inLibrary`: S2 ids of library papers) for
 * the seeds, best first, at most `limit`.
 */
export function rankRelatedPapers(
  graph: CitationGraph,
  seeds: readonly Seed[],
  opts: { inLibrary: ReadonlySet<string>; exclude?: ReadonlySet<string>; limit?: number },
): RelatedPaper[] {
  const seedOf = new Map(seeds.map((s) => [s.s2, s]));
  const candidates = new Map<string, RelatedPaper>();
  const candidate = (s2: string): RelatedPaper | undefined => {
    if (opts.inLibrary.has(s2) || seedOf.has(s2) || opts.exclude?.has(s2)) return undefined;
    let c = candidates.get(s2);
    if (!c) {
      c = {
        s2,
        paper: graph.papers.get(s2) ?? { s2 },
        score: 0,
        signals: { direct: 0, cocitation: 0, coupling: 0, ppr: 0 },
        citedBy: [],
        cites: [],
        citedWith: [],
        sharesWith: [],
      };
      candidates.set(s2, c);
    }
    return c;
  };
  for (const seed of seeds) {
    for (const r of graph.references.get(seed.s2) ?? []) {
      const c = candidate(r);
      if (c) {
        c.signals.direct += seed.weight;
        c.citedBy.push(seed.name);
      }
    }
    for (const r of graph.citations.get(seed.s2) ?? []) {
      const c = candidate(r);
      if (c) {
        c.signals.direct += seed.weight;
        c.cites.push(seed.name);
      }
    }
  }
  // Co-citation: a library paper's reference list holding seeds and the candidate.
  for (const refs of graph.references.values()) {
    const beside = refs.flatMap((r) => seedOf.get(r) ?? []);
    if (beside.length === 0) continue;
    const seedWeightHere = beside.reduce((sum, s) => sum + s.weight, 0);
    for (const r of refs) {
      const c = candidate(r);
      if (!c) continue;
      c.signals.cocitation += seedWeightHere;
      for (const s of beside) {
        const with_ = c.citedWith.find((x) => x.name === s.name);
        if (with_) with_.times++;
        else c.citedWith.push({ name: s.name, times: 1 });
      }
    }
  }
  // Coupling: the candidate cites library paper L (it is among L's citers), and so does a seed.
  const seedsCiting = new Map<string, Seed[]>();
  for (const seed of seeds) {
    for (const r of graph.references.get(seed.s2) ?? []) {
      const list = seedsCiting.get(r) ?? [];
      list.push(seed);
      seedsCiting.set(r, list);
    }
  }
  for (const [library, citers] of graph.citations) {
    const weight = 1 / Math.log(2 + citers.length);
    const citingSeeds = seedsCiting.get(library);
    if (!citingSeeds) continue;
    for (const citer of citers) {
      const c = candidate(citer);
      if (!c) continue;
      for (const s of citingSeeds) {
        c.signals.coupling += weight * s.weight;
        const shared = c.sharesWith.find((x) => x.name === s.name);
        if (shared) shared.shared++;
        else c.sharesWith.push({ name: s.name, shared: 1 });
      }
    }
  }
  const { index, start, adj } = citationCsr(graph);
  const restart = new Float64Array(index.size);
  const total = seeds.reduce((sum, s) => sum + (index.has(s.s2) ? s.weight : 0), 0);
  if (total > 0) {
    for (const s of seeds) {
      const i = index.get(s.s2);
      if (i !== undefined) restart[i] = (restart[i] as number) + s.weight / total;
    }
    const rank = personalizedPageRank(start, adj, restart);
    for (const [s2, i] of index) {
      const c = candidates.get(s2) ?? (rank[i] ? candidate(s2) : undefined);
      if (c) c.signals.ppr = rank[i] as number;
    }
  }
  const all = [...candidates.values()];
  const max = { direct: 0, cocitation: 0, coupling: 0, ppr: 0 };
  for (const c of all) {
    for (const k of Object.keys(max) as (keyof typeof max)[])
      max[k] = Math.max(max[k], c.signals[k]);
  }
  for (const c of all) {
    let score = 0;
    for (const k of Object.keys(max) as (keyof typeof max)[]) {
      if (max[k] > 0) score += SIGNAL_WEIGHTS[k] * (c.signals[k] / max[k]);
    }
    c.score = Math.round(score * 1e6) / 1e6;
    c.sharesWith.sort((a, b) => b.shared - a.shared);
    c.citedWith.sort((a, b) => b.times - a.times);
  }
  return all
    .sort(
      (a, b) => b.score - a.score || (b.paper.citationCount ?? 0) - (a.paper.citationCount ?? 0),
    )
    .slice(0, opts.limit ?? 20);
}

/** The reason a suggestion shows, in the library's language, naming the learner's papers. */
export function relatedReason(r: RelatedPaper, language: "zh" | "en"): string {
  const names = (list: string[]) => list.slice(0, 4).join(language === "zh" ? "、" : ", ");
  const parts: string[] = [];
  if (r.citedBy.length > 0) {
    parts.push(
      language === "zh"
        ? `被你读过的 ${r.citedBy.length} 篇论文引用：${names(r.citedBy)}`
        : `cited by ${r.citedBy.length} papers you read: ${names(r.citedBy)}`,
    );
  }
  if (r.cites.length > 0) {
    parts.push(
      language === "zh"
        ? `引用了你读过的 ${r.cites.length} 篇：${names(r.cites)}`
        : `cites ${r.cites.length} papers you read: ${names(r.cites)}`,
    );
  }
  // Co-citation is named only when the seeds' own lists say nothing (one hop says more).
  if (parts.length === 0 && r.citedWith.length > 0) {
    const seedNames = r.citedWith.map((w) => w.name);
    parts.push(
      language === "zh"
        ? `常与你读过的 ${names(seedNames)} 一同被引用`
        : `cited together with ${names(seedNames)}, which you read`,
    );
  }
  const top = r.sharesWith[0];
  if (top) {
    parts.push(
      language === "zh"
        ? `与 ${top.name} 有 ${top.shared} 篇共同参考文献`
        : `shares ${top.shared} references with ${top.name}`,
    );
  }
  if (parts.length === 0) {
    parts.push(language === "zh" ? "在你读过的论文附近" : "near the papers you read");
  }
  return parts.join(language === "zh" ? "；" : "; ");
}
