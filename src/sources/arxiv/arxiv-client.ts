import {
  type HttpClient,
  type RawResponse,
  ResponseFormatError,
  SourceError,
} from "../http/index.js";
import { type ArxivEntry, type ArxivFeed, AtomFormatError, parseArxivFeed } from "./atom.js";

/** ids per id_list request; arXiv serves up to 2000 per slice, smaller keeps each answer quick. */
export const ARXIV_ID_LIST_LIMIT = 100;

export interface ArxivClient {
  readonly http: HttpClient;
  /** Entries for the ids (without versions), keyed by id; unknown ids are simply absent. */
  getEntries(
    ids: readonly string[],
  ): Promise<{ entries: Map<string, ArxivEntry>; fetchedAt: number; stale: boolean }>;
  /**
   * Searches titles (`field: "ti"`, every word must be in the title) or all fields (`"all"`, for
   * a short name like `VGG`), most relevant first.
   */
  search(
    text: string,
    opts?: { field?: "ti" | "all"; max?: number; signal?: AbortSignal },
  ): Promise<{ entries: ArxivEntry[]; fetchedAt: number; stale: boolean }>;
}

/**
 * arXiv's `search_query` for words: `ti:deep AND ti:residual AND …` (at most 8 words, letters
 * and digits only, so no query syntax a title holds — quotes, colons, `AND` — reaches arXiv).
 * Undefined when no word is left.
 */
export function arxivSearchQuery(text: string, field: "ti" | "all" = "ti"): string | undefined {
  const words = (text.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !/^(and|or|andnot)$/i.test(w))
    .slice(0, 8);
  if (words.length === 0) return undefined;
  return words.map((w) => `${field}:${w}`).join(" AND ");
}

/** An error entry in the feed (`incorrect id format for …`). */
export class ArxivApiError extends SourceError {
  constructor(res: RawResponse, messages: string[]) {
    super("arxiv-error", res.request, `arXiv says: ${messages.join("; ")}`, {
      hint: "Check the arXiv id (YYMM.NNNNN or archive/YYMMNNN).",
    });
    this.name = "ArxivApiError";
  }
}

function parseFeedResponse(res: RawResponse): ArxivFeed {
  try {
    const feed = parseArxivFeed(res.text);
    if (feed.errors.length > 0 && feed.entries.length === 0)
      throw new ArxivApiError(res, feed.errors);
    return feed;
  } catch (err) {
    if (err instanceof AtomFormatError) {
      // arXiv reportedly throttles with a plain-text `Rate exceeded.` body.
      const detail = /rate exceeded/i.test(res.text)
        ? "rate exceeded (plain-text answer)"
        : err.message;
      throw new ResponseFormatError(res.request, detail, res.text);
    }
    throw err;
  }
}

export function createArxivClient(http: HttpClient): ArxivClient {
  return {
    http,
    async getEntries(ids) {
      if (ids.length > ARXIV_ID_LIST_LIMIT) {
        throw new RangeError(`at most ${ARXIV_ID_LIST_LIMIT} ids per request, got ${ids.length}`);
      }
      const res = await http.request({
        path: "/query",
        query: { id_list: ids.join(","), max_results: ids.length },
        parse: parseFeedResponse,
      });
      const entries = new Map<string, ArxivEntry>();
      for (const e of res.value.entries) entries.set(e.id, e);
      return { entries, fetchedAt: res.fetchedAt, stale: res.stale };
    },
    async search(text, opts = {}) {
      const query = arxivSearchQuery(text, opts.field ?? "ti");
      if (query === undefined) return { entries: [], fetchedAt: Date.now(), stale: false };
      const res = await http.request({
        path: "/query",
        query: { search_query: query, start: 0, max_results: opts.max ?? 5 },
        parse: parseFeedResponse,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return { entries: res.value.entries, fetchedAt: res.fetchedAt, stale: res.stale };
    },
  };
}
