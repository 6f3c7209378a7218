/**
 * Semantic Scholar's recommendations for the library (issue 19), the last step of
 * `jingdu refresh --graph`: the examples from progress and dismissals
 * (`recommendationExamples`), then sources' `refreshRecommendations` (one request, none while the
 * stored answer is fresh and seeded alike), stored in `metadata/s2-recommendations.jsonl`.
 */
import type { Library } from "../core/index.js";
import type { RecommendationsRefreshResult, Sources } from "../sources/index.js";
import { loadCitationGraphIndex } from "./citation-graph-index.js";
import { readDismissedPapers } from "./dismiss-suggestion.js";
import { recommendationExamples } from "./recommendation-examples.js";

export interface LibraryRecommendationsOptions {
  root: string;
  library: Library;
  sources: Sources;
  /** Refetch an answer older than this (default `sources.s2.graphMaxAge`). 0: always. */
  olderThanMs?: number;
}

/**
 * Asks S2 for the library's recommendations unless the stored ones still hold.
 * @example const r = await refreshLibraryRecommendations({ root, library, sources })
 */
export async function refreshLibraryRecommendations(
  opts: LibraryRecommendationsOptions,
): Promise<RecommendationsRefreshResult & { everyPaper: boolean }> {
  const [{ libraryS2Ids }, { refreshRecommendations }] = await Promise.all([
    import("../sources/light.js"),
    import("../sources/index.js"),
  ]);
  // The graph just fetched gives the S2 id of a paper known only by its arXiv id or DOI.
  const { index } = await loadCitationGraphIndex(opts.root);
  const s2Of = libraryS2Ids(opts.library.papers, index.graph);
  const dismissed = await readDismissedPapers(opts.root);
  const { positive, negative, everyPaper } = recommendationExamples(
    opts.library,
    s2Of,
    dismissed.ids,
  );
  const result = await refreshRecommendations({
    libraryRoot: opts.root,
    sources: opts.sources,
    positive,
    negative,
    ...(opts.olderThanMs === undefined ? {} : { olderThanMs: opts.olderThanMs }),
  });
  return { ...result, everyPaper };
}
