import type { z } from "zod";
import {
  type HttpClient,
  jsonParser,
  NotFoundError,
  parseJsonText,
  type RawResponse,
  ResponseFormatError,
  SourceBlockedError,
  type SourceError,
  validate,
} from "../http/index.js";
import { mapS2Paper, S2_PAPER_FIELDS, S2_SEARCH_FIELDS, type S2PaperData } from "./s2-map.js";
import {
  s2BatchSchema,
  s2ErrorSchema,
  s2MatchSchema,
  s2PaperSchema,
  s2ReferencesPageSchema,
  s2SearchSchema,
} from "./s2-schema.js";
import { fastSearchAnswer } from "./s2-search-fast.js";

/** POST /paper/batch takes at most this many ids. */
export const S2_BATCH_LIMIT = 500;

export interface Fetched<T> {
  value: T;
  /** Epoch ms the data came from the source (older than now when served from cache). */
  fetchedAt: number;
  stale: boolean;
}

export interface S2LinkedPaper {
  /** null for references S2 could not resolve to a paper (only a title). */
  s2Id: string | null;
  title?: string;
  year?: number;
  isInfluential?: boolean;
}

export interface S2Page {
  offset: number;
  next?: number;
  items: S2LinkedPaper[];
}

export interface SemanticScholarClient {
  readonly http: HttpClient;
  /** One paper by any id form S2 accepts; NotFoundError when S2 does not know it. */
  getPaper(s2Id: string): Promise<Fetched<S2PaperData>>;
  /** Up to 500 papers in one POST /paper/batch; `null` where S2 does not know the id. */
  getPapers(s2Ids: readonly string[]): Promise<Fetched<(S2PaperData | null)[]>>;
  /** The closest title match, with S2's matchScore; undefined when there is none. */
  matchTitle(
    title: string,
    opts?: { signal?: AbortSignal },
  ): Promise<Fetched<(S2PaperData & { matchScore?: number }) | undefined>>;
  /**
   * `GET /paper/search` (relevance): up to `limit` (≤ 100) papers; `[]` for none. Only the
   * fields a candidate needs (`S2_SEARCH_FIELDS`): no abstract, TL;DR or publication date.
   */
  searchPapers(
    query: string,
    opts?: { limit?: number; year?: number; signal?: AbortSignal },
  ): Promise<Fetched<S2PaperData[]>>;
  /** One page of a paper's references (kept for a later discovery feature). */
  references(s2Id: string, page?: { offset?: number; limit?: number }): Promise<S2Page>;
  citations(s2Id: string, page?: { offset?: number; limit?: number }): Promise<S2Page>;
}

/** Quirks: what a non-2xx answer from S2 means. */
export function classifyS2Response(res: RawResponse): SourceError | undefined {
  if (res.status === 403) {
    return new SourceBlockedError(
      res.request,
      "Semantic Scholar refused the API key (HTTP 403)",
      "Check the key in the library config or S2_API_KEY, or remove it to use the shared pool.",
    );
  }
  if (res.status === 404) {
    let message = "not found";
    try {
      const body = s2ErrorSchema.parse(JSON.parse(res.text));
      message = body.error ?? body.message ?? message;
    } catch {
      // keep the generic message
    }
    return new NotFoundError(res.request, message);
  }
  return undefined;
}

/**
 * `POST /paper/batch?fields=…` for `ids`, its answer validated by `schema` and checked to be one
 * item per id (the API promises same length and order; anything else cannot be matched up).
 */
export async function postBatch<T>(
  http: HttpClient,
  schema: z.ZodType<T[]>,
  ids: readonly string[],
  fields: string,
): Promise<{ value: T[]; fetchedAt: number; stale: boolean }> {
  const parse = jsonParser(schema);
  return http.request({
    method: "POST",
    path: "/paper/batch",
    query: { fields },
    json: { ids },
    cache: "bypass",
    parse: (raw) => {
      const list = parse(raw);
      if (list.length !== ids.length) {
        throw new ResponseFormatError(
          raw.request,
          `batch answered ${list.length} items for ${ids.length} ids`,
          raw.text,
        );
      }
      return list;
    },
  });
}

