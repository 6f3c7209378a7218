/**
 * A read-only client for Zotero's local API (Zotero 7/8 desktop, `http://127.0.0.1:23119/api/`,
 * the web API v3's format) over the sources' one polite HTTP layer. Pages are read with `start`
 * and `limit` until `Total-Results` (or the `Link` header's `next`) says there is no more; the
 * library's version comes from `Last-Modified-Version`.
 */
import { JingduError } from "../../core/index.js";
import {
  createHttpClient,
  fetchTransport,
  type HttpClient,
  HttpError,
  type HttpRequest,
  jsonParser,
  NetworkError,
  parseJsonText,
  type RawResponse,
  type RequestInfo,
  SourceError,
  validate,
} from "../http/index.js";
import {
  deletedSchema,
  type ZoteroCollection,
  type ZoteroItem,
  zoteroCollectionsSchema,
  zoteroItemSchema,
  zoteroItemsSchema,
} from "./zotero-schema.js";

/**
 * Zotero's own address for its local API. 127.0.0.1 rather than `localhost`: Zotero listens on
 * IPv4 only, and Node may resolve `localhost` to ::1 first.
 */
export const ZOTERO_DEFAULT_URL = "http://127.0.0.1:23119/api";
/** The web API's largest page. */
export const ZOTERO_PAGE_SIZE = 100;

const requestOf = (err: { request?: RequestInfo | undefined }): RequestInfo =>
  err.request ?? { source: "zotero", method: "GET", url: "" };

/** Nothing answered at Zotero's address: it is not running (or listens elsewhere). */
export class ZoteroNotRunningError extends SourceError {
  constructor(cause: NetworkError) {
    super(
      "zotero-not-running",
      requestOf(cause),
      `Zotero is not answering at ${URL.canParse(requestOf(cause).url) ? new URL(requestOf(cause).url).origin : "its address"} (${cause.detail}): is Zotero running?`,
      { cause },
    );
    this.name = "ZoteroNotRunningError";
  }
}

/** Zotero answered 403: the local API is turned off in its settings. */
export class ZoteroApiDisabledError extends SourceError {
  constructor(cause: HttpError) {
    super(
      "zotero-api-disabled",
      requestOf(cause),
      `Zotero answered 403 Forbidden: its local API is not enabled${cause.body.trim() ? ` ("${cause.body.trim().slice(0, 120)}")` : ""}`,
      { cause },
    );
    this.name = "ZoteroApiDisabledError";
  }
}

/** `0` → `users/0`, `groups/123` stays; anything else is a usage error. */
export function zoteroLibraryPath(libraryId: string | undefined): string {
  const id = (libraryId ?? "0").trim();
  if (/^\d+$/.test(id)) return `users/${id}`;
  const m = /^(users|groups)\/(\d+)$/.exec(id);
  if (m) return id;
  throw new JingduError(
    "zotero-library-id",
    `--library-id ${JSON.stringify(libraryId)}: not a Zotero library`,
    {
      hint: "Give 0 (your own library, the default), your user id, or groups/ID for a group.",
    },
  );
}

export interface ZoteroPage<T> {
  values: T[];
  /** `Last-Modified-Version` of the first page: the library's version when the read began. */
  version: number | undefined;
}

export interface ZoteroClient {
  readonly http: HttpClient;
  /** `<base>/users/0`, for messages and the manifest. */
  readonly libraryUrl: string;
  collections(): Promise<ZoteroPage<ZoteroCollection>>;
  /** Every item (top-level and children); with `since`, only those changed after that version. */
  items(opts?: { since?: number }): Promise<ZoteroPage<ZoteroItem>>;
  /** One item, or undefined when Zotero does not know it (deleted). */
  item(key: string): Promise<ZoteroItem | undefined>;
  /** An item's child notes, attachments and annotations. */
  children(key: string): Promise<ZoteroItem[]>;
  /**
   * Keys of the items deleted after version `since` (`/deleted?since=`), or undefined when this
   * Zotero does not answer that request.
   */
  deletedItems(since: number): Promise<string[] | undefined>;
  /** The `file://` URL of an attachment's file, or undefined when Zotero has none. */
  fileUrl(key: string): Promise<string | undefined>;
}

