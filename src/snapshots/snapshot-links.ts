import { setMaxListeners } from "node:events";
import { createHostQueue, hostKey, type PerHostLimit } from "../base/index.js";
import {
  BlockedUrlError,
  describeBlockReason,
  type FetchOptions,
  type FetchResult,
  NetworkError,
  type SafeFetcher,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
} from "../net/index.js";
import { type AssetFetcher, archiveHtml, isHtml } from "./archive-html.js";
import type { CollectedLink } from "./collect-links.js";
import {
  extensionFor,
  mediaType,
  putObject,
  readSnapshotIndex,
  type SnapshotEntry,
  startsWith,
  writeSnapshotIndex,
} from "./snapshot-store.js";

export interface SnapshotLimits {
  /** Largest page or PDF kept; a bigger one is reported `too-large` and not stored. */
  pageBytes: number;
  /** Largest image, font or stylesheet kept. */
  assetBytes: number;
  /** Time for one page request (redirects included). */
  pageTimeoutMs: number;
  /** Time for one image/stylesheet/font request. */
  assetTimeoutMs: number;
  /** Distinct images and fonts stored per page. */
  maxAssets: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  pageBytes: 25 * 1024 * 1024,
  assetBytes: 5 * 1024 * 1024,
  pageTimeoutMs: 30_000,
  assetTimeoutMs: 20_000,
  maxAssets: 150,
};

export const DEFAULT_PER_HOST: PerHostLimit = { concurrency: 2, minIntervalMs: 1000 };

/** Listeners a run's abort signal may have at once (one per fetch in flight). */
export const SIGNAL_LISTENERS = 200;

export type SnapshotOutcome =
  | { kind: "archived"; entry: SnapshotEntry }
  | { kind: "unchanged"; entry: SnapshotEntry }
  /** `only: "new"` and the URL is already archived: not fetched. */
  | { kind: "kept"; entry: SnapshotEntry }
  | { kind: "dead"; status: number; finalUrl: string }
  | { kind: "timeout"; ms: number }
  | { kind: "blocked"; reason: string }
  | { kind: "too-large"; limit: number }
  | { kind: "failed"; reason: string };

export type SnapshotOutcomeKind = SnapshotOutcome["kind"];

export interface SnapshotItem {
  url: string;
  outcome: SnapshotOutcome;
}

export interface SnapshotProgress {
  done: number;
  total: number;
  url: string;
  outcome: SnapshotOutcome;
}

export interface SnapshotOptions {
  /** The library root; objects go to `<root>/snapshots/objects/`, the index to `snapshots/index.jsonl`. */
  root: string;
  links: readonly (CollectedLink | string)[];
  fetcher: SafeFetcher;
  /** `new` (default): skip URLs already in the index. `all`: fetch every URL again. */
  only?: "new" | "all";
  perHost?: PerHostLimit;
  /** Requests in flight over all hosts (default 8). */
  concurrency?: number;
  limits?: Partial<SnapshotLimits>;
  onProgress?: (progress: SnapshotProgress) => void;
  now?: () => number;
  /** Stops starting new pages; what is archived so far is kept in the index. */
  signal?: AbortSignal;
  /** Extra attempts on a refused connection, 429 or 503 (default 1), this far apart (default 2 s). */
  retries?: number;
  retryDelayMs?: number;
  /** Consecutive unreachable answers after which the rest of a host is skipped (default 3). */
  hostFailureThreshold?: number;
}

export interface SnapshotRunResult {
  items: SnapshotItem[];
  counts: Record<SnapshotOutcomeKind, number>;
  /** The run was stopped by the signal before every link was tried. */
  stopped: boolean;
}

const RETRY_STATUS = new Set([429, 503]);

/**
 * Archives every link into the library (content-addressed objects + index), host by host, politely.
 * Resumable: the index is written atomically every second or so and at the end, and `only: "new"`
 * skips what is already there.
 * @example
 * const links = await collectLinks(library, { root });
 * const res = await snapshotLinks({ root, links, fetcher: createSafeFetcher(), onProgress });
 */
