import type { ErrorCode } from "./error-catalogue.js";
import { JingduError, type JingduErrorOptions } from "./errors.js";

/** The request of a metadata source an error is about: enough to name it in a message. */
export interface RequestInfo {
  source: string;
  method: string;
  url: string;
}

/**
 * What a fetch error is about: a source's request (sources/http) or a bare URL (net/safe-fetch,
 * user-given URLs). One shape, so that one NetworkError and one TimeoutError serve both.
 */
export type FetchTarget = RequestInfo | string;

function describe(target: FetchTarget): string {
  return typeof target === "string" ? target : `${target.source}: ${target.method} ${target.url}`;
}

/**
 * Base of every error about one fetch. `SourceError` (sources) and `SafeFetchError` (net) extend
 * it; the two that both layers throw, `NetworkError` and `TimeoutError`, are defined here and
 * count as either family by what they are about (see their `Symbol.hasInstance`).
 */
export class FetchError extends JingduError {
  readonly url: string;
  /** The source's request, when a metadata source made it; undefined for a safe fetch. */
  readonly request: RequestInfo | undefined;
  /** The message without the request: what went wrong, for one-line summaries. */
  readonly detail: string;
  /** True when trying again later may succeed (network, timeout, 429, 5xx). */
  readonly transient: boolean;
  constructor(
    code: ErrorCode,
    target: FetchTarget,
    detail: string,
    opts: JingduErrorOptions & { transient?: boolean } = {},
  ) {
    const { transient, ...rest } = opts;
    super(code, `${describe(target)}: ${detail}`, rest);
    this.name = "FetchError";
    this.url = typeof target === "string" ? target : target.url;
    this.request = typeof target === "string" ? undefined : target;
    this.detail = detail;
    this.transient = transient ?? false;
  }
}

/** The request never got an answer: DNS, refused connection, reset, TLS, a malformed answer. */
export class NetworkError extends FetchError {
  constructor(target: FetchTarget, detail: string, cause?: unknown) {
    super("network-error", target, detail, {
      transient: true,
      ...(cause === undefined ? {} : { cause }),
    });
    this.name = "NetworkError";
  }
}

/** No complete answer within the time limit. */
export class TimeoutError extends FetchError {
  readonly timeoutMs: number;
  constructor(target: FetchTarget, timeoutMs: number) {
    super("timeout", target, `no answer within ${timeoutMs} ms`, { transient: true });
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
  /** The same as `timeoutMs` (the safe fetcher's callers read `ms`). */
  get ms(): number {
    return this.timeoutMs;
  }
}

/**
 * `instanceof` for a family class (`SourceError`, `SafeFetchError`) whose members include core's
 * NetworkError and TimeoutError: its own subclasses by the prototype chain, and a FetchError of
 * core's by what it is about (`fromSource`: a source's request, else a bare URL). Subclasses of
 * the family keep the plain prototype check.
 */
export function familyHasInstance(
  family: abstract new (...args: never[]) => unknown,
  self: unknown,
  value: unknown,
  fromSource: boolean,
): boolean {
  if (typeof self === "function" && Function.prototype[Symbol.hasInstance].call(self, value))
    return true;
  return (
    self === family &&
    (value instanceof NetworkError || value instanceof TimeoutError) &&
    (value.request !== undefined) === fromSource
  );
}
