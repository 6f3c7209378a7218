import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalServer,
  recordingConnector,
  startServer,
  stubResolver,
} from "../../test/fixtures/snapshots/local-server.js";
import { createSafeFetcher } from "../net/index.js";
import { snapshotLinks } from "./snapshot-links.js";
import { readSnapshotIndex } from "./snapshot-store.js";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
const BG = Buffer.concat([PNG, Buffer.from("bg")]);
const FONT = Buffer.from("wOF2-fake-font");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Title (A Cited Paper) >> endobj\n%%EOF\n");

let server: LocalServer;
let root: string;
const tmpRoots: string[] = [];

async function newRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "jingdu-snap-"));
  tmpRoots.push(dir);
  return dir;
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const send = (status: number, type: string, body: string | Buffer) =>
      res.writeHead(status, { "content-type": type }).end(body);
    switch (path) {
      case "/article.html":
        return send(
          200,
          "text/html; charset=utf-8",
          `<!DOCTYPE html><html><head><title>An &amp; article</title>
<base href="http://10.0.0.1/">
<link rel="stylesheet" href="/css/site.css">
<script>alert(1)</script><script src="/evil.js"></script>
<meta http-equiv="refresh" content="0;url=javascript:alert(3)">
</head><body onload="alert(2)">
<h1 style="background:url('/img/bg.png')">Title</h1>
<img src="img/photo.png" alt="photo" onerror="alert(4)">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/photo.png" alt="lazy">
<a href="/next">next</a> <a href="javascript:alert(5)">x</a>
<iframe src="/frame"></iframe><svg><script>alert(6)</script><a xlink:href="javascript:alert(7)"><text>t</text></a></svg>
<p>文字 <b>bold</b> a &lt;script&gt; text</p>
</body></html>`,
        );
      case "/css/site.css":
        return send(
          200,
          "text/css",
          `@import "more.css";\nbody { color: #333 } .x { background: url(../img/bg.png) }`,
        );
      case "/css/more.css":
        return send(
          200,
          "text/css",
          `@font-face { font-family: F; src: url("/fonts/f.woff2") format("woff2") } </style><script>alert(8)</script>`,
        );
      case "/img/photo.png":
        return send(200, "image/png", PNG);
      case "/img/bg.png":
        return send(200, "image/png", BG);
      case "/fonts/f.woff2":
        return send(200, "font/woff2", FONT);
      case "/evil.js":
        return send(200, "text/javascript", "alert(9)");
      case "/paper.pdf":
        return send(200, "application/pdf", PDF);
      case "/gone":
        return send(404, "text/html", "<title>404</title>");
      case "/r1":
        return res.writeHead(301, { location: "/r2" }).end();
      case "/r2":
        return res.writeHead(302, { location: "/article.html" }).end();
      case "/to-private":
        return res.writeHead(302, { location: "http://192.168.0.1/router" }).end();
      case "/slow":
        return void setTimeout(() => send(200, "text/html", "late"), 2000);
      case "/huge":
        return send(200, "text/html", "x".repeat(300_000));
      default:
        return send(500, "text/plain", "unexpected");
    }
  });
  root = await newRoot();
});
afterAll(async () => {
  await server.close();
  for (const dir of tmpRoots) await rm(dir, { recursive: true, force: true });
});

function fetcher(allowHosts = ["127.0.0.1"]) {
  return createSafeFetcher({
    allowHosts,
    connect: recordingConnector().connect,
    resolve: stubResolver({ "site.test": ["127.0.0.1"] }),
  });
}

