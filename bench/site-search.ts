/**
 * The published site's search at 20,000 and 100,000 items (issue 23): the split index of a
 * generated library (bench/search-library.ts), served from 127.0.0.1 with the real search page
 * and script, queried in chromium, each query on a freshly loaded page. Prints per query the
 * bytes transferred (gzipped, as static hosts serve JSON; the decoded size beside) and the time from typing to results shown (and the page's main-thread CPU
 * time in it, which load inflates far less) against the goals: ≤ 300 KB and ≤ 300 ms after the
 * page has loaded; how many items matched (`≥` where the query stopped reading once its top 20
 * were certain); and whether its results equal the app's search (SQLite FTS5 over the same
 * library written to disk): the same set of matches as every match the split index ranks, and
 * the page's 20 the first 20 of that ranking (docs/site.md says why the top 20s of terms in more
 * than 100 items are not the app's own).
 *
 * It builds only what the search needs, through the site's route table as `jingdu build` does
 * (createSiteRoutes, its split keeper): the search page, its script and style, and every
 * fragment of the index. A whole site of 100,000 pages does not fit this bench's time.
 * Run: `node --import tsx bench/site-search.ts [20000 100000]`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createSiteRoutes, paths, runSplitQuery } from "../src/app/index.js";
import { type Library, SEARCH_FIELDS, termTokens } from "../src/core/index.js";
import { createMarkdownProcessor } from "../src/render/index.js";
import { libraryFiles, openIndex } from "../src/store/index.js";
import { writeTempLibrary } from "../test/fixtures/libraries/sample-libraries.js";
import { launchOwnChromium } from "../test/support/browser.js";
import { startStaticServer } from "../test/support/static-server.js";
import { SEARCH_QUERIES as QUERIES, searchLibrary } from "./search-library.js";

/** The fragments of the split index, as the site's routes list them. */
const FRAGMENT = /^\/search\/[tpr]\//;

