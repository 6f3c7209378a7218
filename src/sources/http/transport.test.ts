import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localOnlyFetch } from "../../../test/support/test-sources.js";
import {
  createNodeTransport,
  fetchTransport,
  type TransportRequest,
  type TransportResponse,
} from "./transport.js";

/** A real HTTP server on 127.0.0.1 with one route per behaviour the transport must handle. */
let server: Server;
let base: string;
const seen: { method: string; url: string; body: string; headers: IncomingMessage["headers"] }[] =
  [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  "/json": (_q, res) => res.end('{"ok":true,"name":"精读"}'),
  "/bom": (_q, res) => res.end('\ufeff{"ok":true}'),
  "/gzip": (_q, res) => res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync("zipped")),
  "/deflate": (_q, res) =>
    res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync("deflated")),
  "/br": (_q, res) =>
    res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync("brotli")),
  "/echo": (q, res, body) =>
    res.writeHead(201, { "x-method": q.method ?? "" }).end(`${q.method} ${body}`),
  "/to-json": (_q, res) => res.writeHead(302, { location: "/json" }).end(),
  "/see-other": (_q, res) => res.writeHead(303, { location: "/echo" }).end(),
  "/keep-post": (_q, res) => res.writeHead(307, { location: "/echo" }).end(),
  "/to-file": (_q, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
  "/loop": (_q, res) => res.writeHead(302, { location: "/loop" }).end(),
  "/big": (_q, res) => res.end("x".repeat(10_000)),
  "/cookie": (_q, res) => res.writeHead(200, { "set-cookie": ["a=1", "b=2"] }).end("c"),
  "/slow": (_q, res) => {
    res.writeHead(200);
    res.write("part");
    setTimeout(() => res.end("rest"), 2000).unref();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      seen.push({ method: req.method ?? "", url: req.url ?? "", body, headers: req.headers });
      const route = routes[path];
      if (route) route(req, res, body);
      else res.writeHead(404).end("no such route");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const node = createNodeTransport({ maxBytes: 5000, maxRedirects: 3 });
const viaFetch = fetchTransport(localOnlyFetch);
const ask = (
  t: (r: TransportRequest) => Promise<TransportResponse>,
  path: string,
  over: Partial<TransportRequest> = {},
) =>
  t({
    method: "GET",
    url: `${base}${path}`,
    headers: {},
    signal: new AbortController().signal,
    ...over,
  });

describe("the node:http transport", () => {
  it("answers like fetch for plain, BOM-marked, compressed, POSTed and repeated-header answers", async () => {
    // The plain path (undici's fetch) is the reference: same status, text and headers.
    const cases: [string, Partial<TransportRequest>][] = [
      ["/json", {}],
      ["/bom", {}],
      ["/gzip", {}],
      ["/deflate", {}],
      ["/br", {}],
      [
        "/echo",
        { method: "POST", body: '{"ids":["a"]}', headers: { "content-type": "application/json" } },
      ],
      ["/cookie", {}],
      ["/missing", {}],
      ["/to-json", {}],
    ];
    for (const [path, over] of cases) {
      const a = await ask(node, path, over);
      const b = await ask(viaFetch, path, over);
      expect([path, a.status, a.text]).toEqual([path, b.status, b.text]);
      for (const h of ["content-type", "x-method", "content-encoding"])
        expect([path, h, a.headers[h]]).toEqual([path, h, b.headers[h]]);
    }
    expect((await ask(node, "/json")).text).toBe('{"ok":true,"name":"精读"}');
    expect((await ask(node, "/gzip")).text).toBe("zipped");
    // Repeated headers joined, as fetch's Headers.get gives them (its forEach kept the last).
    expect((await ask(node, "/cookie")).headers["set-cookie"]).toBe("a=1, b=2");
  });

  it("sends the body, its length and the caller's headers", async () => {
    seen.length = 0;
    const body = '{"q":"注意力"}';
    const res = await ask(node, "/echo", {
      method: "POST",
      body,
      headers: { "User-Agent": "jingdu-test", "content-type": "application/json" },
    });
    expect(res.text).toBe(`POST ${body}`);
    expect(seen[0]?.headers["user-agent"]).toBe("jingdu-test");
    expect(seen[0]?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("follows redirects: a GET stays a GET, a 303 after a POST turns GET, a 307 keeps the POST", async () => {
    expect((await ask(node, "/to-json")).text).toBe('{"ok":true,"name":"精读"}');
    const post = { method: "POST", body: "b", headers: { "content-type": "text/plain" } };
    expect((await ask(node, "/see-other", post)).text).toBe("GET ");
    expect((await ask(node, "/keep-post", post)).text).toBe("POST b");
  });

  it("carries a login cookie or an API key on a redirect within the origin, never to another", async () => {
    // Another origin: the same host on another port, a server of its own.
    const other: IncomingMessage["headers"][] = [];
    const away = createServer((q, r) => {
      other.push(q.headers);
      r.end("away");
    });
    await new Promise<void>((r) => away.listen(0, "127.0.0.1", r));
    const awayUrl = `http://127.0.0.1:${(away.address() as AddressInfo).port}/`;
    routes["/to-away"] = (_q, res) => res.writeHead(302, { location: awayUrl }).end();
    const secrets = { cookie: "SESSDATA=s3cret", "x-api-key": "k", "user-agent": "jingdu-test" };
    try {
      seen.length = 0;
      expect((await ask(node, "/to-json", { headers: secrets })).status).toBe(200);
      expect(seen.at(-1)?.headers).toMatchObject({ cookie: "SESSDATA=s3cret", "x-api-key": "k" });
      expect((await ask(node, "/to-away", { headers: secrets })).text).toBe("away");
      expect(other[0]?.["user-agent"]).toBe("jingdu-test");
      expect(other[0]?.cookie).toBeUndefined();
      expect(other[0]?.["x-api-key"]).toBeUndefined();
    } finally {
      delete routes["/to-away"];
      away.closeAllConnections();
      await new Promise<void>((r) => away.close(() => r()));
    }
  });

  it("answers the 3xx as it is for a redirect it will not follow: not a web URL, or one too many", async () => {
    const file = await ask(node, "/to-file");
    expect(file.status).toBe(302);
    expect(file.headers.location).toBe("file:///etc/passwd");
    seen.length = 0;
    const loop = await ask(node, "/loop");
    expect(loop.status).toBe(302);
    expect(seen).toHaveLength(4); // the first request and maxRedirects (3) hops
  });

  it("refuses an answer larger than its limit", async () => {
    await expect(ask(node, "/big")).rejects.toThrow(/larger than 5000 bytes/);
  });

  it("rejects with the signal's reason when aborted mid-answer, at once", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("deadline")), 100);
    await expect(ask(node, "/slow", { signal: controller.signal })).rejects.toThrow("deadline");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("sends again on a fresh connection when the kept-alive one was closed by the server", async () => {
    // The server drops every idle connection between two requests (as one whose keep-alive
    // timeout ran out does): the second request still gets its answer.
    const first = await ask(node, "/json");
    expect(first.status).toBe(200);
    server.closeIdleConnections();
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 3; i++) {
      expect((await ask(node, "/json")).status).toBe(200);
      server.closeIdleConnections();
    }
  });

  it("refuses a URL that is not http or https", async () => {
    await expect(
      node({
        method: "GET",
        url: "ftp://127.0.0.1/x",
        headers: {},
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/not http or https/);
  });
});
