/**
 * The plain ranking of what to read next, as src/study/related-papers.ts computed it before the
 * typed-array path (issue 19): one object per reached paper, a Map of ids rebuilt per call. Kept
 * here only as the oracle `related-papers-fast.test.ts` compares the shipped ranking with, over
 * many random graphs and mutations: both must give the same suggestions, scores and reasons.
 * S2's recommendations (the fifth signal, added later) are computed here the plain way too.
 * It repeats src/study/graph-index.ts on purpose (`duplicates` lists the pair): an oracle that
 * called the code it checks would agree with any bug in it. Do not merge the two.
 */
import type { CitationGraph } from "../../src/core/index.js";
import {
  personalizedPageRank,
  RECOMMENDATION_WEIGHT,
  type Recommended,
  type RelatedPaper,
  type Seed,
  SIGNAL_WEIGHTS,
} from "../../src/study/index.js";

/**
 * Node index of every S2 id of the graph, and its undirected adjacency as CSR arrays (a citation
 * in both lists counts twice). What the PageRank walks; `bench/graph.ts` times it.
 */
function citationCsr(graph: CitationGraph): {
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
 * Ranks the graph's papers that are not in the library (`inLibrary`: S2 ids of library papers) for
 * the seeds, best first, at most `limit`.
 */
export function rankRelatedPapersPlain(
  graph: CitationGraph,
  seeds: readonly Seed[],
  opts: {
    inLibrary: ReadonlySet<string>;
    exclude?: ReadonlySet<string>;
    limit?: number;
    recommended?: Recommended;
  },
): RelatedPaper[] {
  const seedOf = new Map(seeds.map((s) => [s.s2, s]));
  const candidates = new Map<string, RelatedPaper>();
  const candidate = (s2: string, outside?: RelatedPaper["paper"]): RelatedPaper | undefined => {
    if (opts.inLibrary.has(s2) || seedOf.has(s2) || opts.exclude?.has(s2)) return undefined;
    let c = candidates.get(s2);
    if (!c) {
      c = {
        s2,
        paper: outside ?? graph.papers.get(s2) ?? { s2 },
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
  // S2's recommendations: 1 − position / count on top; one the graph does not hold keeps S2's data.
  const recs = opts.recommended?.papers ?? [];
  recs.forEach((p, i) => {
    const c = candidate(p.s2, index.has(p.s2) ? undefined : p);
    if (!c || c.recommended) return;
    c.signals.recommended = 1 - i / recs.length;
    c.recommended = { rank: i + 1, from: opts.recommended?.from ?? [] };
  });
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
    if (c.signals.recommended !== undefined) score += RECOMMENDATION_WEIGHT * c.signals.recommended;
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