/** Writes the search page, its assets and the split index of `lib` into `out`. */
function writeSite(lib: Library, out: string) {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const site = createSiteRoutes(lib, {
    baseUrl: "/",
    now: () => new Date("2026-12-02T00:00:00Z"),
    markdown: createMarkdownProcessor(),
    recordReads: false,
  });
  const paths = site.listRoutes().filter((path) => FRAGMENT.test(path));
  const splitMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  let biggest = 0;
  let total = 0;
  for (const path of [...paths, "/search/", "/assets/search.js", "/assets/site.css"]) {
    const { body } = site.render(path);
    const bytes = typeof body === "string" ? Buffer.byteLength(body) : body.length;
    biggest = Math.max(biggest, path.startsWith("/search/t/") ? bytes : 0);
    total += bytes;
    const file = join(out, path.endsWith("/") ? `${path}index.html` : path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  return { splitMs, cpuMs: (cpu.user + cpu.system) / 1000, biggest, total, files: paths.length };
}

/** What the app's search finds for each query: `kind:id` of every match. */
async function appResults(lib: Library): Promise<Map<string, string[]>> {
  const started = performance.now();
  const root = await writeTempLibrary(libraryFiles(lib), "jingdu-bench-app-");
  const index = openIndex(root);
  try {
    await index.refresh();
    const found = new Map<string, string[]>();
    for (const query of QUERIES) {
      found.set(
        query,
        index.search(query, { limit: 1_000_000 }).map((r) => `${r.kind}:${r.id}`),
      );
    }
    console.log(
      `  app's search index of the same library in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return found;
  } finally {
    index.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every match of `query` the split index ranks, best first, read from the written files. */
async function siteRanking(out: string, docs: number, ids: readonly string[], query: string) {
  const fetchJson = async (path: string) => {
    try {
      return JSON.parse(readFileSync(join(out, path), "utf8"));
    } catch {
      return null;
    }
  };
  const weights = SEARCH_FIELDS.map((f) => f.weight);
  const { hits } = await runSplitQuery(query, docs, fetchJson, termTokens, weights);
  return hits.map((h) => ids[h.n] as string);
}

async function bench(items: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "jingdu-bench-search-"));
  let lib: Library | undefined = searchLibrary(items);
  const { splitMs, cpuMs, biggest, total, files } = writeSite(lib, out);
  console.log(
    `\n${items} items: index split in ${(splitMs / 1000).toFixed(1)} s (CPU ${(cpuMs / 1000).toFixed(1)} s), ` +
      `${files} fragments, ${(total / 1e6).toFixed(1)} MB in all, largest term fragment ` +
      `${(biggest / 1e3).toFixed(0)} KB; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
  const app = await appResults(lib);
  // Items in the index's order (the route table's: courses, episodes, papers, categories; the
  // generated library has papers only), as `kind:id` and URL.
  if (lib.courses.length + lib.categories.length > 0) throw new Error("papers only, please");
  const ids = lib.papers.map((p) => `paper:${p.id}`);
  const urls = new Map(lib.papers.map((p) => [`paper:${p.id}`, paths.paper(p.id)]));
  // The library is garbage now: the static server (this process) then answers without a heap
  // of gigabytes to collect.
  lib = undefined;
  // Served gzipped, as static hosts serve JSON and scripts: the transfer is what a reader's
  // phone downloads (Pagefind, the anchor, counts its fragments gzipped too). The decoded size
  // is printed beside it.
  const server = await startStaticServer(out, { gzip: true });
  const browser = await launchOwnChromium();
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
  // Each response's bytes on the wire (headers and the encoded body) and its decoded body,
  // awaited before a query's bytes are summed (none is counted late).
  let bodies: Promise<{ wire: number; decoded: number }>[] = [];
  page.on("response", (res) => {
    bodies.push(
      Promise.all([res.request().sizes(), res.body()]).then(
        ([sizes, b]) => ({
          wire: sizes.responseHeadersSize + sizes.responseBodySize,
          decoded: b.length,
        }),
        () => ({ wire: 0, decoded: 0 }),
      ),
    );
  });
  // The page's main-thread CPU time (threadTicks), which the machine's load does not inflate as
  // it does wall time: what the page itself spends on a query.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  const cpu = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
  };
  let over = 0;
  let unequal = 0;
  for (const query of QUERIES) {
    // A freshly loaded page: no fragment of an earlier query in its cache.
    await page.goto(`${server.url}/search/`);
    await page.waitForLoadState("networkidle");
    await Promise.all(bodies);
    bodies = [];
    const cpu0 = await cpu();
    const t0 = performance.now();
    await page.fill("#q", query);
    await page.waitForSelector(`#search-results[data-query="${query}"]`, {
      state: "attached",
      timeout: 60_000,
    });
    const ms = performance.now() - t0;
    const cpuMs = (await cpu()) - cpu0;
    await page.waitForLoadState("networkidle");
    const got = await Promise.all(bodies);
    const bytes = got.reduce((a, b) => a + b.wire, 0);
    const decoded = got.reduce((a, b) => a + b.decoded, 0);
    const complete = await page.getAttribute("#search-results", "data-complete");
    const total = Number(await page.getAttribute("#search-results", "data-total"));
    const shown = await page.$$eval("#search-results li a", (as) =>
      as.map((a) => new URL(a.getAttribute("href") ?? "", "http://x").pathname),
    );
    // The results against the app's: the same matches, the page's 20 the ranking's first.
    const ranked = await siteRanking(out, ids.length, ids, query);
    const found = app.get(query) ?? [];
    const same =
      ranked.length === found.length &&
      [...ranked].sort().join("\n") === [...found].sort().join("\n") &&
      shown.join("\n") ===
        ranked
          .slice(0, 20)
          .map((id) => urls.get(id))
          .join("\n") &&
      (complete !== "true" || total === found.length) &&
      total <= found.length;
    // "≥": the matches made certain on the way to the top 20 (the lists were not all read).
    const hits = `${complete === "true" ? "" : "≥"}${total}`;
    const ok = bytes <= 300_000 && ms <= 300;
    if (!ok) over++;
    if (!same) unequal++;
    console.log(
      `  ${query.padEnd(22)} ${hits.padStart(7)} hits  ${(bytes / 1e3).toFixed(1).padStart(7)} KB (${(decoded / 1e3).toFixed(0).padStart(4)} KB decoded)  ${ms.toFixed(0).padStart(5)} ms (page CPU ${cpuMs.toFixed(0).padStart(4)} ms)  ${ok ? "ok" : "OVER"}  ${same ? "= app" : `≠ app (${found.length} matches, the split ${ranked.length})`}`,
    );
  }
  console.log(
    `  ${QUERIES.length - over} of ${QUERIES.length} within 300 KB and 300 ms; ${QUERIES.length - unequal} of ${QUERIES.length} equal to the app's search; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}

const sizes = process.argv.slice(2).map(Number);
console.log(
  `site search bench, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const n of sizes.length > 0 ? sizes : [20_000, 100_000]) await bench(n);
