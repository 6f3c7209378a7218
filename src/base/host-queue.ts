import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";

/** Politeness per host: requests in flight at once and spacing between their starts. */
export interface PerHostLimit {
  concurrency: number;
  minIntervalMs: number;
}

export interface HostQueue {
  /** Runs one request to `host` when the host and the overall limit allow it. */
  run<T>(host: string, request: () => Promise<T>): Promise<T>;
}

/**
 * One rate limiter per host (the sources' limiter: FIFO semaphore + minimum spacing) plus an
 * overall cap on requests in flight. A request holds one host slot and one overall slot, taken in
 * that order, so nothing can deadlock.
 */
export function createHostQueue(opts: {
  perHost: PerHostLimit;
  /** Requests in flight over all hosts (default 8). */
  concurrency?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): HostQueue {
  const platform = {
    now: opts.now ?? Date.now,
    sleep: opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
  };
  const overall = createRateLimiter(
    { concurrency: opts.concurrency ?? 8, minIntervalMs: 0 },
    platform,
  );
  const hosts = new Map<string, RateLimiter>();
  return {
    async run(host, request) {
      let limiter = hosts.get(host);
      if (!limiter) {
        limiter = createRateLimiter(opts.perHost, platform);
        hosts.set(host, limiter);
      }
      const releaseHost = await limiter.acquire();
      try {
        const releaseAll = await overall.acquire();
        try {
          return await request();
        } finally {
          releaseAll();
        }
      } finally {
        releaseHost();
      }
    },
  };
}

/** The host a URL's requests are counted against (`example.org:8080`). */
export function hostKey(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Not a URL: one queue for every such link (they fail on their own later).
    return "";
  }
}
