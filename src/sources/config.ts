/**
 * Source settings: defaults that follow each provider's rules, overridable by the library config
 * and by the environment (the CLI passes `process.env` in; nothing here reads it).
 */
import { JingduError } from "../core/index.js";
import type { BreakerOptions } from "./http/circuit-breaker.js";
import type { RetryOptions } from "./http/http-client.js";
import type { RateLimit } from "./http/rate-limiter.js";

export type SourceName = "s2" | "arxiv" | "bilibili";
export const SOURCE_NAMES: readonly SourceName[] = ["s2", "arxiv", "bilibili"];

/** The name used in messages and in `metadata/<file>.jsonl`. */
export const SOURCE_LABELS: Record<SourceName, string> = {
  s2: "semantic-scholar",
  arxiv: "arxiv",
  bilibili: "bilibili",
};

export interface SourceSettings {
  baseUrl: string;
  rateLimit: RateLimit;
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

export type SourcesSettings = Record<SourceName, SourceSettings> & { userAgent: string };

/** What a library's config may say about sources (e.g. `sources:` in jingdu.yaml). */
export interface SourcesConfig {
  userAgent?: string;
  s2?: { baseUrl?: string; apiKey?: string; maxAge?: string };
  arxiv?: { baseUrl?: string; maxAge?: string };
  bilibili?: { baseUrl?: string; maxAge?: string };
}

export const DEFAULT_USER_AGENT = "jingdu/0.1 (local-first study companion)";
/** bilibili blocks clients that do not look like a browser (-412/-352), so this one says both. */
export const BILIBILI_USER_AGENT =
  "Mozilla/5.0 (compatible; jingdu/0.1; local-first study companion)";

const DAY = 86_400_000;
const retry = (retries: number, baseDelayMs: number): RetryOptions => ({
  retries,
  baseDelayMs,
  maxDelayMs: 60_000,
  jitter: 0.3,
  maxRetryAfterMs: 120_000,
});

/** Defaults per provider. S2: ~1 request/s without a key (exponential back-off required);
 * arXiv: one request every 3 s on one connection; bilibili: one at a time, long back-off on -412. */
export const SOURCE_DEFAULTS: Record<SourceName, SourceSettings> = {
  s2: {
    baseUrl: "https://api.semanticscholar.org/graph/v1",
    rateLimit: { concurrency: 1, minIntervalMs: 1100 },
    timeoutMs: 30_000,
    retry: retry(4, 2000),
    breaker: { failureThreshold: 8, cooldownMs: 120_000 },
    maxAgeMs: 7 * DAY,
    blockedBackoffMs: DAY,
    headers: {},
  },
  arxiv: {
    baseUrl: "https://export.arxiv.org/api",
    rateLimit: { concurrency: 1, minIntervalMs: 3000 },
    timeoutMs: 30_000,
    retry: retry(3, 3000),
    breaker: { failureThreshold: 6, cooldownMs: 300_000 },
    maxAgeMs: 30 * DAY,
    blockedBackoffMs: DAY,
    headers: {},
  },
  bilibili: {
    baseUrl: "https://api.bilibili.com",
    rateLimit: { concurrency: 1, minIntervalMs: 1500 },
    timeoutMs: 15_000,
    retry: retry(2, 3000),
    breaker: { failureThreshold: 5, cooldownMs: 600_000 },
    maxAgeMs: 3 * DAY,
    blockedBackoffMs: 6 * 3_600_000,
    headers: { referer: "https://www.bilibili.com/" },
    userAgent: BILIBILI_USER_AGENT,
  },
};

const ENV_URL: Record<SourceName, string> = {
  s2: "JINGDU_S2_URL",
  arxiv: "JINGDU_ARXIV_URL",
  bilibili: "JINGDU_BILIBILI_URL",
};

/**
 * Parses an age like `7d`, `12h`, `30m`, `45s` or `0` into milliseconds.
 * @example parseAge("7d") === 604800000
 */
export function parseAge(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(text);
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
 * Settings for every source: defaults ← config ← environment (JINGDU_S2_URL, JINGDU_ARXIV_URL,
 * JINGDU_BILIBILI_URL, S2_API_KEY).
 * @example resolveSourcesSettings(config.sources, process.env)
 */
export function resolveSourcesSettings(
  config: SourcesConfig = {},
  env: Record<string, string | undefined> = {},
): SourcesSettings {
  const out = { userAgent: config.userAgent ?? DEFAULT_USER_AGENT } as SourcesSettings;
  for (const name of SOURCE_NAMES) {
    const c = config[name];
    const d = SOURCE_DEFAULTS[name];
    const envUrl = env[ENV_URL[name]];
    const baseUrl = envUrl
      ? checkUrl(envUrl, ENV_URL[name])
      : c?.baseUrl
        ? checkUrl(c.baseUrl, `sources.${name}.baseUrl`)
        : d.baseUrl;
    out[name] = {
      ...d,
      baseUrl,
      rateLimit: { ...d.rateLimit },
      retry: { ...d.retry },
      breaker: { ...d.breaker },
      headers: { ...d.headers },
      maxAgeMs: c?.maxAge ? parseAge(c.maxAge) : d.maxAgeMs,
    };
    if (config.userAgent) delete out[name].userAgent;
  }
  const key = env.S2_API_KEY?.trim() || config.s2?.apiKey?.trim();
  if (key) out.s2.headers["x-api-key"] = key; // header name is case-sensitive per S2 docs
  return out;
}
