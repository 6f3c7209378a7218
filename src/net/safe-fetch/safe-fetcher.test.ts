import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalServer,
  recordingConnector,
  startServer,
  stubResolver,
} from "../../../test/fixtures/snapshots/local-server.js";
import {
  BlockedUrlError,
  NetworkError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
} from "./errors.js";
import { createSafeFetcher } from "./safe-fetcher.js";

let server: LocalServer;
let port = 0;

beforeAll(async () => {
  server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/ok") {
      res.writeHead(200, { "content-type": "text/html" }).end("<title>ok</title>");
    } else if (url.pathname === "/to-loopback") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/ok` }).end();
    } else if (url.pathname === "/to-private") {
      res.writeHead(301, { location: "http://10.0.0.1/admin" }).end();
    } else if (url.pathname === "/to-file") {
      res.writeHead(302, { location: "file:///etc/passwd" }).end();
    } else if (url.pathname.startsWith("/chain/")) {
      const n = Number(url.pathname.slice(7));
      if (n > 0) res.writeHead(307, { location: `/chain/${n - 1}` }).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end("end of chain");
    } else if (url.pathname === "/missing") {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such page");
    } else if (url.pathname === "/slow") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("start…");
      // never ends: the client's deadline must fire
    } else if (url.pathname === "/hang") {
      // no answer at all
    } else if (url.pathname === "/huge") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 120);
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once("drain", pump);
        }
        res.end();
      };
      pump();
    } else if (url.pathname === "/gzip") {
      res
        .writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" })
        .end(gzipSync("hello compressed"));
    } else if (url.pathname === "/head-only") {
      res.writeHead(req.method === "HEAD" ? 200 : 500).end();
    } else {
      res.writeHead(500).end();
    }
  });
  port = server.port;
});
afterAll(() => server.close());

/** Refused by default: nothing allowed, a stub resolver, a connector that only reaches 127.0.0.1. */
function guarded(allowHosts: string[] = []) {
  const rec = recordingConnector();
  const fetcher = createSafeFetcher({
    allowHosts,
    connect: rec.connect,
    resolve: stubResolver({
      localhost: ["127.0.0.1", "::1"],
      "public.example": ["127.0.0.1"],
      "evil.example": ["10.1.2.3"],
      "rebind.example": ["93.184.216.34", "127.0.0.1"],
      "metadata.example": ["169.254.169.254"],
      "mapped.example": ["::ffff:127.0.0.1"],
    }),
    timeoutMs: 2000,
  });
  return { fetcher, attempts: rec.attempts };
}

describe("SSRF: refused by default, decided before any connection", () => {
  const cases = (p: () => number | string) => [
    `http://127.0.0.1:${p()}/ok`,
    `http://localhost:${p()}/ok`,
    `http://[::1]:${p()}/ok`,
    `http://[::ffff:127.0.0.1]:${p()}/ok`,
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    `http://2130706433:${p()}/ok`,
    `http://0177.0.0.1:${p()}/ok`,
    `http://0x7f.1:${p()}/ok`,
    `http://evil.example:${p()}/ok`,
    `http://rebind.example:${p()}/ok`,
    "http://metadata.example/latest/meta-data/",
    `http://mapped.example:${p()}/ok`,
    "http://0.0.0.0/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
  ];
  for (const [i] of cases(() => 0).entries()) {
    it(`refuses case ${i}: ${cases(() => "PORT")[i]}`, async () => {
      const url = cases(() => port)[i] as string;
      const { fetcher, attempts } = guarded();
      const before = server.requests.length;
      const err = await fetcher.fetchUrl(url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BlockedUrlError);
      expect((err as BlockedUrlError).reason.kind).toBe("address");
      expect(attempts).toEqual([]);
      expect(server.requests.length).toBe(before);
      await expect(fetcher.check(url)).rejects.toBeInstanceOf(BlockedUrlError);
    });
  }

  it.each([
    ["file:///etc/passwd", "file"],
    ["gopher://127.0.0.1:70/_GET", "gopher"],
    ["ftp://127.0.0.1/", "ftp"],
    ["data:text/html,hi", "data"],
    ["javascript:alert(1)", "javascript"],
  ])("refuses the scheme of %s", async (url, scheme) => {
    const { fetcher, attempts } = guarded();
    const err = await fetcher.fetchUrl(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedUrlError);
    expect((err as BlockedUrlError).reason).toEqual({ kind: "scheme", scheme });
    expect(attempts).toEqual([]);
  });

  it("refuses URLs with credentials and invalid URLs", async () => {
    const { fetcher, attempts } = guarded(["127.0.0.1"]);
    const a = await fetcher.fetchUrl(`http://user:pw@127.0.0.1:${port}/ok`).catch((e) => e);
    expect((a as BlockedUrlError).reason.kind).toBe("credentials");
    const b = await fetcher.fetchUrl("not a url").catch((e) => e);
    expect((b as BlockedUrlError).reason.kind).toBe("invalid-url");
    expect(attempts).toEqual([]);
  });

  it("re-checks every redirect hop: a public-looking host redirecting to loopback is refused", async () => {
    // The user allowed the name public.example (the stub resolves it to our server), not 127.0.0.1.
    const { fetcher, attempts } = guarded(["public.example"]);
    const err = await fetcher
      .fetchUrl(`http://public.example:${port}/to-loopback`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedUrlError);
    expect((err as BlockedUrlError).url).toBe(`http://127.0.0.1:${port}/ok`);
    expect(attempts.map((a) => a.host)).toEqual(["public.example"]);
    expect(server.requests.filter((r) => r === "GET /ok")).toEqual([]);

    const err2 = await fetcher.fetchUrl(`http://public.example:${port}/to-private`).catch((e) => e);
    expect((err2 as BlockedUrlError).reason).toMatchObject({
      kind: "address",
      address: "10.0.0.1",
    });
    const err3 = await fetcher.fetchUrl(`http://public.example:${port}/to-file`).catch((e) => e);
    expect((err3 as BlockedUrlError).reason).toEqual({ kind: "scheme", scheme: "file" });
    expect(attempts.every((a) => a.address === "127.0.0.1")).toBe(true);
  });

  it("connects to the address it checked and sends the name as Host", async () => {
    const { fetcher, attempts } = guarded(["public.example"]);
    const res = await fetcher.fetchUrl(`http://public.example:${port}/ok`);
    expect(res.status).toBe(200);
    expect(attempts).toEqual([
      { address: "127.0.0.1", family: 4, port, host: "public.example", tls: false },
    ]);
  });
});

