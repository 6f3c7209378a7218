/**
 * One HTTP/1.1 exchange over a kept-alive plain TCP connection (`http:` URLs: a local fake, a
 * mirror on the loopback), without node:http's ClientRequest, Agent and IncomingMessage: for
 * 1,000 small API answers those were most of the client's own CPU (docs/performance.md,
 * 2026-12-06). It writes the request in one write and reads the answer framed by Content-Length,
 * chunked encoding or the connection's end; gzip/deflate/br are undone whole, capped at
 * `maxBytes`. A connection is kept for the next request of its host unless the answer said
 * `connection: close`, was framed by the end, or was HTTP/1.0. `https:` goes through node:https.
 * Held equal to node:http over many random answers by plain-http.test.ts.
 */
import net from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { TransportRequest, TransportResponse } from "./transport.js";

export interface PlainHttpOptions {
  maxBytes: number;
  idleMs: number;
}

/** What a header name may be (RFC 9110 token) and what a value may not hold. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UNSAFE_VALUE = /[\r\n\0]/;
const CRLF2 = Buffer.from("\r\n\r\n");

class AnswerError extends Error {}

/** A parsed answer head: status, headers (lower-case, repeated ones joined by ", "). */
function parseHead(text: string): {
  status: number;
  version: string;
  headers: Record<string, string>;
} {
  const lines = text.split("\r\n");
  const m = /^HTTP\/(1\.[01]) (\d{3})(?: .*)?$/.exec(lines[0] ?? "");
  if (!m)
    throw new AnswerError(
      `not an HTTP/1.x answer: ${JSON.stringify((lines[0] ?? "").slice(0, 80))}`,
    );
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(":");
    if (colon <= 0)
      throw new AnswerError(`a header line without a name: ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { status: Number(m[2]), version: m[1] as string, headers };
}

/** Undoes the content encoding, capped: a body that grows past `maxBytes` is refused. */
function decode(body: Buffer, encoding: string, maxBytes: number): Buffer {
  const e = encoding.trim().toLowerCase();
  const opts = { maxOutputLength: maxBytes };
  try {
    if (e === "gzip" || e === "x-gzip") return gunzipSync(body, opts);
    if (e === "deflate") return inflateSync(body, opts);
    if (e === "br") return brotliDecompressSync(body, opts);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new AnswerError(`the answer is larger than ${maxBytes} bytes; not read`);
    throw err;
  }
  return body;
}

/**
 * Reads a chunked body from `buf` at `at`: the body and where it ended, or undefined when more
 * bytes are needed. Trailers are read and dropped.
 */
function readChunked(
  buf: Buffer,
  at: number,
  maxBytes: number,
): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let size = 0;
  let pos = at;
  for (;;) {
    const eol = buf.indexOf("\r\n", pos);
    if (eol < 0) return undefined;
    const sizeText = buf.toString("latin1", pos, eol).split(";")[0]?.trim() ?? "";
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) throw new AnswerError("a chunk without a size");
    const n = Number.parseInt(sizeText, 16);
    if (n === 0) {
      // Trailers, then an empty line.
      let t = eol + 2;
      for (;;) {
        const next = buf.indexOf("\r\n", t);
        if (next < 0) return undefined;
        if (next === t) return { body: Buffer.concat(parts, size), end: next + 2 };
        t = next + 2;
      }
    }
    if (buf.length < eol + 2 + n + 2) return undefined;
    if (size + n > maxBytes)
      throw new AnswerError(`the answer is larger than ${maxBytes} bytes; not read`);
    parts.push(buf.subarray(eol + 2, eol + 2 + n));
    size += n;
    if (buf[eol + 2 + n] !== 0x0d || buf[eol + 3 + n] !== 0x0a)
      throw new AnswerError("a chunk not ended by CRLF");
    pos = eol + 4 + n;
  }
}

/**
 * A sender of plain-HTTP exchanges with its own pool of idle connections (one list per host).
 * @example const send = createPlainHttp({ maxBytes, idleMs: 4000 }); await send(req, new URL(req.url))
 */
export function createPlainHttp(
  opts: PlainHttpOptions,
): (req: TransportRequest, url: URL) => Promise<TransportResponse> {
  const idle = new Map<string, net.Socket[]>();
  const onIdleError = () => undefined;
  /** Connections that have their pool listeners (added once, not per answer). */
  const pooled = new WeakSet<net.Socket>();

  function take(host: string): net.Socket | undefined {
    const list = idle.get(host);
    for (let s = list?.pop(); s; s = list?.pop()) {
      if (!s.destroyed && s.readyState === "open") {
        s.setTimeout(0);
        s.ref();
        return s;
      }
    }
    return undefined;
  }

  function keep(host: string, socket: net.Socket): void {
    const list = idle.get(host) ?? [];
    idle.set(host, list);
    list.push(socket);
    // Idle, it keeps no process alive and goes after idleMs (below servers' usual 5 s).
    socket.unref();
    socket.setTimeout(opts.idleMs);
    if (pooled.has(socket)) return;
    pooled.add(socket);
    socket.on("timeout", () => socket.destroy());
    socket.once("close", () => {
      const at = list.indexOf(socket);
      if (at >= 0) list.splice(at, 1);
    });
  }

  function head(req: TransportRequest, url: URL): Buffer {
    const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
    const headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br" };
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
    if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
    headers.connection = "keep-alive";
    for (const [k, v] of Object.entries(headers)) {
      // As node:http refuses them: no header a name or value could split into two.
      if (!TOKEN.test(k) || UNSAFE_VALUE.test(v))
        throw new TypeError(`invalid header ${JSON.stringify(k)}`);
      lines.push(`${k}: ${v}`);
    }
    return Buffer.from(`${lines.join("\r\n")}\r\n\r\n${req.body ?? ""}`);
  }

  function exchange(
    req: TransportRequest,
    url: URL,
    mayResend: boolean,
  ): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      if (req.signal.aborted) {
        reject(req.signal.reason);
        return;
      }
      const host = url.host;
      const bytes = head(req, url);
      const reused = take(host);
      const socket =
        reused ??
        net
          .connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 80) })
          .setNoDelay(true);
      let chunks: Buffer[] = [];
      let got = 0;
      let settled = false;
      const done = (err: unknown, value?: TransportResponse, keepIt = false) => {
        if (settled) return;
        settled = true;
        req.signal.removeEventListener("abort", onAbort);
        socket.off("data", onData);
        socket.off("error", onError);
        socket.off("close", onClose);
        socket.off("end", onEnd);
        if (keepIt) {
          socket.on("error", onIdleError);
          keep(host, socket);
        } else socket.destroy();
        if (err === undefined && value) resolve(value);
        else reject(err);
      };
      const onAbort = () => done(req.signal.reason);
      // A kept-alive connection the server had closed as this went out: nothing was answered,
      // so it is sent once more on a fresh connection (as node:http's transport did).
      const resendOrFail = (err: unknown) => {
        if (reused && got === 0 && mayResend && !settled) {
          settled = true;
          req.signal.removeEventListener("abort", onAbort);
          socket.destroy();
          exchange(req, url, false).then(resolve, reject);
        } else done(err);
      };
      const onError = (err: Error) => resendOrFail(err);
      let ended = false;
      const onEnd = () => {
        ended = true;
        if (got === 0) resendOrFail(new Error("the connection closed before the answer ended"));
        else tryFinish();
      };
      const onClose = () => {
        if (!settled) resendOrFail(new Error("the connection closed before the answer ended"));
      };
      const onData = (chunk: Buffer) => {
        got += chunk.length;
        chunks.push(chunk);
        if (got > opts.maxBytes + 64 * 1024 && !ended) {
          // Past the cap with any head and framing: refused (the decoded size is checked too).
          done(new Error(`the answer is larger than ${opts.maxBytes} bytes; not read`));
          return;
        }
        tryFinish();
      };
      function tryFinish(): void {
        try {
          const answer = parse();
          if (answer) done(undefined, answer.res, answer.keep);
          else if (ended) done(new Error("the connection closed before the answer ended"));
        } catch (err) {
          done(err);
        }
      }
      function parse(): { res: TransportResponse; keep: boolean } | undefined {
        let buf = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        chunks = [buf];
        for (;;) {
          const headEnd = buf.indexOf(CRLF2);
          if (headEnd < 0) return undefined;
          const h = parseHead(buf.toString("latin1", 0, headEnd));
          const start = headEnd + 4;
          // An interim answer (100 Continue, 103 Early Hints): the real one follows.
          if (h.status >= 100 && h.status < 200) {
            buf = buf.subarray(start);
            chunks = [buf];
            continue;
          }
          let body: Buffer;
          let keepIt = h.version === "1.1" && !/\bclose\b/i.test(h.headers.connection ?? "");
          const te = h.headers["transfer-encoding"];
          const cl = h.headers["content-length"];
          if (req.method === "HEAD" || h.status === 204 || h.status === 304) {
            body = Buffer.alloc(0);
            if (buf.length > start) keepIt = false;
          } else if (te !== undefined) {
            if (!/^chunked$/i.test(te.split(",").at(-1)?.trim() ?? ""))
              throw new AnswerError(`a transfer encoding this client does not read: ${te}`);
            const c = readChunked(buf, start, opts.maxBytes);
            if (!c) return undefined;
            body = c.body;
            if (c.end !== buf.length) keepIt = false;
          } else if (cl !== undefined) {
            if (!/^\d+$/.test(cl))
              throw new AnswerError(`a content length that is no number: ${cl}`);
            const n = Number(cl);
            if (n > opts.maxBytes && !h.headers["content-encoding"])
              throw new AnswerError(`the answer is larger than ${opts.maxBytes} bytes; not read`);
            if (buf.length < start + n) return undefined;
            body = buf.subarray(start, start + n);
            if (buf.length !== start + n) keepIt = false;
          } else {
            // Framed by the connection's end.
            if (!ended) return undefined;
            body = buf.subarray(start);
            keepIt = false;
          }
          const encoding = h.headers["content-encoding"];
          const decoded = encoding ? decode(body, encoding, opts.maxBytes) : body;
          if (decoded.length > opts.maxBytes)
            throw new AnswerError(`the answer is larger than ${opts.maxBytes} bytes; not read`);
          const text = decoded.toString("utf8");
          // fetch's text() drops a byte-order mark; so does this (JSON.parse would fail on it).
          const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
          return { res: { status: h.status, headers: h.headers, text: unmarked }, keep: keepIt };
        }
      }
      req.signal.addEventListener("abort", onAbort, { once: true });
      socket.on("data", onData);
      socket.on("error", onError);
      socket.on("end", onEnd);
      socket.on("close", onClose);
      socket.off("error", onIdleError);
      socket.write(bytes);
    });
  }

  return (req, url) => exchange(req, url, true);
}
