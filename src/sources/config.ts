/**
 * Source settings: defaults that follow each provider's rules, overridable by the library config
 * and by the environment (the CLI passes `process.env` in; nothing here reads it).
 */

import type { RateLimit } from "../base/index.js";
import { JingduError } from "../core/index.js";
import type { BreakerOptions } from "./http/circuit-breaker.js";
import type { RetryOptions } from "./http/http-client.js";

export type SourceName = "s2" | "arxiv" | "bilibili";
export const SOURCE_NAMES: readonly SourceName[] = ["s2", "arxiv", "bilibili"];

/** The name used in messages and in `metadata/<file>.jsonl`. */
export const SOURCE_LABELS: Record<SourceName, string> = {
  s2: "semantic-scholar",
  arxiv: "arxiv",
  bilibili: "bilibili",
};

export interface SourceSettings {
  /** False when `sources.<name>.enabled: false` in jingdu.yaml: the source is never asked. */
  enabled: boolean;
  baseUrl: string;
  rateLimit: RateLimit;
  /** The whole of one request: connect, headers and body. */
  timeoutMs: number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  /** How long fetched data counts as fresh (cache and `refresh` without --older-than). */
  maxAgeMs: number;
  /** After the source blocks this client (bilibili -412), how long to leave it alone. */
  blockedBackoffMs: number;
  headers: Record<string, string>;
  /** Overrides the common User-Agent for this source. */
  userAgent?: string;
}

/**
 * Settings for every source, and for YouTube: a course source only (add course, refresh
 * --courses), not a metadata source that `refresh` batches, so it is not in SOURCE_NAMES.
 */
export type SourcesSettings = Record<SourceName, SourceSettings> & {
  youtube: SourceSettings;
  userAgent: string;
  /** How long a paper's fetched references and citations count as fresh (`refresh --graph`). */
  graphMaxAgeMs: number;
  /** What `refresh --graph` keeps per paper. */
  graphCaps: GraphCaps;
  /**
   * The least time from one part's subtitle fetch to the next (`jingdu transcript fetch`), on
   * top of bilibili's request gap: accounts that fetch AI subtitles fast get banned.
   */
  bilibiliSubtitleGapMs: number;
};

/** What the citation graph keeps per library paper (docs/metadata.md, "The citation graph"). */
export interface GraphCaps {
  /** Citations kept per library paper: the most cited first, then the newest. */
  citations: number;
  /** References kept per library paper (same order). */
  references: number;
  /** Authors kept per neighbour (the first ones, as S2 lists them). */
  authors: number;
}

export const DEFAULT_GRAPH_CAPS: GraphCaps = { citations: 60, references: 200, authors: 3 };

/** What one source's entry under `sources:` in jingdu.yaml may say. */
export interface SourceConfig {
  /** `false`: never ask this source (refresh skips it; add falls back or says so). */
  enabled?: boolean;
  baseUrl?: string;
  /** How long fetched data counts as fresh: `7d`, `12h`. */
  maxAge?: string;
}

/** What a library's config may say about sources (`sources:` in jingdu.yaml). */
export interface SourcesConfig {
  userAgent?: string;
  /**
   * `graphMaxAge`: how long the citation graph's lists count as fresh (`30d`);
   * `graphCitations` / `graphReferences`: how many of each it keeps per paper (≤ 1,000).
   */
  s2?: SourceConfig & {
    apiKey?: string;
    graphMaxAge?: string;
    graphCitations?: number;
    graphReferences?: number;
  };
  arxiv?: SourceConfig;
  /** `subtitleGap`: the least time between two parts' subtitle fetches (`10s`). */
  bilibili?: SourceConfig & { subtitleGap?: string };
  youtube?: SourceConfig;
}

export const DEFAULT_USER_AGENT = "jingdu/0.1 (local-first study companion)";
/** bilibili blocks clients that do not look like a browser (-412/-352), so this one says both. */
export const BILIBILI_USER_AGENT =
  "Mozilla/5.0 (compatible; jingdu/0.1; local-first study companion)";

const DAY = 86_400_000;
/**
 * Between two parts' subtitles (a player request and a subtitle file each): 113 parts take
 * ~20 minutes. No rate is published; bilibili bans accounts that fetch AI subtitles in bulk
 * (reports in subtitle downloaders' issues), and a person watching does not open a part every
 * few seconds.
 */
