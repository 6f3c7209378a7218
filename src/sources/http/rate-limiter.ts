/** Limits how many requests run at once and how soon one may start after the previous one. */
export interface RateLimit {
  /** Requests in flight at the same time. */
  concurrency: number;
  /** Minimum milliseconds between the starts of two requests. */
  minIntervalMs: number;
}

export interface RateLimiter {
  /** Waits for a slot; call the returned function when the request is done. */
  acquire(): Promise<() => void>;
}

/**
 * A per-host limiter: a FIFO semaphore plus a minimum spacing between starts.
 * Uses the injected clock and sleep, so tests run instantly and can read the requested waits.
 */
export function createRateLimiter(
  limit: RateLimit,
  platform: { now: () => number; sleep: (ms: number) => Promise<void> },
): RateLimiter {
  const concurrency = Math.max(1, Math.floor(limit.concurrency));
  let active = 0;
  const waiting: (() => void)[] = [];
  let nextStart = Number.NEGATIVE_INFINITY;

  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };

  return {
    async acquire() {
      if (active < concurrency) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      // Reserve the start time before sleeping so concurrent callers space out correctly.
      const now = platform.now();
      const start = Math.max(now, nextStart);
      nextStart = start + limit.minIntervalMs;
      if (start > now) await platform.sleep(start - now);
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release();
        }
      };
    },
  };
}
