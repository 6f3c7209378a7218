import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeDemoApp,
  type DemoApp,
  openDemoApp,
  TEST_HOST,
  TEST_TOKEN,
} from "../../test/support/demo-app.js";
import { createApp } from "./create-app.js";

let demo: DemoApp;
/** The demo's app with every page cached and kept compressed from 1 KB: the path a big library's category pages take. */
let cached: Hono;

beforeAll(async () => {
  demo = await openDemoApp("jingdu-page-cache-");
  cached = createApp({
    library: demo.library,
    token: TEST_TOKEN,
    allowedHosts: new Set([TEST_HOST]),
    pageCache: { fromRenderMs: 0, gzipFromBytes: 1024 },
  });
});
afterAll(() => closeDemoApp(demo));

const get = (app: Hono, path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { host: HOST, ...headers } });
const HOST = TEST_HOST;
const GZIP = { "accept-encoding": "gzip, deflate, br" };

describe("the page cache's compressed pages", () => {
  it("sends a browser the cached page gzip-compressed, the same bytes as uncached", async () => {
    const plain = await (await get(demo.app, "/papers/")).text();
    await get(cached, "/papers/"); // rendered and cached
    const r = await get(cached, "/papers/", GZIP);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-encoding")).toBe("gzip");
    expect(r.headers.get("vary")).toBe("accept-encoding");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.length).toBeLessThan(Buffer.byteLength(plain) / 2);
    expect(gunzipSync(bytes).toString("utf8")).toBe(plain);
  });

  it("sends a client that accepts no gzip the page as it is, under another ETag", async () => {
    const zipped = await get(cached, "/papers/", GZIP);
    const plain = await get(cached, "/papers/", { "accept-encoding": "gzip;q=0, identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toContain("<html");
    const zippedTag = zipped.headers.get("etag") ?? "";
    const plainTag = plain.headers.get("etag") ?? "";
    expect(zippedTag).toMatch(/-gzip"$/);
    expect(plainTag).not.toBe(zippedTag);
    // Each representation's tag revalidates itself only.
    expect((await get(cached, "/papers/", { ...GZIP, "if-none-match": zippedTag })).status).toBe(
      304,
    );
    expect((await get(cached, "/papers/", { "if-none-match": zippedTag })).status).toBe(200);
  });

  it("forgets a compressed page when the library changes on disk", async () => {
    const before = await get(cached, "/papers/", GZIP);
    const file = join(demo.root, "papers", "resnet.md");
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^short: ResNet$/m);
    writeFileSync(file, text.replace(/^short: ResNet$/m, "short: ResNetGzipped"));
    await demo.library.reload(["papers/resnet.md"]);
    const after = await get(cached, "/papers/", GZIP);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    const page = gunzipSync(Buffer.from(await after.arrayBuffer())).toString("utf8");
    expect(page).toContain("ResNetGzipped");
  });
});
