import { createRateLimiter, type RateLimit } from "../../base/index.js";
import type { CachedResponse, CachePolicy } from "../cache.js";
import { type BreakerOptions, createCircuitBreaker } from "./circuit-breaker.js";
import {
  CircuitOpenError,
  causeText,
  HttpError,
  NetworkError,
  type RequestInfo,
  ResponseFormatError,
  RetryAfterError,
  SourceDisabledError,
  SourceError,
  SourceOnHoldError,
  TimeoutError,
} from "./errors.js";
import type { Transport } from "./transport.js";

export interface RetryOptions {
  /** Extra attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0…1: how much of each back-off delay is randomized (0 = none). */
  jitter: number;
  /**
   * The longest Retry-After waited for within a run. A longer one is not waited for: the request
   * fails with a RetryAfterError carrying the time the source may be asked again.
   */
  maxRetryAfterMs: number;
  /**
   * Retries when no connection could be made at all, or no answer came in time (default: at most
   * 1), so that being offline or a hanging server is reported in seconds rather than after the
   * whole back-off ladder.
   */
  networkRetries?: number;
}

export type HttpEvent =
  | { type: "request"; request: RequestInfo; attempt: number }
  | { type: "response"; request: RequestInfo; status: number; ms: number }
  | { type: "retry"; request: RequestInfo; delayMs: number; reason: string }
  | { type: "cache"; request: RequestInfo; stale: boolean };

export interface HttpClientOptions {
  /** The source's name, used in messages: `semantic-scholar`. */
  source: string;
  baseUrl: string;
  userAgent: string;
  headers?: Record<string, string>;
  rateLimit: RateLimit;
  /** The whole of one attempt: connecting, the headers and the body read to its end. */
  timeoutMs: number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  cache?: CachePolicy;
  /** The config setting that turned this source off (`sources.s2.enabled`): every request fails. */
  disabledBy?: string;
  /** The source asked to be left alone until then (epoch ms): requests fail before it, unsent. */
  hold?: { until: number; reason: string; hint?: string };
  /**
   * Source quirks: turns a response into the error it really means (bilibili's HTTP 200 with
   * `code: -412`, S2's 403 for a bad key). Returning undefined leaves the default handling.
   */
  classify?: (res: RawResponse) => SourceError | undefined;
  /** Sends one attempt (`createNodeTransport()`; `fetchTransport(fetch)` for a given fetch). */
  transport: Transport;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (event: HttpEvent) => void;
}

