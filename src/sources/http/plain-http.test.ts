/**
 * The lighter plain-HTTP exchange (plain-http.ts) against node:http (the plain path): the same
 * status, text and headers for many random answers of a raw TCP server on 127.0.0.1 — framed by
 * Content-Length, chunks (random sizes, extensions, trailers) or the connection's end, HTTP/1.0
 * and 1.1, compressed or not, after an interim 100, written in random pieces — over kept-alive
 * and fresh connections alike.
 */
import net from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createNodeTransport, type TransportRequest } from "./transport.js";

/** A small deterministic random source (the cases are the same in every run). */
function randomFrom(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

const TEXTS = [
  '{"ok":true}',
  "精读 notes",
  '\ufeff{"bom":1}',
  "",
  "x".repeat(3000),
  "a\r\nb\r\n\r\nc",
];

/** The answer to case `n`: its bytes (head and body) and whether the connection ends after. */
function answer(n: number): { bytes: Buffer; close: boolean } {
  const random = randomFrom(n + 1);
  const text = `${TEXTS[random(TEXTS.length)]}${n}`;
  const encoding = ["", "", "gzip", "deflate", "br"][random(5)] as string;
  const raw = Buffer.from(text);
  const body =
    encoding === "gzip"
      ? gzipSync(raw)
      : encoding === "deflate"
        ? deflateSync(raw)
        : encoding === "br"
          ? brotliCompressSync(raw)
          : raw;
  const version = random(6) === 0 ? "1.0" : "1.1";
  const framing =
    version === "1.0" ? ["length", "end"][random(2)] : ["length", "chunked", "end"][random(3)];
  const status = [200, 200, 201, 404, 500, 302][random(6)] as number;
  const lines = [`HTTP/${version} ${status} Whatever`];
  const interim = version === "1.1" && random(8) === 0 ? "HTTP/1.1 100 Continue\r\n\r\n" : "";
  lines.push("Content-Type: application/json; charset=utf-8");
  if (random(2) === 0) lines.push("x-dup: one", "X-Dup:  two ");
  if (status === 302) lines.push("Location: /elsewhere");
  if (encoding) lines.push(`Content-Encoding: ${encoding}`);
  let payload = body;
  if (framing === "length") lines.push(`Content-Length: ${body.length}`);
  if (framing === "chunked") {
    lines.push("Transfer-Encoding: chunked");
    const parts: Buffer[] = [];
    for (let at = 0; at < body.length; ) {
      const size = Math.min(body.length - at, 1 + random(700));
      const ext = random(4) === 0 ? ";name=value" : "";
      parts.push(
        Buffer.from(`${size.toString(16)}${ext}\r\n`),
        body.subarray(at, at + size),
        Buffer.from("\r\n"),
      );
      at += size;
    }
    parts.push(Buffer.from(random(3) === 0 ? "0\r\nx-trailer: t\r\n\r\n" : "0\r\n\r\n"));
    payload = Buffer.concat(parts);
  }
  const close = framing === "end" || random(7) === 0;
  if (close && framing !== "end") lines.push("Connection: close");
  const head = `${interim}${lines.join("\r\n")}\r\n\r\n`;
  return { bytes: Buffer.concat([Buffer.from(head, "latin1"), payload]), close };
}

let server: net.Server;
/** The connections each client (by its User-Agent) sent requests on. */
const connections = new Map<string, Set<net.Socket>>();
let base: string;
beforeAll(async () => {
  server = net.createServer((socket) => {
    let pending = Buffer.alloc(0);
    let busy = false;
    const next = async () => {
      const end = pending.indexOf("\r\n\r\n");
      if (busy || end < 0) return;
      busy = true;
      const line = pending.toString("latin1", 0, pending.indexOf("\r\n"));
      const agent = /user-agent: (\w+)/i.exec(pending.toString("latin1", 0, end))?.[1] ?? "";
      const mine = connections.get(agent) ?? new Set();
      connections.set(agent, mine.add(socket));
      pending = pending.subarray(end + 4);
      const n = Number(/\/case\/(\d+)/.exec(line)?.[1] ?? 0);
      const { bytes, close } = answer(n);
      // Written in random pieces, a turn of the event loop apart.
      const random = randomFrom(n + 7);
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + random(Math.max(1, Math.ceil(bytes.length / 2)));
        socket.write(bytes.subarray(at, at + size));
        at += size;
        await new Promise((r) => setImmediate(r));
      }
      if (close) socket.end();
      busy = false;
      void next();
    };
    socket.on("data", (c: Buffer) => {
      pending = Buffer.concat([pending, c]);
      void next();
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

it("answers as node:http does over 300 random answers, kept-alive and fresh", async () => {
  const light = createNodeTransport({ maxRedirects: 0, maxBytes: 1 << 20 });
  const plain = createNodeTransport({ maxRedirects: 0, maxBytes: 1 << 20, lightHttp: false });
  const ask = (t: typeof light, n: number) => {
    const req: TransportRequest = {
      method: "GET",
      url: `${base}/case/${n}?q=${n}`,
      headers: { "User-Agent": t === light ? "light" : "plain" },
      signal: new AbortController().signal,
    };
    return t(req);
  };
  for (let n = 0; n < 300; n++) {
    const [a, b] = [await ask(light, n), await ask(plain, n)];
    expect([n, a.status, a.text]).toEqual([n, b.status, b.text]);
    for (const h of ["content-type", "content-encoding", "location", "x-dup"])
      expect([n, h, a.headers[h]]).toEqual([n, h, b.headers[h]]);
  }
  // A connection is kept for the next request exactly when node:http keeps it.
  expect(connections.get("light")?.size).toBe(connections.get("plain")?.size);
  expect(connections.get("light")?.size).toBeLessThan(200);
});

it("refuses a header that could split the request, as node:http does", async () => {
  const light = createNodeTransport();
  await expect(
    light({
      method: "GET",
      url: `${base}/case/1`,
      headers: { "x-bad": "a\r\nx-injected: 1" },
      signal: new AbortController().signal,
    }),
  ).rejects.toThrow(/invalid header/);
});