describe("fetchUrl against local servers (127.0.0.1 allowed explicitly)", () => {
  const allowed = () => guarded(["127.0.0.1"]).fetcher;

  it("returns a 404 as a result", async () => {
    const res = await allowed().fetchUrl(`http://127.0.0.1:${port}/missing`);
    expect(res.status).toBe(404);
    expect(Buffer.from(res.body).toString()).toBe("no such page");
  });

  it("follows a redirect chain and reports every hop", async () => {
    const res = await allowed().fetchUrl(`http://127.0.0.1:${port}/chain/3`);
    expect(res.status).toBe(200);
    expect(res.finalUrl).toBe(`http://127.0.0.1:${port}/chain/0`);
    expect(res.redirects).toEqual([3, 2, 1].map((n) => `http://127.0.0.1:${port}/chain/${n}`));
  });

  it("stops after maxRedirects", async () => {
    const fetcher = createSafeFetcher({
      allowHosts: ["127.0.0.1"],
      connect: recordingConnector().connect,
      maxRedirects: 2,
    });
    const err = await fetcher.fetchUrl(`http://127.0.0.1:${port}/chain/5`).catch((e) => e);
    expect(err).toBeInstanceOf(TooManyRedirectsError);
  });

  it("times out on a server that never finishes, and one that never answers", async () => {
    const fetcher = allowed();
    const t0 = Date.now();
    const err = await fetcher
      .fetchUrl(`http://127.0.0.1:${port}/slow`, { timeoutMs: 300 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    const err2 = await fetcher
      .fetchUrl(`http://127.0.0.1:${port}/hang`, { timeoutMs: 300 })
      .catch((e) => e);
    expect(err2).toBeInstanceOf(TimeoutError);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("cuts a huge response at the limit", async () => {
    const fetcher = allowed();
    const res = await fetcher.fetchUrl(`http://127.0.0.1:${port}/huge`, { maxBytes: 100_000 });
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(100_000);
    const err = await fetcher
      .fetchUrl(`http://127.0.0.1:${port}/huge`, { maxBytes: 100_000, onTooLarge: "error" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TooLargeError);
  });

  it("decompresses gzip and supports HEAD", async () => {
    const fetcher = allowed();
    const res = await fetcher.fetchUrl(`http://127.0.0.1:${port}/gzip`);
    expect(Buffer.from(res.body).toString()).toBe("hello compressed");
    const head = await fetcher.fetchUrl(`http://127.0.0.1:${port}/head-only`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startServer(() => undefined);
    const deadPort = closed.port;
    await closed.close();
    const err = await allowed()
      .fetchUrl(`http://127.0.0.1:${deadPort}/`)
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });
});
