/** Stops calling a source that keeps failing, then lets one trial request through after a pause. */
export interface BreakerOptions {
  /** Consecutive failed attempts that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before a trial request. */
  cooldownMs: number;
}

export interface CircuitBreaker {
  /** Returns undefined when a request may go, or the time (epoch ms) the circuit opens again. */
  blockedUntil(): number | undefined;
  success(): void;
  failure(reason: string): void;
  readonly lastFailure: string | undefined;
}

export function createCircuitBreaker(opts: BreakerOptions, now: () => number): CircuitBreaker {
  let failures = 0;
  let openUntil: number | undefined;
  let lastFailure: string | undefined;
  return {
    blockedUntil() {
      if (openUntil === undefined) return undefined;
      if (now() >= openUntil) {
        // Half-open: let one request through; one more failure re-opens at once.
        openUntil = undefined;
        failures = Math.max(0, opts.failureThreshold - 1);
        return undefined;
      }
      return openUntil;
    },
    success() {
      failures = 0;
      openUntil = undefined;
    },
    failure(reason) {
      lastFailure = reason;
      failures++;
      if (failures >= opts.failureThreshold) openUntil = now() + opts.cooldownMs;
    },
    get lastFailure() {
      return lastFailure;
    },
  };
}
