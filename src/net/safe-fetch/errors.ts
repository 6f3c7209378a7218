/**
 * What a safe fetch can fail with. Every error names the URL it was about; `code` is stable for
 * reports and tests.
 */
export class SafeFetchError extends Error {
  readonly code: string;
  readonly url: string;
  constructor(code: string, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SafeFetchError";
    this.code = code;
    this.url = url;
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
    super("blocked", url, `refused ${url}: ${describeBlockReason(reason)}`);
    this.name = "BlockedUrlError";
    this.reason = reason;
  }
}

/** The response is larger than the limit (only with `onTooLarge: "error"`). */
export class TooLargeError extends SafeFetchError {
  readonly limit: number;
  constructor(url: string, limit: number) {
    super("too-large", url, `${url}: response larger than ${limit} bytes`);
    this.name = "TooLargeError";
    this.limit = limit;
  }
}

export class TimeoutError extends SafeFetchError {
  readonly ms: number;
  constructor(url: string, ms: number) {
    super("timeout", url, `${url}: no complete answer within ${ms} ms`);
    this.name = "TimeoutError";
    this.ms = ms;
  }
}

export class TooManyRedirectsError extends SafeFetchError {
  readonly redirects: string[];
  constructor(url: string, redirects: string[]) {
    super("too-many-redirects", url, `${url}: more than ${redirects.length - 1} redirects`);
    this.name = "TooManyRedirectsError";
    this.redirects = redirects;
  }
}

/** DNS failure, connection refused or reset, TLS error, malformed response. */
export class NetworkError extends SafeFetchError {
  constructor(url: string, message: string, cause?: unknown) {
    super("network", url, `${url}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = "NetworkError";
  }
}
