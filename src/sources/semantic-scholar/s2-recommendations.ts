/**
 * Semantic Scholar's Recommendations API (API-FACTS 1.10): `POST /recommendations/v1/papers/`
 * with positive and negative example papers, answered by up to `limit` papers S2's recommender
 * finds near the positives and away from the negatives. Sent through the S2 client's polite HTTP
 * layer (its pacing, retries on 429/5xx, breaker, hold and key) at the sibling base URL of the
 * graph API.
 */
import { z } from "zod";
import { type GraphPaper, RECOMMENDATION_CAPS } from "../../core/index.js";
import { type HttpClient, HttpError, jsonParser } from "../http/index.js";
import { graphPaperOf, NEIGHBOUR_FIELDS, neighbourSchema } from "./s2-graph.js";

/** Authors kept per recommended paper, as the graph keeps them. */
const AUTHORS_KEPT = 3;

const answerSchema = z.object({
  recommendedPapers: z.array(neighbourSchema).nullable().optional(),
});

/**
 * The recommendations API's base URL beside the graph API's: `…/graph/v1` → `…/recommendations/v1`;
 * any other base (a mirror, a fake) gets `/recommendations/v1` appended.
 * @example recommendationsBaseUrl("https://api.semanticscholar.org/graph/v1") // "https://api.semanticscholar.org/recommendations/v1"
 */
export function recommendationsBaseUrl(graphBaseUrl: string): string {
  const base = graphBaseUrl.replace(/\/+$/, "");
  return /\/graph\/v1$/.test(base)
    ? base.replace(/\/graph\/v1$/, "/recommendations/v1")
    : `${base}/recommendations/v1`;
}

/**
 * One `POST /papers/` for these S2 ids: the recommended papers in S2's order (unresolved or
 * repeated ones left out). A 400 (S2's `{"error":"No positive paper examples given"}`, an id it
 * cannot read) is an HttpError naming S2's message, with a hint.
 * @example const { papers } = await fetchS2Recommendations(sources.s2.http, { positive: [resnet], negative: [] })
 */
export async function fetchS2Recommendations(
  http: HttpClient,
  ids: { positive: readonly string[]; negative: readonly string[]; limit?: number },
): Promise<{ papers: GraphPaper[]; fetchedAt: number }> {
  const limit = Math.min(RECOMMENDATION_CAPS.limit, ids.limit ?? RECOMMENDATION_CAPS.limit);
  const request = {
    method: "POST" as const,
    baseUrl: recommendationsBaseUrl(http.baseUrl),
    path: "/papers/",
    query: { fields: NEIGHBOUR_FIELDS.filter((f) => f !== "paperId").join(","), limit },
    json: {
      positivePaperIds: ids.positive.slice(0, RECOMMENDATION_CAPS.positive),
      negativePaperIds: ids.negative.slice(0, RECOMMENDATION_CAPS.negative),
    },
    cache: "bypass" as const,
    parse: jsonParser(answerSchema),
  };
  const res = await http.request(request).catch((err: unknown) => {
    if (!(err instanceof HttpError && err.status === 400)) throw err;
    let said = err.body.trim();
    try {
      said = (JSON.parse(err.body) as { error?: string }).error ?? said;
    } catch {
      // not JSON: S2's text as it came
    }
    throw new HttpError(
      err.request,
      400,
      err.body,
      `Semantic Scholar refused the recommendation request: ${said}. It needs at least one paper you studied that it knows (a reading pass or a watched episode, and an S2 id: \`jingdu resolve\`).`,
    );
  });
  const seen = new Set<string>();
  const papers: GraphPaper[] = [];
  for (const p of res.value.recommendedPapers ?? []) {
    if (p.paperId === null || seen.has(p.paperId)) continue;
    seen.add(p.paperId);
    papers.push(graphPaperOf({ ...p, paperId: p.paperId }, AUTHORS_KEPT));
  }
  return { papers, fetchedAt: res.fetchedAt };
}