export const DEFAULT_SUBTITLE_GAP_MS = 10_000;
/** A paper's references never change and its citations grow slowly: a month is fresh enough. */
export const DEFAULT_GRAPH_MAX_AGE_MS = 30 * DAY;
const retry = (retries: number, baseDelayMs: number): RetryOptions => ({
  retries,
  baseDelayMs,
  maxDelayMs: 60_000,
  jitter: 0.3,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
  networkRetries: 1,
});

/**
 * The longest `Retry-After` a run waits for. A longer one stops that source for the run, and it is
 * not asked again before that time (remembered in `.jingdu/sources-state.json`).
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * A source that does not answer at all costs at most two timeouts (one retry, after only the
 * source's gap) before the circuit breaker stops it for the run: 2 × 10 s + the gap (1.1–3 s)
 * ≤ 23 s per source, sources in parallel, instead of the whole retry ladder per batch (a hanging
 * S2 once cost 280 s).
 */
const TIMEOUT_MS = 10_000;
const TIMEOUTS_TO_STOP = 2;

/** What differs between providers; the rest (timeouts, the timeouts that stop a run) is shared. */
interface ProviderRules {
  baseUrl: string;
  /** The gap between one request's end and the next one's start (one request at a time). */
  gapMs: number;
  retry: RetryOptions;
  /** Failures in a row that open the circuit breaker, and how long it stays open. */
  failures: number;
  cooldownMs: number;
  maxAgeMs: number;
  blockedBackoffMs?: number;
  headers?: Record<string, string>;
  userAgent?: string;
}

function provider(rules: ProviderRules): SourceSettings {
  const { gapMs, failures, cooldownMs, ...rest } = rules;
  return {
    enabled: true,
    rateLimit: { concurrency: 1, minIntervalMs: gapMs },
    timeoutMs: TIMEOUT_MS,
    breaker: { failureThreshold: failures, timeoutThreshold: TIMEOUTS_TO_STOP, cooldownMs },
    blockedBackoffMs: DAY,
    headers: {},
    ...rest,
  };
}

/** Defaults per provider. S2: ~1 request/s without a key (exponential back-off required);
 * arXiv: one request every 3 s on one connection; bilibili: one at a time, long back-off on -412.
 * Gaps are measured from the end of one request to the start of the next. */
export const SOURCE_DEFAULTS: Record<SourceName, SourceSettings> = {
  s2: provider({
    baseUrl: "https://api.semanticscholar.org/graph/v1",
    gapMs: 1100,
    retry: retry(4, 2000),
    failures: 8,
    cooldownMs: 120_000,
    maxAgeMs: 7 * DAY,
  }),
  arxiv: provider({
    baseUrl: "https://export.arxiv.org/api",
    gapMs: 3000,
    retry: retry(3, 3000),
    failures: 6,
    cooldownMs: 300_000,
    maxAgeMs: 30 * DAY,
  }),
  bilibili: provider({
    baseUrl: "https://api.bilibili.com",
    gapMs: 1500,
    retry: retry(2, 3000),
    failures: 5,
    cooldownMs: 600_000,
    maxAgeMs: 3 * DAY,
    blockedBackoffMs: 6 * 3_600_000,
    headers: { referer: "https://www.bilibili.com/" },
    userAgent: BILIBILI_USER_AGENT,
  }),
};

/**
 * YouTube's page data (innertube `youtubei/v1/browse`) and feeds: one request at a time, a
 * second apart; a playlist of 1,000 videos is 10 pages.
 */
export const YOUTUBE_DEFAULTS: SourceSettings = provider({
  baseUrl: "https://www.youtube.com",
  gapMs: 1000,
  retry: retry(2, 2000),
  failures: 5,
  cooldownMs: 300_000,
  maxAgeMs: DAY,
});

const ENV_URL: Record<SourceName | "youtube", string> = {
  youtube: "JINGDU_YOUTUBE_URL",
  s2: "JINGDU_S2_URL",
  arxiv: "JINGDU_ARXIV_URL",
  bilibili: "JINGDU_BILIBILI_URL",
};

/**
 * Parses an age like `7d`, `12h`, `30m`, `45s` or `0` into milliseconds.
 * @example parseAge("7d") === 604800000
 */
