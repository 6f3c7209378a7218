/** Limits how many requests run at once and how soon one may start after the previous one. */
export interface RateLimit {
  /** Requests in flight at the same time. */
  concurrency: number;
  /**
   * Minimum milliseconds from the END of one request (its whole answer read, or its failure) to
   * the start of the next. Measured from the end, not the start, so the gap between two requests'
   * arrivals at the server is never shorter than this, however long connecting or answering took
   * (measured from starts, a slow first connection let S2 see two requests 849 ms apart).
   */
  minIntervalMs: number;
}

export interface RateLimiter {
  /** Waits for a slot; call the returned function when the request is done (answer read). */
  acquire(): Promise<() => void>;
}

/**
 * A per-host limiter: a FIFO semaphore plus a minimum gap after each request ends (and, with
 * more than one slot, between starts). Uses the injected clock and sleep, so tests run
 * instantly and can read the requested waits.
 */
export function createRateLimiter(
  limit: RateLimit,
  platform: { now: () => number; sleep: (ms: number) => Promise<void> },
): RateLimiter {
  const concurrency = Math.max(1, Math.floor(limit.concurrency));
  let active = 0;
  const waiting: (() => void)[] = [];
  let nextStart = Number.NEGATIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;

  const release = () => {
    lastEnd = platform.now();
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
      // With one slot (every source), lastEnd is the previous request's end.
      const now = platform.now();
      const start = Math.max(now, nextStart, lastEnd + limit.minIntervalMs);
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
