/**
 * The recommendations part of `jingdu refresh --graph` (docs/metadata.md, "Recommendations"): one
 * `POST /recommendations/v1/papers/` for the learner's positive and negative examples (chosen by
 * the workspace from progress and dismissals), stored in `metadata/s2-recommendations.jsonl`. Not
 * asked while the stored answer is fresh and was asked with the same examples.
 */
import type {
  RecommendationNegative,
  RecommendationSeed,
  StoredRecommendations,
} from "../../core/index.js";
import { RECOMMENDATION_CAPS, sameRecommendationSeeds } from "../../core/index.js";
import { SourceError } from "../http/index.js";
import { fetchS2Recommendations } from "../semantic-scholar/s2-recommendations.js";
import type { Sources } from "../sources.js";
import { readRecommendations, writeRecommendations } from "./recommendations-file.js";

export interface RecommendationsRefreshOptions {
  libraryRoot: string;
  sources: Sources;
  /** Heaviest first; capped to `RECOMMENDATION_CAPS.positive` by the caller. */
  positive: RecommendationSeed[];
  negative: RecommendationNegative[];
  /** Refetch an answer older than this (default `sources.s2.graphMaxAge`). 0: always. */
  olderThanMs?: number;
  limit?: number;
}

export interface RecommendationsRefreshResult {
  outcome: "fetched" | "cached" | "skipped" | "failed";
  /** Requests sent (0 or 1). */
  requests: number;
  /** Papers stored (fetched or kept). */
  papers: number;
  reason?: string;
  hint?: string;
  message: string;
}

/**
 * Asks S2 for recommendations unless the stored ones are fresh and seeded alike.
 * @example await refreshRecommendations({ libraryRoot, sources, positive, negative })
 */
export async function refreshRecommendations(
  opts: RecommendationsRefreshOptions,
): Promise<RecommendationsRefreshResult> {
  const { sources, libraryRoot: root } = opts;
  const now = sources.now();
  const maxAge = opts.olderThanMs ?? sources.settings.graphMaxAgeMs;
  const done = (
    r: Omit<RecommendationsRefreshResult, "message">,
    message: string,
  ): RecommendationsRefreshResult => ({ ...r, message: `recommendations: ${message}` });
  if (opts.positive.length === 0)
    return done(
      { outcome: "skipped", requests: 0, papers: 0, reason: "no studied paper with an S2 id" },
      "not asked: no paper you studied has an S2 id yet (S2 needs at least one positive example)",
    );
  const { stored } = await readRecommendations(root);
  const request = { positive: opts.positive, negative: opts.negative };
  if (
    stored &&
    maxAge > 0 &&
    now - Date.parse(stored.request.fetchedAt) < maxAge &&
    sameRecommendationSeeds(stored.request, request)
  )
    return done(
      { outcome: "cached", requests: 0, papers: stored.papers.length },
      `${stored.papers.length} papers, fresh (fetched ${stored.request.fetchedAt} from the same ${opts.positive.length} papers); not asked`,
    );
  try {
    const limit = opts.limit ?? RECOMMENDATION_CAPS.limit;
    const answer = await fetchS2Recommendations(sources.s2.http, {
      positive: opts.positive.map((p) => p.s2),
      negative: opts.negative.map((n) => n.s2),
      limit,
    });
    const next: StoredRecommendations = {
      request: {
        source: "semantic-scholar",
        fetchedAt: new Date(answer.fetchedAt).toISOString(),
        ...request,
        limit,
      },
      papers: answer.papers,
    };
    await writeRecommendations(root, next);
    return done(
      { outcome: "fetched", requests: 1, papers: answer.papers.length },
      `${answer.papers.length} papers from ${opts.positive.length} you studied (${opts.negative.length} negative example${opts.negative.length === 1 ? "" : "s"}), 1 request`,
    );
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    return done(
      {
        outcome: "failed",
        requests: 1,
        papers: stored?.papers.length ?? 0,
        reason: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
      },
      `failed: ${err.message}${stored ? " (the stored ones are kept)" : ""}`,
    );
  }
}