/** Path-encodes an S2 id, keeping `:` and `/` as the API's own examples write them. */
function idPath(id: string): string {
  return encodeURI(id).replace(/[?#]/g, encodeURIComponent);
}

/** The query for /paper/search/match: hyphenated terms match nothing, so hyphens become spaces. */
export function titleMatchQuery(title: string): string {
  return title
    .replace(/[-‐‑–—]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function createSemanticScholarClient(
  http: HttpClient,
  now: () => number = Date.now,
): SemanticScholarClient {
  const fields = S2_PAPER_FIELDS.join(",");
  const page = async (
    kind: "references" | "citations",
    s2Id: string,
    p: { offset?: number; limit?: number } = {},
  ) => {
    const res = await http.request({
      path: `/paper/${idPath(s2Id)}/${kind}`,
      query: {
        fields: "title,year,externalIds,isInfluential",
        offset: p.offset ?? 0,
        limit: p.limit ?? 100,
      },
      parse: jsonParser(s2ReferencesPageSchema),
    });
    const v = res.value;
    const items = (v.data ?? []).map((row) => {
      const linked = kind === "references" ? row.citedPaper : row.citingPaper;
      const item: S2LinkedPaper = { s2Id: linked?.paperId ?? null };
      if (linked?.title) item.title = linked.title;
      if (typeof linked?.year === "number") item.year = linked.year;
      if (typeof row.isInfluential === "boolean") item.isInfluential = row.isInfluential;
      return item;
    });
    const out: S2Page = { offset: v.offset ?? p.offset ?? 0, items };
    if (typeof v.next === "number") out.next = v.next;
    return out;
  };

  return {
    http,
    async getPaper(s2Id) {
      const res = await http.request({
        path: `/paper/${idPath(s2Id)}`,
        query: { fields },
        parse: jsonParser(s2PaperSchema),
      });
      return { value: mapS2Paper(res.value), fetchedAt: res.fetchedAt, stale: res.stale };
    },
    async getPapers(s2Ids) {
      if (s2Ids.length > S2_BATCH_LIMIT) {
        throw new RangeError(`at most ${S2_BATCH_LIMIT} ids per batch, got ${s2Ids.length}`);
      }
      if (s2Ids.length === 0) return { value: [], fetchedAt: now(), stale: false };
      const res = await postBatch(http, s2BatchSchema, s2Ids, fields);
      return {
        value: res.value.map((p) => (p === null ? null : mapS2Paper(p))),
        fetchedAt: res.fetchedAt,
        stale: res.stale,
      };
    },
    async matchTitle(title, opts = {}) {
      try {
        const res = await http.request({
          path: "/paper/search/match",
          query: { query: titleMatchQuery(title), fields },
          parse: jsonParser(s2MatchSchema),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const first = res.value.data?.[0];
        const value = first
          ? {
              ...mapS2Paper(first),
              ...(typeof first.matchScore === "number" ? { matchScore: first.matchScore } : {}),
            }
          : undefined;
        return { value, fetchedAt: res.fetchedAt, stale: res.stale };
      } catch (err) {
        // 404 {"error":"Title match not found"} is an answer, not a failure.
        if (err instanceof NotFoundError)
          return { value: undefined, fetchedAt: now(), stale: false };
        throw err;
      }
    },
    async searchPapers(query, opts = {}) {
      const res = await http.request({
        path: "/paper/search",
        query: {
          query: titleMatchQuery(query),
          fields: S2_SEARCH_FIELDS.join(","),
          limit: Math.min(100, opts.limit ?? 5),
          ...(opts.year === undefined ? {} : { year: `${opts.year - 1}-${opts.year + 1}` }),
        },
        // Zero results come without `data` (API-FACTS 1.5): an empty list. The plain check
        // first, zod for anything it is not sure of (and for every error message).
        parse: (r) => {
          const value = parseJsonText(r.text, r.request);
          return fastSearchAnswer(value) ?? validate(s2SearchSchema, value, r);
        },
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return {
        value: (res.value.data ?? []).map(mapS2Paper),
        fetchedAt: res.fetchedAt,
        stale: res.stale,
      };
    },
    references: (s2Id, p) => page("references", s2Id, p),
    citations: (s2Id, p) => page("citations", s2Id, p),
  };
}
