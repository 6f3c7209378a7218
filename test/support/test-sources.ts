/** Sources wired to a fake server, with a fast sleep that records the waits it was asked for. */
import {
  createMemoryCache,
  createSources,
  defaultTransport,
  resolveSourcesSettings,
  type SourceName,
  type Sources,
  type SourcesSettings,
  type Transport,
} from "../../src/sources/index.js";

export interface TestSources extends Sources {
  /** Every delay passed to sleep (rate-limit spacing, back-off, Retry-After). */
  sleeps: number[];
  /** Moves the virtual clock (sleep moves it too, instantly). */
  advance(ms: number): void;
}

/** The environment that points jingdu's sources at a fake server at `baseUrl` (docs/metadata.md). */
export function fakeApiEnv(baseUrl: string): Record<string, string> {
  return {
    JINGDU_S2_URL: `${baseUrl}/graph/v1`,
    JINGDU_ARXIV_URL: `${baseUrl}/api`,
    JINGDU_BILIBILI_URL: baseUrl,
    JINGDU_YOUTUBE_URL: baseUrl,
  };
}

/** The virtual clock's start: a fixed time so outputs are reproducible. */
export const TEST_EPOCH = Date.parse("2025-12-01T08:00:00Z");

export function testSettings(
  baseUrl: string,
  tweak?: (s: SourcesSettings) => void,
): SourcesSettings {
  const settings = resolveSourcesSettings({}, fakeApiEnv(baseUrl));
  for (const s of ["s2", "arxiv", "bilibili", "youtube"] as const) {
    settings[s].timeoutMs = 2000;
    settings[s].retry.retries = 3;
  }
  tweak?.(settings);
  return settings;
}

const LOCAL = /^http:\/\/127\.0\.0\.1:\d+\//;

/** Only http://127.0.0.1 is allowed: a guard so no test can reach the real network by mistake. */
export const localOnlyFetch: typeof fetch = (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!LOCAL.test(url)) throw new Error(`test tried to reach ${url}`);
  return fetch(input, init);
};

/** The transport jingdu ships (node:http, keep-alive), behind the same guard: 127.0.0.1 only. */
export const localOnlyTransport: Transport = (req) => {
  if (!LOCAL.test(req.url)) throw new Error(`test tried to reach ${req.url}`);
  return defaultTransport()(req);
};

export function makeTestSources(
  baseUrl: string,
  opts: {
    tweak?: (s: SourcesSettings) => void;
    startAt?: number;
    cache?: boolean;
    /** The CLI's response cache in files under this library (`.jingdu/cache/`), as commands have. */
    libraryRoot?: string;
  } = {},
): TestSources {
  const sleeps: number[] = [];
  let clock = opts.startAt ?? TEST_EPOCH;
  const caches = new Map<SourceName | "youtube", ReturnType<typeof createMemoryCache>>();
  const sources = createSources({
    settings: testSettings(baseUrl, opts.tweak),
    transport: localOnlyTransport,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    now: () => clock,
    ...(opts.libraryRoot ? { libraryRoot: opts.libraryRoot } : {}),
    ...(opts.cache
      ? {
          cache: (s: SourceName | "youtube") => {
            if (!caches.has(s)) caches.set(s, createMemoryCache());
            return caches.get(s);
          },
        }
      : {}),
  });
  return {
    ...sources,
    sleeps,
    advance: (ms) => {
      clock += ms;
    },
  };
}