export async function snapshotLinks(options: SnapshotOptions): Promise<SnapshotRunResult> {
  const limits = { ...DEFAULT_SNAPSHOT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const only = options.only ?? "new";
  const retries = options.retries ?? 1;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const threshold = options.hostFailureThreshold ?? 3;
  const signal = options.signal;
  // Every fetch in flight (and each page's assets) listens to the run's signal: more than
  // Node's default of 10 listeners is no leak here.
  if (signal) setMaxListeners(SIGNAL_LISTENERS, signal);
  const queue = createHostQueue({
    perHost: options.perHost ?? DEFAULT_PER_HOST,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  const index = await readSnapshotIndex(options.root);
  const links = normalizeLinks(options.links);
  const items: SnapshotItem[] = [];
  const toFetch: CollectedLink[] = [];
  for (const link of links) {
    const existing = index.get(link.url);
    if (only === "new" && existing)
      items.push({ url: link.url, outcome: { kind: "kept", entry: existing } });
    else toFetch.push(link);
  }

  let dirty = false;
  let lastFlush = Date.now();
  let flushing: Promise<void> = Promise.resolve();
  const flush = (force: boolean) => {
    if (!dirty || (!force && Date.now() - lastFlush < 1000)) return flushing;
    dirty = false;
    lastFlush = Date.now();
    const snapshot = [...index.values()];
    flushing = flushing.then(() => writeSnapshotIndex(options.root, snapshot));
    return flushing;
  };

  /**
   * One fetch per URL for the whole run, shared by every page using it; 2xx only. A failure
   * answers undefined: the page keeps the URL (or goes without the stylesheet), counted missing.
   */
  function fetchedOnce<T>(
    cache: Map<string, Promise<T | undefined>>,
    url: string,
    accept: string,
    read: (res: FetchResult) => T | undefined | Promise<T | undefined>,
  ): Promise<T | undefined> {
    let found = cache.get(url);
    if (!found) {
      found = fetchWithRetry(url, {
        accept,
        maxBytes: limits.assetBytes,
        timeoutMs: limits.assetTimeoutMs,
        onTooLarge: "error",
      })
        .then((res) => (res.status < 200 || res.status >= 300 ? undefined : read(res)))
        // A failed fetch is a missing asset: the page keeps its URL and counts it (see above).
        .catch(() => undefined);
      cache.set(url, found);
    }
    return found;
  }

  const assetCache = new Map<string, Promise<string | undefined>>();
  const cssCache = new Map<string, Promise<{ text: string; finalUrl: string } | undefined>>();
  const assetFetcher: AssetFetcher = {
    asset: (url) =>
      fetchedOnce(
        assetCache,
        url,
        "image/avif,image/webp,image/*,font/*,*/*;q=0.5",
        async (res) => {
          const type = mediaType(res.headers["content-type"]);
          if (isHtml(type) || type.startsWith("text/") || type.includes("javascript"))
            return undefined;
          const ext = extensionFor(type, res.body);
          return (await putObject(options.root, res.body, ext)).path;
        },
      ),
    stylesheet: (url) =>
      fetchedOnce(cssCache, url, "text/css,*/*;q=0.1", (res) =>
        isHtml(res.headers["content-type"])
          ? undefined
          : { text: new TextDecoder().decode(res.body), finalUrl: res.finalUrl },
      ),
  };

  async function fetchWithRetry(url: string, opts: FetchOptions): Promise<FetchResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await queue.run(hostKey(url), () =>
          options.fetcher.fetchUrl(url, { ...opts, ...(signal ? { signal } : {}) }),
        );
        if (RETRY_STATUS.has(res.status) && attempt < retries) {
          const after = Number(res.headers["retry-after"]);
          await sleep(
            Number.isFinite(after) && after > 0 && after <= 30 ? after * 1000 : retryDelayMs,
          );
          continue;
        }
        return res;
      } catch (err) {
        if (err instanceof NetworkError && attempt < retries && !signal?.aborted) {
          await sleep(retryDelayMs);
          continue;
        }
        throw err;
      }
    }
  }

  async function archiveOne(link: CollectedLink): Promise<SnapshotOutcome> {
    let res: FetchResult;
    try {
      res = await fetchWithRetry(link.url, {
        maxBytes: limits.pageBytes,
        timeoutMs: limits.pageTimeoutMs,
      });
    } catch (err) {
      return outcomeOfError(err);
    }
    if (res.status < 200 || res.status >= 300) {
      return { kind: "dead", status: res.status, finalUrl: res.finalUrl };
    }
    if (res.truncated) return { kind: "too-large", limit: limits.pageBytes };
    const contentType = res.headers["content-type"] ?? "";
    let stored: { hash: string; path: string; bytes: number };
    let title: string | undefined;
    let assets: number | undefined;
    let missing: number | undefined;
    if (isHtml(contentType) && !startsWith(res.body, "%PDF-")) {
      const page = await archiveHtml(res.body, {
        pageUrl: res.finalUrl,
        contentType,
        assets: assetFetcher,
        maxAssets: limits.maxAssets,
      });
      stored = await putObject(options.root, page.html, "html");
      title = page.title;
      assets = page.assets;
      missing = page.missing;
    } else {
      const ext = extensionFor(contentType, res.body);
      stored = await putObject(options.root, res.body, ext);
      if (ext === "pdf") title = pdfTitle(res.body);
    }
    const at = iso();
    const previous = index.get(link.url);
    const unchanged = previous?.hash === stored.hash;
    const history = previous?.history ?? [];
    const entry: SnapshotEntry = {
      url: link.url,
      hash: stored.hash,
      path: stored.path,
      fetchedAt: unchanged && previous ? previous.fetchedAt : at,
      checkedAt: at,
      finalUrl: res.finalUrl,
      status: res.status,
      ...(title === undefined ? {} : { title }),
      contentType: mediaType(contentType) || "application/octet-stream",
      bytes: stored.bytes,
      ...(assets ? { assets } : {}),
      ...(missing ? { missingAssets: missing } : {}),
      ...(link.origin
        ? { origin: link.origin }
        : previous?.origin
          ? { origin: previous.origin }
          : {}),
      ...(unchanged || !previous
        ? history.length > 0
          ? { history }
          : {}
        : {
            history: [
              { hash: previous.hash, path: previous.path, fetchedAt: previous.fetchedAt },
              ...history,
            ],
          }),
    };
    index.set(link.url, entry);
    dirty = true;
    void flush(false);
    return unchanged ? { kind: "unchanged", entry } : { kind: "archived", entry };
  }

  // One lane per host slot: every host progresses at once, each within its own limit.
  const byHost = new Map<string, CollectedLink[]>();
  for (const link of toFetch) {
    const list = byHost.get(link.host) ?? [];
    list.push(link);
    byHost.set(link.host, list);
  }
  let done = 0;
  const lanes: Promise<void>[] = [];
  const laneCount = Math.max(
    1,
    Math.floor(options.perHost?.concurrency ?? DEFAULT_PER_HOST.concurrency),
  );
  for (const [, list] of byHost) {
    const state = { failures: 0, lastFailure: "" };
    const lane = async () => {
      for (let link = list.shift(); link !== undefined; link = list.shift()) {
        if (signal?.aborted) return;
        let outcome: SnapshotOutcome;
        if (state.failures >= threshold) {
          outcome = {
            kind: "failed",
            reason: `host skipped after ${state.failures} failures (${state.lastFailure})`,
          };
        } else {
          outcome = await archiveOne(link).catch(
            (err: unknown): SnapshotOutcome => ({
              kind: "failed",
              reason: err instanceof Error ? err.message : String(err),
            }),
          );
          if (signal?.aborted) return;
          if (
            outcome.kind === "timeout" ||
            (outcome.kind === "failed" && outcome.reason.startsWith("network"))
          ) {
            state.failures++;
            state.lastFailure = outcome.kind === "timeout" ? "timeout" : outcome.reason;
          } else state.failures = 0;
        }
        items.push({ url: link.url, outcome });
        done++;
        options.onProgress?.({ done, total: toFetch.length, url: link.url, outcome });
      }
    };
    for (let i = 0; i < laneCount; i++) lanes.push(lane());
  }
  try {
    await Promise.all(lanes);
  } finally {
    await flush(true);
  }
  const counts = {
    archived: 0,
    unchanged: 0,
    kept: 0,
    dead: 0,
    timeout: 0,
    blocked: 0,
    "too-large": 0,
    failed: 0,
  } satisfies Record<SnapshotOutcomeKind, number>;
  for (const item of items) counts[item.outcome.kind]++;
  items.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { items, counts, stopped: signal?.aborted === true && items.length < links.length };
}

