import {
  type ErrorCode,
  FetchError,
  familyHasInstance,
  type JingduErrorOptions,
  NetworkError,
  type RequestInfo,
  TimeoutError,
} from "../../core/index.js";

// One NetworkError and one TimeoutError for the sources and the safe fetcher: core's.
export { NetworkError, type RequestInfo, TimeoutError };

/**
 * Base class of every error a source client throws; carries the request it is about. Core's
 * NetworkError and TimeoutError made for a source's request count as SourceErrors too
 * (`instanceof SourceError` holds for them), so callers catch every failed request with one check.
 */
export class SourceError extends FetchError {
  declare readonly request: RequestInfo;
  constructor(
    code: ErrorCode,
    request: RequestInfo,
    message: string,
    opts: JingduErrorOptions & { transient?: boolean } = {},
  ) {
    super(code, request, message, opts);
    this.name = "SourceError";
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked (a subclass keeps the plain check)
    return familyHasInstance(SourceError, this, value, true);
  }
}

/** The server answered with a status outside 2xx (after retries, when it was retryable). */
export class HttpError extends SourceError {
  readonly status: number;
  readonly body: string;
  constructor(request: RequestInfo, status: number, body: string, hint?: string) {
    const excerpt = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    super("http-error", request, `HTTP ${status}${excerpt ? `: ${excerpt.trim()}` : ""}`, {
      ...(hint === undefined ? {} : { hint }),
      transient: status === 429 || status >= 500,
    });
    this.name = "HttpError";
    this.status = status;
    this.body = body;
  }
}

/** The answer arrived but is not what the API documents (bad JSON, unexpected shape). */
export class ResponseFormatError extends SourceError {
  readonly body: string;
  constructor(request: RequestInfo, detail: string, body: string) {
    super("bad-response", request, `unexpected response: ${detail}`, {
      hint: "Nothing was stored from this response. Try again later; if it persists, the API changed.",
    });
    this.name = "ResponseFormatError";
    this.body = body;
  }
}

/** Too many failures in a row: the source is paused until `until` (epoch ms). */
export class CircuitOpenError extends SourceError {
  readonly until: number;
  /** The last failure before the circuit opened (`no answer within 12000 ms`, `HTTP 503`). */
  readonly reason: string;
  constructor(request: RequestInfo, until: number, reason: string) {
    super("source-paused", request, `paused after repeated failures (${reason})`, {
      hint: "The source is failing; jingdu stopped asking it for a while. Try again later.",
      transient: true,
    });
    this.name = "CircuitOpenError";
    this.until = until;
    this.reason = reason;
  }
}

/**
 * The source asked to wait longer than the client waits within a run (`Retry-After` past
 * `maxRetryAfterMs`): the source is left alone until `until` (epoch ms), for the rest of the run
 * and, remembered in `.jingdu/sources-state.json`, by later runs too.
 */
export class RetryAfterError extends SourceError {
  readonly status: number;
  readonly until: number;
  constructor(request: RequestInfo, status: number, waitMs: number, until: number) {
    super(
      "source-asks-to-wait",
      request,
      `HTTP ${status} with Retry-After ${Math.ceil(waitMs / 1000)} s: not asked again until ${new Date(until).toISOString()}`,
      {
        hint: "The source asked jingdu to wait; run again after that time (finished items are kept).",
        transient: true,
      },
    );
    this.name = "RetryAfterError";
    this.status = status;
    this.until = until;
  }
}

/** The library's config turned this source off (`sources.<name>.enabled: false`): never asked. */
export class SourceDisabledError extends SourceError {
  constructor(request: RequestInfo, setting: string) {
    super("source-disabled", request, `disabled in jingdu.yaml (${setting}: false); not asked`, {
      hint: `Remove \`${setting}: false\` from jingdu.yaml to use this source again.`,
    });
    this.name = "SourceDisabledError";
  }
}

/** The source asked earlier to be left alone until `until` (epoch ms): not asked before then. */
export class SourceOnHoldError extends SourceError {
  readonly until: number;
  constructor(request: RequestInfo, until: number, reason: string, hint?: string) {
    super(
      "source-on-hold",
      request,
      `not asked: left alone until ${new Date(until).toISOString()} (earlier: ${reason})`,
      { hint: hint ?? "Run again after that time.", transient: true },
    );
    this.name = "SourceOnHoldError";
    this.until = until;
  }
}

/** The source refuses this client (bilibili -412 risk control, S2 403 bad key). Do not retry soon. */
export class SourceBlockedError extends SourceError {
  constructor(request: RequestInfo, message: string, hint: string) {
    super("source-blocked", request, message, { hint });
    this.name = "SourceBlockedError";
  }
}

/** The API says the thing asked for does not exist. */
export class NotFoundError extends SourceError {
  constructor(request: RequestInfo, message: string) {
    super("not-found", request, message);
    this.name = "NotFoundError";
  }
}

export function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const code = (inner as { code?: string } | undefined)?.code;
    const innerMessage = inner instanceof Error ? inner.message : undefined;
    return code ?? innerMessage ?? cause.message;
  }
  return String(cause);
}

/** True for errors that mean "no connection at all" (as opposed to a server answering badly). */
export function isOfflineError(err: unknown): boolean {
  return err instanceof NetworkError;
}
