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
  };
}