/** Maps a safe-fetch error to an outcome. */
export function outcomeOfError(err: unknown): SnapshotOutcome {
  if (err instanceof BlockedUrlError)
    return { kind: "blocked", reason: describeBlockReason(err.reason) };
  if (err instanceof TimeoutError) return { kind: "timeout", ms: err.ms };
  if (err instanceof TooLargeError) return { kind: "too-large", limit: err.limit };
  if (err instanceof TooManyRedirectsError) {
    return { kind: "failed", reason: `too many redirects (${err.redirects.length})` };
  }
  if (err instanceof NetworkError) return { kind: "failed", reason: `network: ${err.message}` };
  return { kind: "failed", reason: err instanceof Error ? err.message : String(err) };
}

function normalizeLinks(links: readonly (CollectedLink | string)[]): CollectedLink[] {
  const seen = new Map<string, CollectedLink>();
  for (const l of links) {
    const link = typeof l === "string" ? { url: l, host: hostKey(l), citations: [] } : l;
    if (!seen.has(link.url)) seen.set(link.url, link);
  }
  return [...seen.values()];
}

function pdfTitle(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.subarray(0, 1024 * 1024)).toString("latin1");
  const m = /\/Title\s*\(((?:[^()\\]|\\.){1,300})\)/.exec(head);
  if (!m?.[1]) return undefined;
  const text = m[1].replace(/\\([()\\])/g, "$1").trim();
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
