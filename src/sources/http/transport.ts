/**
 * How the polite client sends one attempt: a request in, status + headers + whole text out, or a
 * throw (no connection, reset, aborted, too large). The client around it keeps the timeout (the
 * signal), the pacing, retries, Retry-After and the breaker; a transport only moves bytes.
 *
 * `createNodeTransport()` is the one jingdu ships, on node:http(s) with a keep-alive Agent:
 * written by hand rather than `fetch` because undici's fetch (Request, Headers, a web stream per
 * body) was most of the client's own CPU time on 1,000 small API answers (docs/performance.md,
 * 2026-12-04); the few things fetch did for us are kept here: redirects (a policy of our own),
 * gzip/deflate/br, UTF-8 text, a size limit (the body is read by base/http-body.ts, the safe
 * fetcher's reader too). `fetchTransport(fetch)` wraps any fetch (a test's).
 */
import http from "node:http";
import https from "node:https";
import { DEFAULT_MAX_BODY_BYTES, headerRecord, readBody } from "../../base/index.js";
import { isWebUrl } from "../../core/index.js";

export interface TransportRequest {
  /** `GET` or `POST`. */
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the attempt (the client's timeout, or its caller's signal): the promise rejects. */
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names; repeated headers joined by ", " (as fetch's Headers do). */
  headers: Record<string, string>;
  text: string;
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export interface NodeTransportOptions {
  /** The longest answer read, after decompression (default 64 MiB): larger ones throw. */
  maxBytes?: number;
  /** Redirects followed (default 5); the last 3xx is answered as it is when there are more. */
  maxRedirects?: number;
  /** How long an idle kept-alive connection is kept (default 4 s, below servers' usual 5 s). */
  idleMs?: number;
  /**
   * Told the URL of every request before it is sent, the first and each redirect's; a throw
   * refuses it (tests' guard that nothing leaves 127.0.0.1, redirects included).
   */
  beforeRequest?: (url: string) => void;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** A fetch as a transport: the same contract (tests pass a fetch that only reaches 127.0.0.1). */
export function fetchTransport(fetch: typeof globalThis.fetch): Transport {
  return async (req) => {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      signal: req.signal,
    });
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { status: res.status, headers, text };
  };
}

/** The headers a redirect to another origin keeps: none that carries a credential. */
const CROSS_ORIGIN_HEADERS = new Set(["accept", "accept-language", "user-agent", "content-type"]);

function onlyHeaders(headers: Record<string, string>, names: ReadonlySet<string>) {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => names.has(k.toLowerCase())));
}

/**
 * node:http(s) with one keep-alive Agent per scheme. Redirects: only to http(s) URLs (the URL
 * policy), never from https down to http, at most `maxRedirects`, to another origin without the
 * request's credentials (cookie, API key, authorization); a 301/302/303 after a POST
 * becomes a GET without body (as browsers and fetch do). A request on a kept-alive connection
 * the server had just closed is sent once more on a new one (nothing of it was answered).
 * @example const transport = createNodeTransport(); createHttpClient({ …, transport })
 */
export function createNodeTransport(opts: NodeTransportOptions = {}): Transport {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxRedirects = opts.maxRedirects ?? 5;
  const agentOptions = { keepAlive: true, timeout: opts.idleMs ?? 4000 };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  return async function send(req) {
    let current = req;
    for (let hop = 0; ; hop++) {
      opts.beforeRequest?.(current.url);
      const res = await once(current, true);
      const location = res.headers.location;
      if (!REDIRECT.has(res.status) || location === undefined || hop >= maxRedirects) return res;
      const next = new URL(location, current.url);
      const downgrade = current.url.startsWith("https:") && next.protocol === "http:";
      if (!isWebUrl(next.href) || downgrade) return res;
      const asGet = current.method === "POST" && res.status !== 307 && res.status !== 308;
      const { "content-type": _type, ...kept } = current.headers;
      // To another origin only what names the client goes along: a login cookie, an API key or
      // an authorization is for the host it was written for (fetch drops them likewise).
      const sameOrigin = next.origin === new URL(current.url).origin;
      const carry = (h: Record<string, string>) =>
        sameOrigin ? h : onlyHeaders(h, CROSS_ORIGIN_HEADERS);
      current = asGet
        ? { method: "GET", url: next.href, headers: carry(kept), signal: req.signal }
        : { ...current, url: next.href, headers: carry(current.headers) };
    }
  };

  function once(req: TransportRequest, mayResend: boolean): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      const url = new URL(req.url);
      const lib = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
      if (!lib) {
        reject(new Error(`${url.protocol} is not http or https; not requested`));
        return;
      }
      if (req.signal.aborted) {
        reject(req.signal.reason);
        return;
      }
      const headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br" };
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
      if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
      let settled = false;
      let answered = false;
      const finish = (err: unknown, value?: TransportResponse) => {
        if (settled) return;
        settled = true;
        req.signal.removeEventListener("abort", onAbort);
        if (err === undefined && value) resolve(value);
        else reject(err);
      };
      const onAbort = () => {
        request.destroy();
        finish(req.signal.reason);
      };
      const request = lib.request(url, {
        method: req.method,
        headers,
        agent: agents[url.protocol as "http:" | "https:"],
      });
      req.signal.addEventListener("abort", onAbort, { once: true });
      request.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive connection closed by the server as this request went out: nothing was
        // answered, so it is sent once more on a fresh connection (undici does the same).
        const stale = request.reusedSocket && !answered && mayResend;
        if (stale && (err.code === "ECONNRESET" || err.code === "EPIPE")) {
          settled = true;
          req.signal.removeEventListener("abort", onAbort);
          once(req, false).then(resolve, reject);
        } else finish(err);
      });
      request.on("response", (res) => {
        answered = true;
        const out = headerRecord(res);
        res.on("aborted", () => finish(new Error("the connection closed before the answer ended")));
        readBody(res, out, maxBytes).then(({ body, truncated }) => {
          if (truncated) {
            request.destroy();
            finish(new Error(`the answer is larger than ${maxBytes} bytes; not read`));
            return;
          }
          const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
          // fetch's text() drops a byte-order mark; so does this (JSON.parse would fail on it).
          const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
          finish(undefined, { status: res.statusCode ?? 0, headers: out, text: unmarked });
        }, finish);
      });
      request.end(req.body);
    });
  }
}

let shared: Transport | undefined;
/** The process's one node transport (one pool of kept-alive connections for every source). */
export function defaultTransport(): Transport {
  shared ??= createNodeTransport();
  return shared;
}
