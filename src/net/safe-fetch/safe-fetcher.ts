import { lookup } from "node:dns/promises";
import { type ClientRequest, type IncomingMessage, request } from "node:http";
import { connect as netConnect } from "node:net";
import type { Duplex, Readable } from "node:stream";
import { connect as tlsConnect } from "node:tls";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import {
  BlockedUrlError,
  type BlockReason,
  NetworkError,
  SafeFetchError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
} from "./errors.js";
import { classifyAddress, isIpLiteral, parseIPv4, parseIPv6 } from "./ip-ranges.js";

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

export const DEFAULT_USER_AGENT = "jingdu/0.1 (+https://github.com/jingdu; reference snapshots)";
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const DEFAULT_ACCEPT =
  "text/html,application/xhtml+xml,application/pdf;q=0.9,image/*;q=0.8,*/*;q=0.5";

/** The system resolver: every address of the name, in the order the OS gives them. */
export const systemResolver: Resolver = async (host) => {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Connects to the checked IP only (never a name), with SNI set to the host name for HTTPS, and
 * refuses a socket whose peer is not that IP (defence in depth).
 */
export const nodeConnector: Connector = (target) => {
  const socket = target.tls
    ? tlsConnect({
        host: target.address,
        port: target.port,
        ...(isIpLiteral(target.host) ? {} : { servername: target.host }),
        ALPNProtocols: ["http/1.1"],
      })
    : netConnect({ host: target.address, port: target.port, family: target.family });
  socket.once("connect", () => {
    if (socket.remoteAddress !== undefined && !sameAddress(socket.remoteAddress, target.address)) {
      socket.destroy(new Error(`connected to ${socket.remoteAddress}, not ${target.address}`));
    }
  });
  return socket;
};

function addressBytes(text: string): Uint8Array | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return parseIPv4(bare) ?? parseIPv6(bare);
}

