/** The safe fetcher's contract: its options, what a fetch answers, how it resolves and connects. */
import type { Duplex } from "node:stream";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → addresses. Production: the system resolver (`dns.lookup`, all addresses). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** Where a connection goes: the already-checked IP; `host` is the name (TLS SNI, Host header). */
export interface ConnectTarget {
  address: string;
  family: 4 | 6;
  port: number;
  host: string;
  tls: boolean;
}

/**
 * Opens a byte stream to exactly `target.address`. It must never resolve names itself: the
 * address it receives is the one that was checked. Production: `nodeConnector`.
 */
export type Connector = (target: ConnectTarget) => Duplex;

export interface SafeFetcherOptions {
  /**
   * Hosts the user allows although they are special (loopback, private…): a host name as written
   * in URLs (`intranet.local`, allowing whatever it resolves to) or an IP address (`127.0.0.1`,
   * `::1`, allowing connections to that address whatever name led there).
   */
  allowHosts?: string[];
  resolve?: Resolver;
  connect?: Connector;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Bytes of body kept, after decompression (default 20 MiB). */
  maxBytes?: number;
  /** Time for the whole fetch, every redirect hop included (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
  now?: () => number;
}

export interface FetchOptions {
  method?: "GET" | "HEAD";
  /** The Accept header (default: HTML first, then anything). */
  accept?: string;
  maxBytes?: number;
  timeoutMs?: number;
  /** `truncate` (default): keep the first maxBytes and say `truncated`; `error`: TooLargeError. */
  onTooLarge?: "truncate" | "error";
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The URL as asked for (normalised by the URL parser). */
  url: string;
  /** The URL that gave the final answer, after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers, lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body was longer than maxBytes and was cut there. */
  truncated: boolean;
  /** Every URL that answered with a redirect, in order (empty when there was none). */
  redirects: string[];
  /** When the final answer arrived (epoch ms, from `now`). */
  fetchedAt: number;
}

/** A connection that would be made: the outcome of checking a URL. */
export interface CheckedTarget extends ConnectTarget {
  url: URL;
}

export interface SafeFetcher {
  /**
   * Fetches a user-given URL: http/https only, every address checked before connecting and on
   * every redirect hop, limits on redirects, size and time. Non-2xx answers are results, not
   * errors. Throws BlockedUrlError, TooLargeError, TimeoutError, TooManyRedirectsError or
   * NetworkError.
   */
  fetchUrl(url: string, options?: FetchOptions): Promise<FetchResult>;
  /** The decision alone: where a fetch of `url` would connect, or BlockedUrlError. */
  check(url: string): Promise<CheckedTarget>;
}
