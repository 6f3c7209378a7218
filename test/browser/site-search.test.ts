/**
 * The built site's search in chromium, served from 127.0.0.1: a query fetches only the split
 * index's fragments of its terms and the records of its top results (a few KB, never the whole
 * search-index.json), and finds what the app's search finds for 20 queries (English words, 1-,
 * 2- and 4-character Chinese), the match marked in a snippet.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.js";
import { type LibraryIndex, libraryFiles, openIndex } from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";
import { QUERIES, splitLibrary } from "../search/split-library.js";
import { browserFile } from "../support/browser-file.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

const browsing = browserFile("test/browser/site-search.test.ts");
const describe = browsing.suite;
const now = () => new Date("2024-07-10T08:00:00Z");
let server: StaticServer | undefined;
let index: LibraryIndex | undefined;

describe("the built site's search", () => {
  beforeAll(async () => {
    const library = splitLibrary(300);
    const outDir = browsing.temp("jingdu-site-search-");
    buildSite(library, { outDir, baseUrl: "/", now });
    server = browsing.closeAfter(await startStaticServer(outDir));
    const root = await writeTempLibrary(libraryFiles(library));
    browsing.removeAfter(root);
    index = openIndex(root);
    await index.refresh();
  }, 60_000);
  afterAll(async () => {
    index?.close();
  });

  /** The page's URL of an app search result. */
  const urlOf = (kind: string, id: string) =>
    kind === "paper"
      ? `/papers/${encodeURIComponent(id)}/`
      : `/courses/${id.split("/").map(encodeURIComponent).join("/")}/`;

  it("answers 20 queries as the app does, fetching only fragments", async () => {
    if (!server || !index) throw new Error("not set up");
    const guarded = await browsing.open();
    const { page } = guarded;
    const transfer: { url: string; bytes: number }[] = [];
    page.on("response", async (response) => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      transfer.push({ url: response.url(), bytes: body.length });
    });
    await page.goto(`${server.url}/search/`);
    await page.waitForLoadState("networkidle");
    for (const query of QUERIES) {
      transfer.length = 0;
      await page.fill("#q", query);
      await page.waitForSelector(`#search-results[data-query="${query}"]`);
      const total = Number(await page.getAttribute("#search-results", "data-total"));
      const complete = await page.getAttribute("#search-results", "data-complete");
      const shown = await page.$$eval("#search-results li a", (as) =>
        as.map((a) => new URL(a.getAttribute("href") ?? "", "http://x").pathname),
      );
      const app = index.search(query, { limit: 10_000 }).map((r) => urlOf(r.kind, r.id));
      // The count is exact when the query read its lists in full (or read one list), else the
      // matches made certain on the way to the top 20.
      if (complete === "true") expect(total, query).toBe(app.length);
      else expect(total, query).toBeLessThanOrEqual(app.length);
      expect(shown.length, query).toBe(Math.min(20, app.length));
      for (const url of shown) expect(app, query).toContain(url);
      // The first term is marked in the first result's name or snippet.
      const marks = await page.$$eval("#search-results li:first-child mark", (ms) =>
        ms.map((m) => (m.textContent ?? "").toLowerCase()),
      );
      const first = query.split(" ")[0]?.toLowerCase() as string;
      expect(
        marks.some((m) => m === first || (first.length > 2 && m.startsWith(first.slice(0, 2)))),
        query,
      ).toBe(true);
      const urls = transfer.map((t) => new URL(t.url).pathname);
      expect(
        urls.filter((u) => !/^\/search\/([tr]\/[0-9a-f-]+|p\/[0-9a-f-]+\.\d+)\.json$/.test(u)),
        query,
      ).toEqual([]);
      const bytes = transfer.reduce((n, t) => n + t.bytes, 0);
      expect(bytes, query).toBeLessThan(300_000);
    }
    expect(guarded.errors).toEqual([]);
    expect(guarded.foreign).toEqual([]);
    await guarded.close();
  }, 120_000);
});
