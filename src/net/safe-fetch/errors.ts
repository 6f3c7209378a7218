import {
  type ErrorCode,
  FetchError,
  familyHasInstance,
  NetworkError,
  TimeoutError,
} from "../../core/index.js";

// One NetworkError and one TimeoutError for the safe fetcher and the sources: core's.
export { NetworkError, TimeoutError };

/**
 * What a safe fetch can fail with. Every error names the URL it was about; `code` is one of the
 * catalogue's. Core's NetworkError and TimeoutError about a bare URL (not a source's request)
 * count as SafeFetchErrors too.
 */
export class SafeFetchError extends FetchError {
  constructor(code: ErrorCode, url: string, detail: string, options?: { cause?: unknown }) {
    super(code, url, detail, options);
    this.name = "SafeFetchError";
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked (a subclass keeps the plain check)
    return familyHasInstance(SafeFetchError, this, value, false);
  }
}

/** Why a URL was refused before any byte was sent to it. */
export type BlockReason =
  | { kind: "scheme"; scheme: string }
  | { kind: "credentials" }
  | { kind: "invalid-url" }
  | { kind: "address"; host: string; address: string; range: string; name: string }
  | { kind: "no-address"; host: string };

export function describeBlockReason(reason: BlockReason): string {
  switch (reason.kind) {
    case "scheme":
      return `only http and https URLs are fetched, not ${reason.scheme}`;
    case "credentials":
      return "URLs with a user name or password are not fetched";
    case "invalid-url":
      return "not a valid URL";
    case "address":
      return reason.host === reason.address
        ? `${reason.address} is a ${reason.name} address (${reason.range})`
        : `${reason.host} resolves to ${reason.address}, a ${reason.name} address (${reason.range})`;
    case "no-address":
      return `${reason.host} resolves to no address`;
  }
}

/** The URL (or a redirect hop) points somewhere jingdu does not connect to. */
export class BlockedUrlError extends SafeFetchError {
  readonly reason: BlockReason;
  constructor(url: string, reason: BlockReason) {
    super("blocked", url, `refused: ${describeBlockReason(reason)}`);
    this.name = "BlockedUrlError";
    this.reason = reason;
  }
}

/** The response is larger than the limit (only with `onTooLarge: "error"`). */
export class TooLargeError extends SafeFetchError {
  readonly limit: number;
  constructor(url: string, limit: number) {
    super("too-large", url, `response larger than ${limit} bytes`);
    this.name = "TooLargeError";
    this.limit = limit;
  }
}

export class TooManyRedirectsError extends SafeFetchError {
  readonly redirects: string[];
  constructor(url: string, redirects: string[]) {
    super("too-many-redirects", url, `more than ${redirects.length - 1} redirects`);
    this.name = "TooManyRedirectsError";
    this.redirects = redirects;
  }
}