function sameAddress(a: string, b: string): boolean {
  const x = addressBytes(a);
  const y = addressBytes(b);
  if (!x || !y) return a === b;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * The one module every fetch of a user-given URL goes through.
 * @example
 * const fetcher = createSafeFetcher({ timeoutMs: 20_000 });
 * const res = await fetcher.fetchUrl("https://example.org/paper.pdf", { accept: "application/pdf" });
 */
export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetcher {
  const resolve = options.resolve ?? systemResolver;
  const connect = options.connect ?? nodeConnector;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const now = options.now ?? Date.now;
  const allowedNames = new Set<string>();
  const allowedAddresses: string[] = [];
  for (const entry of options.allowHosts ?? []) {
    const e = entry.trim().toLowerCase();
    if (addressBytes(e)) allowedAddresses.push(e);
    else allowedNames.add(e);
  }
  const addressAllowed = (a: string) => allowedAddresses.some((x) => sameAddress(x, a));

  async function check(raw: string): Promise<CheckedTarget> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new BlockedUrlError(raw, { kind: "invalid-url" });
    }
    const href = url.href;
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new BlockedUrlError(href, { kind: "scheme", scheme: url.protocol.replace(/:$/, "") });
    }
    if (url.username !== "" || url.password !== "") {
      throw new BlockedUrlError(href, { kind: "credentials" });
    }
    const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    const nameAllowed = allowedNames.has(host);
    let addresses: ResolvedAddress[];
    if (isIpLiteral(host)) {
      addresses = [{ address: host, family: parseIPv4(host) ? 4 : 6 }];
    } else {
      try {
        addresses = await resolve(host);
      } catch (err) {
        throw new NetworkError(href, `cannot resolve ${host}`, err);
      }
    }
    if (addresses.length === 0) throw new BlockedUrlError(href, { kind: "no-address", host });
    if (!nameAllowed) {
      // One special address among the answers refuses the host: no "pick the public one" games.
      for (const a of addresses) {
        if (addressAllowed(a.address)) continue;
        const c = classifyAddress(a.address);
        if (!c.public) {
          const reason: BlockReason = {
            kind: "address",
            host,
            address: a.address,
            range: c.range,
            name: c.name,
          };
          throw new BlockedUrlError(href, reason);
        }
      }
    }
    const first = addresses[0] as ResolvedAddress;
    const tls = url.protocol === "https:";
    const port = url.port === "" ? (tls ? 443 : 80) : Number(url.port);
    return { url, address: first.address, family: first.family, port, host, tls };
  }

  async function fetchUrl(raw: string, opts: FetchOptions = {}): Promise<FetchResult> {
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs ?? 30_000;
    const maxBytes = opts.maxBytes ?? options.maxBytes ?? 20 * 1024 * 1024;
    const method = opts.method ?? "GET";
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new TimeoutError(raw, timeoutMs)),
      Math.max(1, timeoutMs),
    );
    const onOuterAbort = () => deadline.abort(opts.signal?.reason);
    opts.signal?.addEventListener("abort", onOuterAbort, { once: true });
    const signal = deadline.signal;
    const redirects: string[] = [];
    let current = raw;
    let startUrl: string | undefined;
    try {
      for (;;) {
        const target = await raceAbort(check(current), signal);
        startUrl ??= target.url.href;
        const res = await raceAbort(
          sendOnce(target, { method, accept: opts.accept ?? DEFAULT_ACCEPT, userAgent }, signal),
          signal,
        );
        const location = res.message.headers.location;
        if (REDIRECT.has(res.status) && location !== undefined && location !== "") {
          res.close();
          redirects.push(target.url.href);
          if (redirects.length > maxRedirects) {
            throw new TooManyRedirectsError(startUrl, [...redirects]);
          }
          let next: URL;
          try {
            next = new URL(location, target.url);
          } catch {
            throw new NetworkError(target.url.href, `invalid redirect location ${location}`);
          }
          next.hash = "";
          current = next.href;
          continue;
        }
        const headers = headerRecord(res.message);
        const declared = Number(headers["content-length"]);
        if (opts.onTooLarge === "error" && Number.isFinite(declared) && declared > maxBytes) {
          res.close();
          throw new TooLargeError(target.url.href, maxBytes);
        }
        const { body, truncated } =
          method === "HEAD"
            ? { body: new Uint8Array(0), truncated: false }
            : await raceAbort(readBody(res.message, headers, maxBytes), signal);
        res.close();
        if (truncated && opts.onTooLarge === "error") {
          throw new TooLargeError(target.url.href, maxBytes);
        }
        return {
          url: startUrl,
          finalUrl: target.url.href,
          status: res.status,
          headers,
          body,
          truncated,
          redirects,
          fetchedAt: now(),
        };
      }
    } catch (err) {
      if (signal.aborted) {
        const reason: unknown = signal.reason;
        if (reason instanceof TimeoutError) throw new TimeoutError(startUrl ?? raw, timeoutMs);
        throw reason ?? err;
      }
      if (err instanceof SafeFetchError) throw err;
      throw new NetworkError(current, err instanceof Error ? err.message : String(err), err);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  interface Sent {
    status: number;
    message: IncomingMessage;
    close(): void;
  }

  function sendOnce(
    target: CheckedTarget,
    h: { method: string; accept: string; userAgent: string },
    signal: AbortSignal,
  ): Promise<Sent> {
    return new Promise<Sent>((resolvePromise, reject) => {
      // Connect first, with the checked address: a connector that throws fails this fetch.
      const socket = connect({
        address: target.address,
        family: target.family,
        port: target.port,
        host: target.host,
        tls: target.tls,
      });
      let req: ClientRequest | undefined;
      const destroy = () => {
        req?.destroy();
        socket.destroy();
      };
      const onAbort = () => destroy();
      signal.addEventListener("abort", onAbort, { once: true });
      req = request({
        createConnection: () => socket as never,
        method: h.method,
        path: `${target.url.pathname}${target.url.search}`,
        setHost: false,
        headers: {
          host: target.url.host,
          "user-agent": h.userAgent,
          accept: h.accept,
          "accept-encoding": "gzip, deflate, br",
          "accept-language": "zh-CN,zh;q=0.9,en;q=0.8",
          connection: "close",
        },
      });
      req.on("error", (err) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      });
      req.on("response", (message) => {
        resolvePromise({
          status: message.statusCode ?? 0,
          message,
          close: () => {
            signal.removeEventListener("abort", onAbort);
            message.resume();
            destroy();
          },
        });
      });
      req.end();
    });
  }

  return { fetchUrl, check };
}

function headerRecord(message: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/** Reads (and decompresses) at most maxBytes of the body, then stops reading. */
async function readBody(
  message: IncomingMessage,
  headers: Record<string, string>,
  maxBytes: number,
): Promise<{ body: Uint8Array; truncated: boolean }> {
  const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
  let stream: Readable = message;
  if (encoding === "gzip" || encoding === "x-gzip") stream = message.pipe(createGunzip());
  else if (encoding === "deflate") stream = message.pipe(createInflate());
  else if (encoding === "br") stream = message.pipe(createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    if (size + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  if (stream !== message) stream.destroy();
  const out = Buffer.concat(chunks, size);
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), truncated };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolvePromise(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
