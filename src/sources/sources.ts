import { join } from "node:path";
import { type ArxivClient, createArxivClient } from "./arxiv/arxiv-client.js";
import {
  type BilibiliClient,
  classifyBilibiliResponse,
  createBilibiliClient,
} from "./bilibili/bilibili-client.js";
import { createFileCache, type ResponseCache } from "./cache.js";
import { SOURCE_LABELS, type SourceName, type SourcesSettings } from "./config.js";
import {
  createHttpClient,
  defaultTransport,
  fetchTransport,
  type HttpClientOptions,
  type HttpEvent,
  type Transport,
} from "./http/index.js";
import {
  classifyS2Response,
  createSemanticScholarClient,
  type SemanticScholarClient,
} from "./semantic-scholar/s2-client.js";
import type { SourceHold } from "./source-holds.js";
import { createYoutubeClient, type YoutubeClient } from "./youtube/youtube-client.js";

export interface Sources {
  settings: SourcesSettings;
  s2: SemanticScholarClient;
  arxiv: ArxivClient;
  bilibili: BilibiliClient;
  /** YouTube playlists through its page data (a course source, not a metadata one). */
  youtube: YoutubeClient;
  now: () => number;
}

export interface CreateSourcesOptions {
  settings: SourcesSettings;
  /** Library root: the response cache lives in `<root>/.jingdu/cache/`. Omit for no cache. */
  libraryRoot?: string;
  /** A cache to use instead of the file cache (tests). */
  cache?: (source: SourceName | "youtube") => ResponseCache | undefined;
  /** How requests are sent (default: the node:http transport with keep-alive, `defaultTransport`). */
  transport?: Transport;
  /** A fetch to send them with instead (wrapped by `fetchTransport`), when no transport is given. */
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (event: HttpEvent) => void;
  /** Sources that asked to be left alone (`.jingdu/sources-state.json`): not asked before then. */
  holds?: Partial<Record<SourceName, SourceHold>>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One configured client per source. The platform (fetch, clock, sleep) is passed in. */
export function createSources(opts: CreateSourcesOptions): Sources {
  const now = opts.now ?? Date.now;
  const transport =
    opts.transport ?? (opts.fetch ? fetchTransport(opts.fetch) : defaultTransport());
  const make = (name: SourceName | "youtube", classify?: HttpClientOptions["classify"]) => {
    const s = opts.settings[name];
    const label = name === "youtube" ? "youtube" : SOURCE_LABELS[name];
    const held = name === "youtube" ? undefined : opts.holds?.[name];
    const hold = held && {
      until: Date.parse(held.until),
      reason: held.reason,
      ...(held.hint ? { hint: held.hint } : {}),
    };
    const store =
      opts.cache?.(name) ??
      (opts.libraryRoot
        ? createFileCache(join(opts.libraryRoot, ".jingdu", "cache", label))
        : undefined);
    return createHttpClient({
      source: label,
      baseUrl: s.baseUrl,
      userAgent: s.userAgent ?? opts.settings.userAgent,
      headers: s.headers,
      rateLimit: s.rateLimit,
      timeoutMs: s.timeoutMs,
      retry: s.retry,
      breaker: s.breaker,
      ...(store ? { cache: { store, maxAgeMs: s.maxAgeMs } } : {}),
      ...(classify ? { classify } : {}),
      ...(s.enabled ? {} : { disabledBy: `sources.${name}.enabled` }),
      ...(hold ? { hold } : {}),
      transport,
      now,
      sleep: opts.sleep ?? realSleep,
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    });
  };
  return {
    settings: opts.settings,
    s2: createSemanticScholarClient(make("s2", classifyS2Response), now),
    arxiv: createArxivClient(make("arxiv")),
    bilibili: createBilibiliClient(make("bilibili", classifyBilibiliResponse), {
      now,
      sleep: opts.sleep ?? realSleep,
      subtitleGapMs: opts.settings.bilibiliSubtitleGapMs,
    }),
    youtube: createYoutubeClient(make("youtube")),
    now,
  };
}