export function parseAge(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d|w)?$/.exec(text.trim());
  if (!m) {
    throw new JingduError("bad-age", `not an age: "${text}"`, {
      hint: "Write it like 7d, 12h, 30m or 0.",
    });
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY, w: 7 * DAY }[m[2] ?? "d"] ?? DAY;
  return Math.round(Number(m[1]) * unit);
}

function checkUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new JingduError("bad-url", `${where}: not a URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new JingduError("bad-url", `${where}: only http(s) URLs: ${value}`);
  }
  return value.replace(/\/+$/, "");
}

/**
 * Settings for every source: defaults ← config (`sources:` in jingdu.yaml) ← environment
 * (JINGDU_S2_URL, JINGDU_ARXIV_URL, JINGDU_BILIBILI_URL, JINGDU_YOUTUBE_URL, S2_API_KEY).
 *
 * The key from S2_API_KEY is not sent to a base URL that only jingdu.yaml names: a library you
 * cloned could point `sources.s2.baseUrl` at any server, and your key is yours. A key written in
 * jingdu.yaml goes wherever that file says.
 * @example resolveSourcesSettings(library.settings.sources, process.env)
 */
export function resolveSourcesSettings(
  config: SourcesConfig = {},
  env: Record<string, string | undefined> = {},
): SourcesSettings {
  const out = {
    userAgent: config.userAgent ?? DEFAULT_USER_AGENT,
    graphMaxAgeMs: config.s2?.graphMaxAge
      ? parseAge(config.s2.graphMaxAge)
      : DEFAULT_GRAPH_MAX_AGE_MS,
    graphCaps: {
      ...DEFAULT_GRAPH_CAPS,
      ...(config.s2?.graphCitations === undefined ? {} : { citations: config.s2.graphCitations }),
      ...(config.s2?.graphReferences === undefined
        ? {}
        : { references: config.s2.graphReferences }),
    },
    bilibiliSubtitleGapMs: config.bilibili?.subtitleGap
      ? parseAge(config.bilibili.subtitleGap)
      : DEFAULT_SUBTITLE_GAP_MS,
  } as SourcesSettings;
  const urlFromConfigOnly = {} as Record<SourceName, boolean>;
  for (const name of SOURCE_NAMES) {
    const c = config[name];
    const d = SOURCE_DEFAULTS[name];
    const envUrl = env[ENV_URL[name]];
    const configUrl = c?.baseUrl ? checkUrl(c.baseUrl, `sources.${name}.baseUrl`) : undefined;
    const baseUrl = envUrl ? checkUrl(envUrl, ENV_URL[name]) : (configUrl ?? d.baseUrl);
    urlFromConfigOnly[name] = !envUrl && configUrl !== undefined && configUrl !== d.baseUrl;
    out[name] = {
      ...d,
      enabled: c?.enabled ?? d.enabled,
      baseUrl,
      rateLimit: { ...d.rateLimit },
      retry: { ...d.retry },
      breaker: { ...d.breaker },
      headers: { ...d.headers },
      maxAgeMs: c?.maxAge ? parseAge(c.maxAge) : d.maxAgeMs,
    };
    if (config.userAgent) delete out[name].userAgent;
  }
  const yt = config.youtube;
  const ytEnv = env[ENV_URL.youtube];
  out.youtube = {
    ...YOUTUBE_DEFAULTS,
    enabled: yt?.enabled ?? true,
    baseUrl: ytEnv
      ? checkUrl(ytEnv, ENV_URL.youtube)
      : yt?.baseUrl
        ? checkUrl(yt.baseUrl, "sources.youtube.baseUrl")
        : YOUTUBE_DEFAULTS.baseUrl,
    rateLimit: { ...YOUTUBE_DEFAULTS.rateLimit },
    retry: { ...YOUTUBE_DEFAULTS.retry },
    breaker: { ...YOUTUBE_DEFAULTS.breaker },
    headers: {},
    maxAgeMs: yt?.maxAge ? parseAge(yt.maxAge) : YOUTUBE_DEFAULTS.maxAgeMs,
  };
  const envKey = urlFromConfigOnly.s2 ? undefined : env.S2_API_KEY?.trim();
  const key = envKey || config.s2?.apiKey?.trim();
  if (key) out.s2.headers["x-api-key"] = key; // header name is case-sensitive per S2 docs
  return out;
}
