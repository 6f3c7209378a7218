/**
 * The published site's search at 20,000 and 100,000 items (issue 23): the split index of a
 * generated library (Zipf-distributed words from a 20,000-word vocabulary and Chinese phrases,
 * ~150 words a note, as real notes are), served from 127.0.0.1 with the real search page and
 * script, queried in chromium. Prints per query the bytes transferred and the time from typing to
 * results shown (and the page's main-thread CPU time in it, which load inflates far less), against
 * the goals: ≤ 300 KB and ≤ 300 ms after the page has loaded, and how many
 * items matched (`≥` where the query stopped reading once its top 20 were certain).
 * Run: `node --import tsx bench/site-search.ts [20000 100000]`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createSiteRoutes, librarySplit } from "../src/app/index.js";
import type { Library } from "../src/core/index.js";
import { makeLibrary, makePaper } from "../src/core/make-items.js";
import { createMarkdownProcessor } from "../src/render/index.js";
import { launchOwnChromium } from "../test/support/browser.js";
import { startStaticServer } from "../test/support/static-server.js";
import { createRandom as random } from "./paper-library.js";

const r = random(23);
const SYLLABLES = "ka to ri ne mu sa lo ven tra dif con ser bal mor qui zen pha lex dor gim".split(
  " ",
);
const HAN =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严".split(
    "",
  );

/** A vocabulary of made-up words, drawn with Zipf's law as words of real text are. */
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => {
  let w = "";
  for (let n = i + 7; n > 0; n = Math.floor(n / SYLLABLES.length)) {
    w += SYLLABLES[n % SYLLABLES.length];
  }
  return w;
});
const PHRASES = Array.from({ length: 5_000 }, () => {
  const n = 2 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => HAN[Math.floor(r() ** 2 * HAN.length)]).join("");
});
const zipf = <T>(list: readonly T[]): T => list[Math.floor(list.length ** r()) - 1] as T;

function library(items: number): Library {
  const papers = Array.from({ length: items }, (_, i) => {
    const words = (n: number) =>
      Array.from({ length: n }, () => (r() < 0.7 ? zipf(VOCABULARY) : zipf(PHRASES))).join(" ");
    return makePaper({
      id: `p${i}`,
      short: `${zipf(VOCABULARY)}-${i}`,
      title: words(6),
      summary: words(15),
      tags: [zipf(VOCABULARY)],
      notes: `## ${words(4)}\n\n${words(60)}。\n\n${words(70)}`,
    });
  });
  return makeLibrary({ papers });
}

const QUERIES = [
  VOCABULARY[2], // among the commonest words
  VOCABULARY[50],
  VOCABULARY[2000],
  `${VOCABULARY[5]} ${VOCABULARY[300]}`,
  (VOCABULARY[40] as string).slice(0, 4), // a prefix being typed
  "的", // the commonest character
  "学",
  (PHRASES[3] as string).slice(0, 2),
  (PHRASES[100] as string).slice(0, 2),
  `${PHRASES[7]}${PHRASES[8]}`.slice(0, 4),
] as string[];

/** Writes the split index and the search page of `items` generated items into `out`. */
function writeSite(items: number, out: string) {
  const lib = library(items);
  const started = performance.now();
  const site = createSiteRoutes(lib, {
    baseUrl: "/",
    now: () => new Date("2026-12-02T00:00:00Z"),
    markdown: createMarkdownProcessor(),
    recordReads: false,
  });
  const split = librarySplit(lib, (p) => p);
  const splitMs = performance.now() - started;
  let biggest = 0;
  let total = 0;
  for (const [path, body] of split.files) {
    const bytes = Buffer.byteLength(body);
    biggest = Math.max(biggest, path.startsWith("/search/t/") ? bytes : 0);
    total += bytes;
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), body);
  }
  for (const path of ["/search/", "/assets/search.js", "/assets/site.css"]) {
    const file = join(out, path.endsWith("/") ? `${path}index.html` : path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, site.render(path).body);
  }
  return { splitMs, biggest, total, files: split.files.size };
}

async function bench(items: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "jingdu-bench-search-"));
  // The library and its index are garbage once written: the static server (this process) then
  // answers without a heap of gigabytes to collect.
  const { splitMs, biggest, total, files } = writeSite(items, out);
  const server = await startStaticServer(out);
  const browser = await launchOwnChromium();
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
  // Each response's body, awaited before a query's bytes are summed (none is counted late).
  let bodies: Promise<number>[] = [];
  page.on("response", (res) => {
    bodies.push(
      res.body().then(
        (b) => b.length,
        () => 0,
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
  await page.goto(`${server.url}/search/`);
  await page.waitForLoadState("networkidle");
  console.log(
    `\n${items} items: split in ${(splitMs / 1000).toFixed(1)} s, ${files} fragments, ` +
      `${(total / 1e6).toFixed(1)} MB in all, largest term fragment ${(biggest / 1e3).toFixed(0)} KB`,
  );
  await Promise.all(bodies);
  for (const query of QUERIES) {
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
    const bytes = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
    const complete = await page.getAttribute("#search-results", "data-complete");
    // "≥": the matches made certain on the way to the top 20 (the lists were not all read).
    const hits = `${complete === "true" ? "" : "≥"}${await page.getAttribute("#search-results", "data-total")}`;
    const ok = bytes <= 300_000 && ms <= 300 ? "ok" : "OVER";
    console.log(
      `  ${query.padEnd(22)} ${String(hits).padStart(6)} hits  ${(bytes / 1e3).toFixed(1).padStart(7)} KB  ${ms.toFixed(0).padStart(5)} ms (page CPU ${cpuMs.toFixed(0).padStart(4)} ms)  ${ok}`,
    );
  }
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