export interface RawResponse {
  request: RequestInfo;
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface HttpRequest<T> {
  method?: "GET" | "POST";
  /** Appended to the base URL (`/paper/batch`). */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** A JSON body (POST). */
  json?: unknown;
  /**
   * Another base URL of the same source (bilibili's subtitle CDN beside its API): the request
   * still goes through this client's limiter, retries and breaker.
   */
  baseUrl?: string;
  /**
   * Headers of this request only (a login cookie sent to the one endpoint that needs it). They
   * are never part of the cache key, of an event or of an error: such a request should bypass
   * the cache.
   */
  headers?: Record<string, string>;
  /** Turns a 2xx response into a value; throws ResponseFormatError when it cannot. */
  parse: (res: RawResponse) => T;
  /** `bypass` skips the cache (refresh wants fresh data); failures are never cached either way. */
  cache?: "use" | "bypass";
  signal?: AbortSignal;
}

export interface HttpResult<T> {
  value: T;
  status: number;
  fromCache: boolean;
  /** Served from an expired cache entry because the source could not be reached. */
  stale: boolean;
  /** When the data was fetched from the source (epoch ms). */
  fetchedAt: number;
}

export interface HttpClient {
  readonly source: string;
  readonly baseUrl: string;
  request<T>(req: HttpRequest<T>): Promise<HttpResult<T>>;
  /** Builds the full URL of a request (for messages and links). */
  url(path: string, query?: HttpRequest<unknown>["query"]): string;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/** Parses `Retry-After`: delta-seconds or an HTTP date. Returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A configured client for one source: base URL, per-host rate limit, timeout, retries with
 * exponential back-off and jitter (honouring Retry-After), a circuit breaker and a cache policy.
 * @example createHttpClient({ source: "arxiv", baseUrl, userAgent, rateLimit: { concurrency: 1, minIntervalMs: 3000 }, … })
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const opts = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, "") };
  const { now, sleep } = opts;
  const random = opts.random ?? Math.random;
  const limiter = createRateLimiter(opts.rateLimit, { now, sleep });
  const breaker = createCircuitBreaker(opts.breaker, now);
  const emit = (e: HttpEvent) => opts.onEvent?.(e);

  const buildUrl = (path: string, query?: HttpRequest<unknown>["query"], base = opts.baseUrl) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${base.replace(/\/+$/, "")}${path}${qs ? `?${qs}` : ""}`;
  };

  const backoff = (attempt: number) => {
    const d = Math.min(opts.retry.maxDelayMs, opts.retry.baseDelayMs * 2 ** attempt);
    return Math.round(d * (1 - opts.retry.jitter * random()));
  };

  async function attemptOnce(
    info: RequestInfo,
    body: string | undefined,
    signal?: AbortSignal,
    extraHeaders?: Record<string, string>,
  ) {
    const release = await limiter.acquire();
    // Aborted while it waited for its turn (a run that ended, a prefetch let go): never sent.
    if (signal?.aborted) {
      release();
      throw signal.reason;
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, opts.timeoutMs);
    const started = Date.now();
    try {
      const headers: Record<string, string> = {
        "user-agent": opts.userAgent,
        accept: "application/json, application/atom+xml;q=0.9, */*;q=0.5",
        ...opts.headers,
        ...extraHeaders,
      };
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await opts.transport({
        method: info.method,
        url: info.url,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: controller.signal,
      });
      emit({ type: "response", request: info, status: res.status, ms: Date.now() - started });
      return { request: info, status: res.status, headers: res.headers, text: res.text };
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timedOut) throw new TimeoutError(info, opts.timeoutMs);
      throw new NetworkError(info, `network error: ${causeText(err)}`, err);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      release();
    }
  }

  async function request<T>(req: HttpRequest<T>): Promise<HttpResult<T>> {
    const method = req.method ?? "GET";
    const url = buildUrl(req.path, req.query, req.baseUrl);
    const body = req.json === undefined ? undefined : JSON.stringify(req.json);
    const info: RequestInfo = { source: opts.source, method, url };
    const key = `${method} ${url}${body === undefined ? "" : ` ${body}`}`;
    const cache = req.cache === "bypass" ? undefined : opts.cache;
    if (opts.disabledBy !== undefined) throw new SourceDisabledError(info, opts.disabledBy);
    if (opts.hold && now() < opts.hold.until)
      throw new SourceOnHoldError(info, opts.hold.until, opts.hold.reason, opts.hold.hint);

    let cached: CachedResponse | undefined;
    if (cache) {
      cached = await cache.store.get(key);
      if (cached && now() - cached.storedAt < cache.maxAgeMs) {
        const value = parseCached(req, info, cached);
        if (value !== undefined) {
          emit({ type: "cache", request: info, stale: false });
          return {
            value: value.v,
            status: cached.status,
            fromCache: true,
            stale: false,
            fetchedAt: cached.storedAt,
          };
        }
      }
    }

    try {
      const res = await send(info, body, req.signal, req.headers);
      const value = req.parse(res);
      if (cache) {
        const contentType = res.headers["content-type"];
        // Not waited for: the answer is the caller's now, and the cache (derived data, which
        // reads what it is writing) stores it meanwhile. An entry it fails to store is only
        // asked again next time; the failure is not the request's.
        cache.store
          .put({
            key,
            storedAt: now(),
            status: res.status,
            ...(contentType === undefined ? {} : { contentType }),
            body: res.text,
          })
          // Derived data: an entry not stored is asked again next time; nothing else is lost.
          .catch(() => undefined);
      }
      return { value, status: res.status, fromCache: false, stale: false, fetchedAt: now() };
    } catch (err) {
      const unreachable =
        err instanceof NetworkError ||
        err instanceof TimeoutError ||
        err instanceof CircuitOpenError;
      if (unreachable && cached) {
        const value = parseCached(req, info, cached);
        if (value !== undefined) {
          emit({ type: "cache", request: info, stale: true });
          return {
            value: value.v,
            status: cached.status,
            fromCache: true,
            stale: true,
            fetchedAt: cached.storedAt,
          };
        }
      }
      throw err;
    }
  }

  /** Waits before a retry, unless that failure opened the circuit: then there is none to wait for. */
  async function waitToRetry(info: RequestInfo, delayMs: number, reason: string) {
    const until = breaker.blockedUntil();
    if (until !== undefined)
      throw new CircuitOpenError(info, until, breaker.lastFailure ?? "failures");
    emit({ type: "retry", request: info, delayMs, reason });
    if (delayMs > 0) await sleep(delayMs);
  }

  async function send(
    info: RequestInfo,
    body: string | undefined,
    signal?: AbortSignal,
    headers?: Record<string, string>,
  ) {
    for (let attempt = 0; ; attempt++) {
      const until = breaker.blockedUntil();
      if (until !== undefined)
        throw new CircuitOpenError(info, until, breaker.lastFailure ?? "failures");
      const last = attempt >= opts.retry.retries;
      emit({ type: "request", request: info, attempt });
      let res: RawResponse;
      try {
        res = await attemptOnce(info, body, signal, headers);
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        breaker.failure(err.detail, err instanceof TimeoutError ? "timeout" : "other");
        const networkRetries = Math.min(opts.retry.retries, opts.retry.networkRetries ?? 1);
        const unreachable = err instanceof NetworkError || err instanceof TimeoutError;
        if (last || (unreachable && attempt >= networkRetries)) throw err;
        // A timeout has already waited its whole deadline: retry after the source's gap only.
        await waitToRetry(info, err instanceof TimeoutError ? 0 : backoff(attempt), err.code);
        continue;
      }
      const quirk = opts.classify?.(res);
      if (quirk) {
        if (quirk.transient && !last) {
          breaker.failure(quirk.message);
          await waitToRetry(info, backoff(attempt), quirk.code);
          continue;
        }
        if (!quirk.transient) breaker.success();
        throw quirk;
      }
      if (RETRY_STATUS.has(res.status)) {
        breaker.failure(`HTTP ${res.status}`);
        const retryAfter = parseRetryAfter(res.headers["retry-after"], now());
        if (retryAfter !== undefined && retryAfter > opts.retry.maxRetryAfterMs)
          throw new RetryAfterError(info, res.status, retryAfter, now() + retryAfter);
        if (last) throw new HttpError(info, res.status, res.text, retryHint(res.status));
        await waitToRetry(info, retryAfter ?? backoff(attempt), `HTTP ${res.status}`);
        continue;
      }
      breaker.success();
      if (res.status < 200 || res.status >= 300) throw new HttpError(info, res.status, res.text);
      return res;
    }
  }

  return { source: opts.source, baseUrl: opts.baseUrl, request, url: buildUrl };
}

function retryHint(status: number): string {
  return status === 429
    ? "The source is rate-limiting this client; wait a few minutes (or add an API key) and run again."
    : "The source is having trouble; run again later — finished items are kept.";
}

function parseCached<T>(
  req: HttpRequest<T>,
  info: RequestInfo,
  cached: CachedResponse,
): { v: T } | undefined {
  try {
    const headers: Record<string, string> = {};
    if (cached.contentType) headers["content-type"] = cached.contentType;
    return { v: req.parse({ request: info, status: cached.status, headers, text: cached.body }) };
  } catch (err) {
    if (err instanceof ResponseFormatError) return undefined;
    throw err;
  }
}