describe("snapshotLinks against a local server", () => {
  it("archives a page with its CSS, images and fonts, readable offline and inert", async () => {
    const url = `${server.origin}/article.html`;
    const res = await snapshotLinks({
      root,
      links: [url],
      fetcher: fetcher(),
      perHost: { concurrency: 2, minIntervalMs: 0 },
    });
    expect(res.items[0]?.outcome.kind).toBe("archived");
    const entry = (await readSnapshotIndex(root)).get(url);
    expect(entry).toMatchObject({
      status: 200,
      finalUrl: url,
      title: "An & article",
      contentType: "text/html",
      assets: 3,
    });
    expect(entry?.path).toMatch(/^snapshots\/objects\/[0-9a-f]{2}\/[0-9a-f]{64}\.html$/);
    const file = join(root, entry?.path ?? "");
    const html = await readFile(file, "utf8");

    // Inert: no script, handler, base, frame, refresh or javascript: URL survives.
    expect(html).not.toMatch(/<script/i);
    // A stylesheet cannot close its <style> early: every `<` in CSS is escaped as `\3c `.
    const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
    expect(styles.length).toBe(1);
    for (const css of styles) expect(css).not.toContain("<");
    expect(html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, "")).not.toMatch(/alert\(/);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/<base|<iframe|http-equiv|javascript:/i);
    expect(html).not.toContain("evil.js");
    // Text and links kept; links absolute to the live page.
    expect(html).toContain("文字 <b>bold</b> a &lt;script&gt; text");
    expect(html).toContain(`href="${server.origin}/next"`);
    expect(html).toContain('<meta charset="utf-8">');
    // CSS inlined, @import included, nothing fetched from the network when opened.
    expect(html).toContain("body { color: #333 }");
    expect(html).toContain("@font-face");
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toContain(`${server.origin.replace("http://", "")}/img`);

    // Every image/url() reference resolves to a stored object next to the page.
    const refs = [
      ...[...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1] ?? ""),
      ...[...html.replace(/&quot;/g, '"').matchAll(/url\(["']?([^"')]+)["']?\)/g)].map(
        (m) => m[1] ?? "",
      ),
    ];
    expect(refs.length).toBeGreaterThanOrEqual(5);
    const stored = await Promise.all(refs.map((r) => readFile(join(dirname(file), r))));
    const expected = [PNG, BG, FONT].map((b) => b.toString("hex"));
    for (const bytes of stored) expect(expected).toContain(bytes.toString("hex"));
    expect(new Set(stored.map((b) => b.toString("hex")))).toEqual(new Set(expected));
  });

  it("reports 404, redirects, refused redirects, timeouts, huge pages and stores PDFs", async () => {
    const dir = await newRoot();
    const o = server.origin;
    const links = [
      `${o}/gone`,
      `${o}/r1`,
      `${o}/to-private`,
      `${o}/slow`,
      `${o}/huge`,
      `${o}/paper.pdf`,
      "file:///etc/passwd",
    ];
    const res = await snapshotLinks({
      root: dir,
      links,
      fetcher: fetcher(),
      perHost: { concurrency: 4, minIntervalMs: 0 },
      limits: { pageTimeoutMs: 400, pageBytes: 100_000 },
      retries: 0,
    });
    const byUrl = new Map(res.items.map((i) => [i.url, i.outcome]));
    expect(byUrl.get(`${o}/gone`)).toEqual({ kind: "dead", status: 404, finalUrl: `${o}/gone` });
    const redirected = byUrl.get(`${o}/r1`);
    expect(redirected?.kind).toBe("archived");
    expect(redirected?.kind === "archived" && redirected.entry.finalUrl).toBe(`${o}/article.html`);
    expect(byUrl.get(`${o}/to-private`)).toMatchObject({ kind: "blocked" });
    expect(byUrl.get(`${o}/slow`)).toEqual({ kind: "timeout", ms: 400 });
    expect(byUrl.get(`${o}/huge`)).toEqual({ kind: "too-large", limit: 100_000 });
    expect(byUrl.get("file:///etc/passwd")).toMatchObject({ kind: "blocked" });
    const pdf = byUrl.get(`${o}/paper.pdf`);
    expect(pdf?.kind === "archived" && pdf.entry.title).toBe("A Cited Paper");
    const pdfPath = pdf?.kind === "archived" ? pdf.entry.path : "";
    expect(pdfPath).toMatch(/\.pdf$/);
    expect(await readFile(join(dir, pdfPath))).toEqual(PDF);
    expect(res.counts).toMatchObject({
      archived: 2,
      dead: 1,
      blocked: 2,
      timeout: 1,
      "too-large": 1,
    });
    const index = await readSnapshotIndex(dir);
    expect([...index.keys()].sort()).toEqual([`${o}/paper.pdf`, `${o}/r1`]);
  });

  it("marks a second fetch of the same content unchanged, and only: new fetches nothing", async () => {
    const dir = await newRoot();
    const url = `${server.origin}/paper.pdf`;
    const opts = {
      root: dir,
      links: [url],
      fetcher: fetcher(),
      perHost: { concurrency: 1, minIntervalMs: 0 },
    };
    let t = Date.parse("2025-12-01T00:00:00Z");
    await snapshotLinks({ ...opts, now: () => t });
    t += 86_400_000;
    const again = await snapshotLinks({ ...opts, only: "all", now: () => t });
    expect(again.items[0]?.outcome.kind).toBe("unchanged");
    const entry = (await readSnapshotIndex(dir)).get(url);
    expect(entry).toMatchObject({
      fetchedAt: "2025-12-01T00:00:00.000Z",
      checkedAt: "2025-12-02T00:00:00.000Z",
    });
    const before = server.requests.length;
    const kept = await snapshotLinks({ ...opts, only: "new" });
    expect(kept.items[0]?.outcome.kind).toBe("kept");
    expect(server.requests.length).toBe(before);
  });
});

