/**
 * The examples Semantic Scholar's Recommendations API is asked with (issue 19, docs/study.md):
 * positives are the papers the learner studied, heaviest first by the weight that seeds the
 * PageRank (passes done, value rating); negatives are the suggestions they dismissed, the papers
 * they rated low and the papers of episodes they skipped without reading them.
 */
import {
  type Library,
  RECOMMENDATION_CAPS,
  type RecommendationNegative,
  type RecommendationSeed,
} from "../core/index.js";
import {
  episodePapers,
  paperSeeds,
  type ValueRating,
  valueLabel,
  valueScore,
} from "../study/index.js";

/**
 * A paper rated low is a negative: low as its page and the catalog say it (`valueLabel` of the
 * factors' product, up to 2×2×2), so what a person sees labelled low is what S2 is told.
 */
function ratedLow(value: ValueRating): boolean {
  return valueLabel(valueScore(value)) === "low";
}

export interface RecommendationExamples {
  positive: RecommendationSeed[];
  negative: RecommendationNegative[];
  /** Nothing was studied yet: every paper with an S2 id stands in (weight 1). */
  everyPaper: boolean;
}

/**
 * The positive and negative examples for the library, each list capped to
 * `RECOMMENDATION_CAPS` (negatives: dismissed first, then low-value, then skipped).
 * `s2Of`: library paper id → S2 id (sources' `libraryS2Ids`).
 * @example recommendationExamples(library, s2Of, dismissed).positive[0] // { s2, paper: "resnet", weight: 4 }
 */
export function recommendationExamples(
  library: Library,
  s2Of: ReadonlyMap<string, string>,
  dismissed: ReadonlySet<string>,
): RecommendationExamples {
  const low = new Set<string>();
  for (const p of library.papers) {
    const v = library.progress.papers[p.id]?.value;
    if (v && ratedLow(v)) low.add(p.id);
  }
  const { seeds, everyPaper } = paperSeeds(library, s2Of);
  const positive = seeds
    .filter((s) => !low.has(s.paperId))
    .sort((a, b) => b.weight - a.weight || (a.paperId < b.paperId ? -1 : 1))
    .slice(0, RECOMMENDATION_CAPS.positive)
    .map((s) => ({ s2: s.s2, paper: s.paperId, weight: s.weight }));
  const used = new Set(positive.map((p) => p.s2));
  const negative: RecommendationNegative[] = [];
  const add = (n: RecommendationNegative) => {
    if (used.has(n.s2) || negative.length >= RECOMMENDATION_CAPS.negative) return;
    used.add(n.s2);
    negative.push(n);
  };
  for (const s2 of [...dismissed].sort()) add({ s2, reason: "dismissed" });
  for (const p of library.papers) {
    const s2 = s2Of.get(p.id);
    if (s2 && low.has(p.id)) add({ s2, reason: "low-value", paper: p.id });
  }
  // A paper only skipped: an episode about it was skipped, and it was neither read nor watched.
  const { watched, skipped } = episodePapers(library);
  for (const p of library.papers) {
    const s2 = s2Of.get(p.id);
    const read = (library.progress.papers[p.id]?.passes.length ?? 0) > 0;
    if (s2 && skipped.has(p.id) && !watched.has(p.id) && !read)
      add({ s2, reason: "skipped", paper: p.id });
  }
  return { positive, negative, everyPaper };
}
