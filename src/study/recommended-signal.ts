/**
 * The fifth signal of `rankRelatedPapers` (issue 19): Semantic Scholar's recommendations for the
 * learner's studied papers, fetched by `refresh --graph` and stored in
 * `metadata/s2-recommendations.jsonl`. S2's recommender sees what one hop of fetched lists cannot
 * (papers too new to be cited yet, neighbours of neighbours), but it says neither why nor from
 * which paper; so it weighs less than the graph's own signals and its reason names the papers it
 * was asked from (docs/study.md, "Semantic Scholar's recommendations").
 */
import type { GraphPaper } from "../core/index.js";
import type { GraphIndex } from "./graph-index.js";
import type { RankOptions, RelatedPaper } from "./related-papers.js";

/**
 * Added to a candidate's score times its recommendation signal (`1 − position / count`: 1 for
 * S2's first, 1/count for its last). The four graph signals add up to at most 1; a paper S2
 * recommends first and nothing in the graph points to scores 0.2, below one that most seeds
 * cite (0.3 and up), above one that a single seed cites among many.
 */
export const RECOMMENDATION_WEIGHT = 0.2;

export interface Recommended {
  /** S2's answer, best first. */
  papers: readonly GraphPaper[];
  /** Names of the papers it was asked from (heaviest first), for the reason. */
  from: readonly string[];
}

export interface RecommendedSignal {
  /** Per node of the graph (absent without recommendations). */
  signal?: Float64Array;
  /** S2 id → place in S2's answer (1 = first), of every recommendation kept as a candidate. */
  rank: Map<string, number>;
  /** Recommended papers the graph does not hold, scored by this signal alone, best first. */
  outside: RelatedPaper[];
}

/**
 * Each recommendation's signal on its graph node (`reach` is told of a node first reached by it),
 * and the ones outside the graph as candidates of their own. Library papers (by S2 id or as
 * `blocked` nodes), seeds and dismissed ones are left out, as every signal leaves them out.
 */
export function recommendedSignal(
  g: GraphIndex,
  opts: Pick<RankOptions, "inLibrary" | "exclude" | "recommended">,
  blocked: Uint8Array,
  seeds: ReadonlySet<string>,
  reach: (node: number) => void,
): RecommendedSignal {
  const rank = new Map<string, number>();
  const outside: RelatedPaper[] = [];
  const papers = opts.recommended?.papers ?? [];
  if (papers.length === 0) return { rank, outside };
  const signal = new Float64Array(g.nodes);
  papers.forEach((p, i) => {
    if (rank.has(p.s2) || opts.inLibrary.has(p.s2) || opts.exclude?.has(p.s2) || seeds.has(p.s2))
      return;
    const value = 1 - i / papers.length;
    const v = g.nodeOf(p.s2);
    if (v >= 0) {
      if (blocked[v]) return;
      reach(v);
      signal[v] = value;
    } else {
      outside.push({
        s2: p.s2,
        paper: p,
        score: Math.round(RECOMMENDATION_WEIGHT * value * 1e6) / 1e6,
        signals: { direct: 0, cocitation: 0, coupling: 0, ppr: 0, recommended: value },
        citedBy: [],
        cites: [],
        citedWith: [],
        sharesWith: [],
      });
    }
    rank.set(p.s2, i + 1);
  });
  return { signal, rank, outside };
}

/**
 * The `limit` best of the graph's candidates (already the best `limit`, best first) and the
 * recommendations outside the graph: by score, then citations; on a tie the graph's first.
 */
export function withRecommended(
  inGraph: RelatedPaper[],
  recs: RecommendedSignal,
  limit: number,
): RelatedPaper[] {
  if (recs.outside.length === 0) return inGraph;
  // A stable sort: the graph's own order (and S2's among the outside ones) decides ties.
  return [...inGraph, ...recs.outside]
    .sort(
      (a, b) => b.score - a.score || (b.paper.citationCount ?? 0) - (a.paper.citationCount ?? 0),
    )
    .slice(0, limit);
}
