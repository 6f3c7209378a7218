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
 *
 * A fifth, when stored: **recommended**, Semantic Scholar's Recommendations API asked with the
 * learner's studied papers (`recommended-signal.ts`): `1 − position / count` of its answer,
 * weighted `RECOMMENDATION_WEIGHT` on top of the four; a recommended paper the graph does not
 * hold is a candidate by it alone.
 */
import type { CitationGraph, GraphPaper } from "../core/index.js";
import {
  type GraphIndex,
  indexCitationGraph,
  isGraphIndex,
  type NodeLists,
  personalizedPageRank,
} from "./graph-index.js";
import {
  RECOMMENDATION_WEIGHT,
  type Recommended,
  recommendedSignal,
  withRecommended,
} from "./recommended-signal.js";
import { explain } from "./related-explain.js";

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
  /** `recommended` only when S2 recommended it (its signal, 0–1). */
  signals: {
    direct: number;
    cocitation: number;
    coupling: number;
    ppr: number;
    recommended?: number;
  };
  /** Seeds that cite it, that it cites, and that share references with it (their names). */
  citedBy: string[];
  cites: string[];
  /** Seeds that library papers cite beside it (co-citation), most often first. */
  citedWith: { name: string; times: number }[];
  sharesWith: { name: string; shared: number }[];
  /** S2 recommended it: its place in the answer (1 = first) and the papers it was asked from. */
  recommended?: { rank: number; from: readonly string[] };
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

export interface RankOptions {
  /** S2 ids of library papers: never suggested. */
  inLibrary: ReadonlySet<string>;
  /** S2 ids dismissed by the learner: never suggested. */
  exclude?: ReadonlySet<string>;
  limit?: number;
  /** S2's stored recommendations (best first) and the names of the papers they were asked from. */
  recommended?: Recommended;
}

/**
 * Ranks the graph's papers that are not in the library (`inLibrary`: S2 ids of library papers) for
 * the seeds, best first, at most `limit`. Every signal is summed in typed arrays over the node
 * numbers of `indexCitationGraph` (given a bare graph, it is indexed first); only the `limit`
 * shown get an object, their paper and their reasons. Ties go to the more cited paper, then to
 * the one reached first (seed lists, co-citation, coupling, PageRank), as the plain path did
 * (test/support/related-papers-plain.ts, compared in related-papers-fast.test.ts).
 */
export function rankRelatedPapers(
  source: CitationGraph | GraphIndex,
  seeds: readonly Seed[],
  opts: RankOptions,
): RelatedPaper[] {
  const g = isGraphIndex(source) ? source : indexCitationGraph(source);
  const { refs, cits } = g;
  const n = g.nodes;
  // Seeds by node (the last seed of an id wins, as a Map of them would), and what is never shown.
  const seedAt: (Seed | undefined)[] = new Array(n);
  const blocked = new Uint8Array(n);
  const seedNodes = seeds.map((s) => g.nodeOf(s.s2));
  seeds.forEach((s, k) => {
    const v = seedNodes[k] as number;
    if (v >= 0) {
      seedAt[v] = s;
      blocked[v] = 1;
    }
  });
  for (const set of [opts.inLibrary, opts.exclude ?? new Set<string>()]) {
    for (const s2 of set) {
      const v = g.nodeOf(s2);
      if (v >= 0) blocked[v] = 1;
    }
  }
  // `order[v]`: when v was first reached as a candidate (−1: never), the tie-break after citations.
  const order = new Int32Array(n).fill(-1);
  let reached = 0;
  const direct = new Float64Array(n);
  const cocitation = new Float64Array(n);
  const coupling = new Float64Array(n);
  const ppr = new Float64Array(n);
  const add = (signal: Float64Array, l: NodeLists, p: number, w: number) => {
    const to = l.offset[p + 1] as number;
    for (let k = l.offset[p] as number; k < to; k++) {
      const v = l.entry[k] as number;
      if (blocked[v]) continue;
      if ((order[v] as number) < 0) order[v] = reached++;
      signal[v] = (signal[v] as number) + w;
    }
  };
  seeds.forEach((seed, k) => {
    const v = seedNodes[k] as number;
    if (v < 0) return;
    if ((refs.of[v] as number) >= 0) add(direct, refs, refs.of[v] as number, seed.weight);
    if ((cits.of[v] as number) >= 0) add(direct, cits, cits.of[v] as number, seed.weight);
  });
  // Co-citation: a library paper's reference list holding seeds and the candidate.
  const besideLists: number[] = [];
  for (let p = 0; p < refs.owner.length; p++) {
    let beside = 0;
    let weight = 0;
    const to = refs.offset[p + 1] as number;
    for (let k = refs.offset[p] as number; k < to; k++) {
      const s = seedAt[refs.entry[k] as number];
      if (s) {
        beside++;
        weight += s.weight;
      }
    }
    if (beside === 0) continue;
    besideLists.push(p);
    add(cocitation, refs, p, weight);
  }
  // Coupling: the candidate cites library paper L (it is among L's citers), and so does a seed.
  const citing = seedsCiting(g, seeds, seedNodes);
  for (let p = 0; p < cits.owner.length; p++) {
    const list = citing.get(cits.owner[p] as number);
    if (!list) continue;
    const from = cits.offset[p] as number;
    const to = cits.offset[p + 1] as number;
    const weight = 1 / Math.log(2 + (to - from));
    for (let k = from; k < to; k++) {
      const v = cits.entry[k] as number;
      if (blocked[v]) continue;
      if ((order[v] as number) < 0) order[v] = reached++;
      let sum = coupling[v] as number;
      for (const s of list) sum += weight * s.weight;
      coupling[v] = sum;
    }
  }
  let total = 0;
  seeds.forEach((s, k) => {
    if ((seedNodes[k] as number) >= 0) total += s.weight;
  });
  if (total > 0) {
    const restart = new Float64Array(n);
    seeds.forEach((s, k) => {
      const v = seedNodes[k] as number;
      if (v >= 0) restart[v] = (restart[v] as number) + s.weight / total;
    });
    const rank = personalizedPageRank(g.start, g.adj, restart);
    // In order of appearance: a paper PageRank alone reaches ties after those met before it.
    for (let i = 0; i < n; i++) {
      const v = g.byAppearance[i] as number;
      if (blocked[v]) continue;
      const r = rank[v] as number;
      if ((order[v] as number) < 0) {
        if (!r) continue;
        order[v] = reached++;
      }
      ppr[v] = r;
    }
  }
  const recs = recommendedSignal(g, opts, blocked, new Set(seeds.map((s) => s.s2)), (v) => {
    if ((order[v] as number) < 0) order[v] = reached++;
  });
  const limit = opts.limit ?? 20;
  const inGraph = topCandidates(
    g,
    { order, direct, cocitation, coupling, ppr, recommended: recs.signal },
    limit,
  );
  const shown = withRecommended(inGraph, recs, limit);
  return explain(g, seeds, seedNodes, shown, {
    besideLists,
    citing,
    seedAt,
    recommendedRank: recs.rank,
    ...(opts.recommended ? { recommendedFrom: opts.recommended.from } : {}),
  });
}

