/**
 * Stops calling a source that keeps failing, then lets one trial request through after a pause.
 * Timeouts count twice over: a source that does not answer at all costs a full timeout per try,
 * so a short run of them opens the circuit sooner than other failures do (a hanging S2 once cost
 * 280 s before anything stopped asking it).
 */
export interface BreakerOptions {
  /** Consecutive failed attempts (any kind) that open the circuit. */
  failureThreshold: number;
  /** Consecutive timeouts that open the circuit (default: failureThreshold). */
  timeoutThreshold?: number;
  /** How long the circuit stays open before a trial request. */
  cooldownMs: number;
}

export interface CircuitBreaker {
  /** Returns undefined when a request may go, or the time (epoch ms) the circuit opens again. */
  blockedUntil(): number | undefined;
  success(): void;
  /** One failed attempt; `timeout` when it got no complete answer in time. */
  failure(reason: string, kind?: "timeout" | "other"): void;
  readonly lastFailure: string | undefined;
}

/** A breaker on the injected clock. */
export function createCircuitBreaker(opts: BreakerOptions, now: () => number): CircuitBreaker {
  const timeoutThreshold = opts.timeoutThreshold ?? opts.failureThreshold;
  let failures = 0;
  let timeouts = 0;
  let openUntil: number | undefined;
  let lastFailure: string | undefined;
  return {
    blockedUntil() {
      if (openUntil === undefined) return undefined;
      if (now() >= openUntil) {
        // Half-open: let one request through; one more failure re-opens at once.
        openUntil = undefined;
        failures = Math.max(0, opts.failureThreshold - 1);
        timeouts = Math.max(0, timeoutThreshold - 1);
        return undefined;
      }
      return openUntil;
    },
    success() {
      failures = 0;
      timeouts = 0;
      openUntil = undefined;
    },
    failure(reason, kind = "other") {
      lastFailure = reason;
      failures++;
      timeouts = kind === "timeout" ? timeouts + 1 : 0;
      if (failures >= opts.failureThreshold || timeouts >= timeoutThreshold)
        openUntil = now() + opts.cooldownMs;
    },
    get lastFailure() {
      return lastFailure;
    },
  };
}
