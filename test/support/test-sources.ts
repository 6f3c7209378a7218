/** Sources wired to a fake server, with a fast sleep that records the waits it was asked for. */
import {
  createMemoryCache,
  createNodeTransport,
  createSources,
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
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** Throws unless `url` is on 127.0.0.1: no test reaches the real network by mistake. */
function refuseUnlessLocal(url: string): void {
  if (!LOCAL.test(url)) throw new Error(`test tried to reach ${url}`);
}

/**
 * Only http://127.0.0.1 is allowed, at every hop: a redirect is followed here (as fetch would,
 * at most 20) so that one to anywhere else is refused before it is asked, not after.
 */
export const localOnlyFetch: typeof fetch = async (input, init) => {
  if (typeof input !== "string" && !(input instanceof URL)) {
    // A Request object: sent as it is, its redirects not followed (none of our tests sends one).
    refuseUnlessLocal(input.url);
    return fetch(input, { ...init, redirect: "manual" });
  }
  let url = typeof input === "string" ? input : input.href;
  let request = init;
  for (let hop = 0; ; hop++) {
    refuseUnlessLocal(url);
    const res = await fetch(url, { ...request, redirect: "manual" });
    const location = res.headers.get("location");
    if (init?.redirect === "manual" || !REDIRECT.has(res.status) || !location || hop >= 20) {
      return res;
    }
    await res.body?.cancel();
    url = new URL(location, url).href;
    const method = (request?.method ?? "GET").toUpperCase();
    // As fetch does: a 303, or a 301/302 after a POST, is followed by a GET without a body.
    if (res.status === 303 || (method === "POST" && (res.status === 301 || res.status === 302))) {
      const { body: _body, ...rest } = request ?? {};
      request = { ...rest, method: "GET" };
    }
  }
};

let transport: Transport | undefined;
/**
 * The node:http transport jingdu ships (keep-alive, its redirect policy), every request and
 * redirect of it checked first: only 127.0.0.1 is asked.
 */
export const localOnlyTransport: Transport = (req) => {
  transport ??= createNodeTransport({ beforeRequest: refuseUnlessLocal });
  return transport(req);
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
