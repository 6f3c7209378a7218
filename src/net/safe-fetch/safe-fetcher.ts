import { type ClientRequest, type IncomingMessage, request } from "node:http";
import { headerRecord, readBody } from "../../base/index.js";
import { addressBytes, nodeConnector, sameAddress, systemResolver } from "./connect.js";
import {
  BlockedUrlError,
  type BlockReason,
  NetworkError,
  SafeFetchError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
} from "./errors.js";
import type {
  CheckedTarget,
  FetchOptions,
  FetchResult,
  ResolvedAddress,
  SafeFetcher,
  SafeFetcherOptions,
} from "./fetch-types.js";
import { classifyAddress, isIpLiteral, parseIPv4 } from "./ip-ranges.js";
import { raceAbort } from "./response-body.js";

export const DEFAULT_USER_AGENT = "jingdu/0.1 (+https://github.com/jingdu; reference snapshots)";
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const DEFAULT_ACCEPT =
  "text/html,application/xhtml+xml,application/pdf;q=0.9,image/*;q=0.8,*/*;q=0.5";

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