export interface ZoteroClientOptions {
  /** Default ZOTERO_DEFAULT_URL; the CLI passes `JINGDU_ZOTERO_URL`. */
  baseUrl?: string;
  /** `users/0` (default) or `groups/ID`: zoteroLibraryPath. */
  library?: string;
  userAgent: string;
  fetch: typeof globalThis.fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Items per page (default and most the API serves: ZOTERO_PAGE_SIZE). */
  pageSize?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The number in a header, or undefined. */
function headerNumber(res: RawResponse, name: string): number | undefined {
  const v = res.headers[name];
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/** Whether the `Link` header names a `rel="next"` page. */
function hasNextLink(res: RawResponse): boolean {
  return /rel="?next"?/.test(res.headers.link ?? "");
}

/** The errors a person can act on, in Zotero's words; every other one unchanged. */
function explain(err: unknown): unknown {
  if (err instanceof NetworkError && err instanceof SourceError)
    return new ZoteroNotRunningError(err);
  if (err instanceof HttpError && err.status === 403) return new ZoteroApiDisabledError(err);
  return err;
}

/**
 * The local API on its own host: no rate limit to keep (it is the person's own machine), one
 * request at a time, no retry when nothing listens (that is "Zotero is not running", said at once).
 * @example const zotero = createZoteroClient({ userAgent, fetch }); (await zotero.items()).values
 */
export function createZoteroClient(opts: ZoteroClientOptions): ZoteroClient {
  const http = createHttpClient({
    source: "zotero",
    baseUrl: opts.baseUrl ?? ZOTERO_DEFAULT_URL,
    userAgent: opts.userAgent,
    headers: { "zotero-api-version": "3" },
    rateLimit: { concurrency: 1, minIntervalMs: 0 },
    timeoutMs: opts.timeoutMs ?? 30_000,
    retry: {
      retries: 2,
      baseDelayMs: 500,
      maxDelayMs: 5_000,
      jitter: 0.3,
      maxRetryAfterMs: 60_000,
      networkRetries: 0,
    },
    breaker: { failureThreshold: 6, timeoutThreshold: 2, cooldownMs: 60_000 },
    transport: fetchTransport(opts.fetch),
    now: opts.now ?? Date.now,
    sleep: opts.sleep ?? realSleep,
  });
  const library = `/${opts.library ?? "users/0"}`;
  const pageSize = opts.pageSize ?? ZOTERO_PAGE_SIZE;

  async function call<T>(req: HttpRequest<T>): Promise<T> {
    try {
      return (await http.request<T>(req)).value;
    } catch (err) {
      throw explain(err);
    }
  }

  /** Every page of a listing, `start` moving by what each page held. */
  async function pages<T>(
    path: string,
    parse: (res: RawResponse) => T[],
    query: Record<string, string | number | undefined> = {},
  ): Promise<ZoteroPage<T>> {
    const values: T[] = [];
    let version: number | undefined;
    for (let start = 0; ; ) {
      const page = await call({
        path: `${library}${path}`,
        query: { ...query, format: "json", limit: pageSize, start },
        parse: (res) => ({
          values: parse(res),
          total: headerNumber(res, "total-results"),
          version: headerNumber(res, "last-modified-version"),
          next: hasNextLink(res),
        }),
      });
      if (start === 0) version = page.version;
      values.push(...page.values);
      start += page.values.length;
      const more = page.total !== undefined ? start < page.total : page.next;
      if (!more || page.values.length === 0) return { values, version };
    }
  }

  const parseItems = jsonParser(zoteroItemsSchema);
  return {
    http,
    libraryUrl: `${http.baseUrl}${library}`,
    collections: () => pages("/collections", jsonParser(zoteroCollectionsSchema)),
    items: (o = {}) => pages("/items", parseItems, { since: o.since }),
    async item(key) {
      try {
        return await call({
          path: `${library}/items/${encodeURIComponent(key)}`,
          parse: jsonParser(zoteroItemSchema),
        });
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return undefined;
        throw err;
      }
    },
    children: async (key) =>
      (await pages(`/items/${encodeURIComponent(key)}/children`, parseItems)).values,
    async deletedItems(since) {
      try {
        return await call({
          path: `${library}/deleted`,
          query: { since },
          parse: (res) => validate(deletedSchema, parseJsonText(res.text, res.request), res).items,
        });
      } catch (err) {
        // An older local API without the endpoint: deletions are then not reported.
        if (err instanceof HttpError && [400, 404, 501].includes(err.status)) return undefined;
        throw err;
      }
    },
    async fileUrl(key) {
      try {
        const url = await call({
          path: `${library}/items/${encodeURIComponent(key)}/file/view/url`,
          parse: (res) => res.text.trim(),
        });
        return url === "" ? undefined : url;
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return undefined;
        throw err;
      }
    },
  };
}
