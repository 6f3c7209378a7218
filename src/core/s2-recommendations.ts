/**
 * `metadata/s2-recommendations.jsonl`: what Semantic Scholar's Recommendations API answered for
 * the library (issue 19, docs/metadata.md "Recommendations"), kept like the rest of `metadata/`
 * so `next --papers` reads it offline. The first line is the request (source, date, the positive
 * and negative papers it was seeded with); each further line one recommended paper, in S2's
 * order (best first), as a `paper` line of the citation graph.
 *
 * Pure: text in, text out (sources reads and writes it through the one writer).
 */
import { citationGraphLineOf, type GraphPaper } from "./citation-graph.js";

export const RECOMMENDATIONS_FILE = "metadata/s2-recommendations.jsonl";

/**
 * What one request sends at most. S2 documents no maximum for the example lists (S2-REC-SPEC
 * gives none); a learner's 100 heaviest seeds say what they study, and the body stays a few KB.
 * `limit`: S2's default (its documented maximum is 500), plenty to rank.
 */
export const RECOMMENDATION_CAPS = { positive: 100, negative: 100, limit: 100 } as const;

/** A positive example: a studied library paper, with the seed weight that ranked it in. */
export interface RecommendationSeed {
  s2: string;
  /** Library paper id. */
  paper: string;
  weight: number;
}

/** Why a paper was sent as a negative example. */
export type NegativeReason = "dismissed" | "low-value" | "skipped";

export interface RecommendationNegative {
  s2: string;
  reason: NegativeReason;
  /** Library paper id (not for a dismissed suggestion). */
  paper?: string;
}

export interface RecommendationsRequest {
  source: "semantic-scholar";
  /** ISO date-time of the answer. */
  fetchedAt: string;
  /** Heaviest first, as sent. */
  positive: RecommendationSeed[];
  negative: RecommendationNegative[];
  /** The `limit` asked for. */
  limit: number;
}

export interface StoredRecommendations {
  request: RecommendationsRequest;
  /** S2's order, best first. */
  papers: GraphPaper[];
}

const NEGATIVE_REASONS: readonly string[] = ["dismissed", "low-value", "skipped"];
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function requestOf(o: Record<string, unknown>): RecommendationsRequest | string {
  if (o.source !== "semantic-scholar") return '`source` is not "semantic-scholar"';
  if (!isText(o.fetchedAt) || Number.isNaN(Date.parse(o.fetchedAt)))
    return "`fetchedAt` is not an ISO date-time";
  if (!Array.isArray(o.positive) || !Array.isArray(o.negative))
    return "`positive` or `negative` is not a list";
  const positive: RecommendationSeed[] = [];
  for (const p of o.positive) {
    if (!isObject(p) || !isText(p.s2) || !isText(p.paper) || typeof p.weight !== "number")
      return "a `positive` entry is not {s2, paper, weight}";
    positive.push({ s2: p.s2, paper: p.paper, weight: p.weight });
  }
  const negative: RecommendationNegative[] = [];
  for (const n of o.negative) {
    if (!isObject(n) || !isText(n.s2) || !NEGATIVE_REASONS.includes(n.reason as string))
      return "a `negative` entry is not {s2, reason}";
    negative.push({
      s2: n.s2,
      reason: n.reason as NegativeReason,
      ...(isText(n.paper) ? { paper: n.paper } : {}),
    });
  }
  const limit = typeof o.limit === "number" && Number.isSafeInteger(o.limit) ? o.limit : 0;
  return { source: "semantic-scholar", fetchedAt: o.fetchedAt, positive, negative, limit };
}

/**
 * Reads the file's text. A file whose first line is not a request holds nothing usable (it is
 * fetched again); an unreadable paper line is reported with its number and skipped.
 * @example parseRecommendations(text).stored?.papers[0]?.title
 */
export function parseRecommendations(text: string): {
  stored?: StoredRecommendations;
  problems: { line: number; message: string }[];
} {
  const problems: { line: number; message: string }[] = [];
  let request: RecommendationsRequest | undefined;
  const papers: GraphPaper[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      problems.push({ line: i + 1, message: `not JSON (${(err as Error).message})` });
      continue;
    }
    if (request === undefined) {
      const read = isObject(raw) && raw.type === "request" ? requestOf(raw) : "no request line";
      if (typeof read === "string") {
        problems.push({ line: i + 1, message: `the first line is not the request: ${read}` });
        return { problems };
      }
      request = read;
      continue;
    }
    const read = citationGraphLineOf(raw);
    if ("paper" in read) papers.push(read.paper);
    else
      problems.push({
        line: i + 1,
        message: "problem" in read ? read.problem : "not a paper line",
      });
  }
  return request === undefined ? { problems } : { stored: { request, papers }, problems };
}

/** The file: the request line, then one `paper` line per recommendation in S2's order. */
export function serializeRecommendations(stored: StoredRecommendations): string {
  const lines = [
    JSON.stringify({ type: "request", ...stored.request }),
    ...stored.papers.map((p) => JSON.stringify({ type: "paper", ...p })),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * Whether a stored answer was asked with the same examples as a request would be now (the same
 * positive and negative S2 ids, in any order): only then can it stand in for a new one.
 */
export function sameRecommendationSeeds(
  stored: Pick<RecommendationsRequest, "positive" | "negative">,
  now: Pick<RecommendationsRequest, "positive" | "negative">,
): boolean {
  const key = (list: { s2: string }[]) =>
    list
      .map((x) => x.s2)
      .sort()
      .join(",");
  return key(stored.positive) === key(now.positive) && key(stored.negative) === key(now.negative);
}