interface Signals {
  order: Int32Array;
  direct: Float64Array;
  cocitation: Float64Array;
  coupling: Float64Array;
  ppr: Float64Array;
  /** Absent without stored recommendations. */
  recommended?: Float64Array | undefined;
}

/** Library paper node → the seeds citing it, once per citation, in seed order. */
function seedsCiting(
  g: GraphIndex,
  seeds: readonly Seed[],
  seedNodes: number[],
): Map<number, Seed[]> {
  const out = new Map<number, Seed[]>();
  seeds.forEach((seed, k) => {
    const v = seedNodes[k] as number;
    const p = v < 0 ? -1 : (g.refs.of[v] as number);
    if (p < 0) return;
    const to = g.refs.offset[p + 1] as number;
    for (let e = g.refs.offset[p] as number; e < to; e++) {
      const library = g.refs.entry[e] as number;
      const list = out.get(library);
      if (list) list.push(seed);
      else out.set(library, [seed]);
    }
  });
  return out;
}

/**
 * The `limit` best candidates, with their scores: each signal over its largest value, weighted
 * (`SIGNAL_WEIGHTS`), rounded to 1e-6; ties to the more cited, then the first reached. Only the
 * candidates at or above the limit's score are looked up in the papers and sorted.
 */
function topCandidates(g: GraphIndex, s: Signals, limit: number): RelatedPaper[] {
  const n = g.nodes;
  const max = { direct: 0, cocitation: 0, coupling: 0, ppr: 0 };
  let count = 0;
  for (let v = 0; v < n; v++) {
    if ((s.order[v] as number) < 0) continue;
    count++;
    max.direct = Math.max(max.direct, s.direct[v] as number);
    max.cocitation = Math.max(max.cocitation, s.cocitation[v] as number);
    max.coupling = Math.max(max.coupling, s.coupling[v] as number);
    max.ppr = Math.max(max.ppr, s.ppr[v] as number);
  }
  const nodes = new Int32Array(count);
  const scores = new Float64Array(count);
  let c = 0;
  for (let v = 0; v < n; v++) {
    if ((s.order[v] as number) < 0) continue;
    let score = 0;
    if (max.direct > 0) score += SIGNAL_WEIGHTS.direct * ((s.direct[v] as number) / max.direct);
    if (max.cocitation > 0) {
      score += SIGNAL_WEIGHTS.cocitation * ((s.cocitation[v] as number) / max.cocitation);
    }
    if (max.coupling > 0) {
      score += SIGNAL_WEIGHTS.coupling * ((s.coupling[v] as number) / max.coupling);
    }
    if (max.ppr > 0) score += SIGNAL_WEIGHTS.ppr * ((s.ppr[v] as number) / max.ppr);
    if (s.recommended) score += RECOMMENDATION_WEIGHT * (s.recommended[v] as number);
    nodes[c] = v;
    scores[c++] = Math.round(score * 1e6) / 1e6;
  }
  // The limit-th best score; every candidate at or above it may be shown (ties decide the rest).
  let floor = Number.NEGATIVE_INFINITY;
  if (limit <= 0) return [];
  if (count > limit) floor = (scores.slice().sort() as Float64Array)[count - limit] as number;
  const picked: RelatedPaper[] = [];
  const reachedAt: number[] = [];
  for (let k = 0; k < count; k++) {
    if ((scores[k] as number) < floor) continue;
    const v = nodes[k] as number;
    const s2 = g.idOf(v);
    picked.push({
      s2,
      paper: g.graph.papers.get(s2) ?? { s2 },
      score: scores[k] as number,
      signals: {
        direct: s.direct[v] as number,
        cocitation: s.cocitation[v] as number,
        coupling: s.coupling[v] as number,
        ppr: s.ppr[v] as number,
        ...(s.recommended && (s.recommended[v] as number) > 0
          ? { recommended: s.recommended[v] as number }
          : {}),
      },
      citedBy: [],
      cites: [],
      citedWith: [],
      sharesWith: [],
    });
    reachedAt.push(s.order[v] as number);
  }
  const at = new Map(picked.map((p, k) => [p, reachedAt[k] as number]));
  return picked
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.paper.citationCount ?? 0) - (a.paper.citationCount ?? 0) ||
        (at.get(a) as number) - (at.get(b) as number),
    )
    .slice(0, limit);
}