describe("500 links over 20 hosts", () => {
  const hosts: LocalServer[] = [];
  const table: Record<string, string[]> = {};
  beforeAll(async () => {
    for (let h = 1; h <= 20; h++) {
      const s = await startServer((req, res) => {
        const n = Number(new URL(req.url ?? "/", "http://x").pathname.split("/").pop());
        setTimeout(
          () => {
            if (n % 10 === 0) res.writeHead(404, { "content-type": "text/html" }).end("gone");
            else
              res
                .writeHead(200, { "content-type": "text/html" })
                .end(`<title>page ${n}</title><p>${n}</p>`);
          },
          3 + (n % 5),
        );
      });
      hosts.push(s);
      table[`host${String(h).padStart(2, "0")}.test`] = ["127.0.0.1"];
    }
  });
  afterAll(async () => {
    for (const s of hosts) await s.close();
  });
  const links = () =>
    Array.from({ length: 500 }, (_, i) => {
      const h = (i % 20) + 1;
      return `http://host${String(h).padStart(2, "0")}.test:${hosts[h - 1]?.port}/p/${i}`;
    });

  it("reports every outcome, never exceeds the per-host limit, and resumes after a stop", async () => {
    const dir = await newRoot();
    const rec = recordingConnector();
    const f = createSafeFetcher({
      allowHosts: ["127.0.0.1"],
      connect: rec.connect,
      resolve: stubResolver(table),
    });
    const opts = {
      root: dir,
      links: links(),
      fetcher: f,
      perHost: { concurrency: 2, minIntervalMs: 0 },
      concurrency: 16,
    };

    // First run, stopped after 120 pages (as if killed).
    const stop = new AbortController();
    const first = await snapshotLinks({
      ...opts,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.done === 120) stop.abort();
      },
    });
    expect(first.stopped).toBe(true);
    const afterFirst = await readSnapshotIndex(dir);
    // Every page the stopped run reported archived is in the index (pages in flight at the stop
    // may be too). Of the 120 done, at most the 50 dead links failed: which ones finish first
    // depends on the machine's load, so the bound, not a ratio.
    expect(afterFirst.size).toBeGreaterThanOrEqual(first.counts.archived);
    expect(afterFirst.size).toBeGreaterThanOrEqual(120 - 50);

    // Second run continues: only what is not archived yet is fetched.
    let progress = 0;
    const second = await snapshotLinks({ ...opts, onProgress: () => progress++ });
    expect(second.items).toHaveLength(500);
    expect(second.counts.kept).toBe(afterFirst.size);
    expect(second.counts.dead).toBe(50);
    expect(second.counts.archived + second.counts.kept).toBe(450);
    expect(progress).toBe(500 - afterFirst.size);
    for (const s of hosts) expect(s.maxInFlight).toBeLessThanOrEqual(2);
    expect(Math.max(...hosts.map((s) => s.maxInFlight))).toBe(2);
    expect(rec.attempts.every((a) => a.address === "127.0.0.1")).toBe(true);
    expect((await readSnapshotIndex(dir)).size).toBe(450);

    // Third run: nothing new to fetch except the dead ones.
    const before = hosts.reduce((n, s) => n + s.requests.length, 0);
    const third = await snapshotLinks(opts);
    expect(third.counts).toMatchObject({ kept: 450, dead: 50 });
    expect(hosts.reduce((n, s) => n + s.requests.length, 0) - before).toBe(50);
    expect(existsSync(join(dir, "snapshots/index.jsonl"))).toBe(true);
  });
});
