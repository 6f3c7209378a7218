/**
 * The demo site built with `jingdu build --relative`, opened from `file://` in chromium (issue
 * 20): styled by the site's CSS, its links go from page to page, and its search (fragments loaded
 * as scripts: chromium refuses fetch() of file:// URLs) finds a word and marks it in a snippet
 * taken around the match, under the pages' own CSP.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { ARTIFACTS } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { runCliInProcess } from "../support/run-cli.js";

const browsing = browserFile("test/browser/site-file.test.ts");
const describe = browsing.suite;
let site = "";

describe("the relative site from file://", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const root = join(browsing.temp("jingdu-file-site-"), "library");
    const init = await runCliInProcess(["init", root, "--template", "limu", "--language", "zh"], {
      cwd: join(root, ".."),
    });
    expect(init.code, init.stderr).toBe(0);
    site = join(root, "..", "site");
    const built = await runCliInProcess(["build", "--out", site, "--relative"], { cwd: root });
    expect(built.code, built.stderr).toBe(0);
  }, 120_000);

  it("is styled, goes from page to page, and keeps its CSP", async () => {
    const { page, errors, close } = await browsing.open(1200, { files: site });
    await page.goto(pathToFileURL(join(site, "index.html")).href);
    // The site's CSS applied: the header is a flex row, the text its font and colour (chromium's
    // defaults are block, Times and black).
    const header = await page.evaluate<{ display: string; font: string; colour: string }>(`(() => {
      const s = getComputedStyle(document.querySelector(".site-header"));
      const h1 = getComputedStyle(document.querySelector("main h1"));
      return { display: s.display, font: s.fontFamily, colour: h1.color };
    })()`);
    expect(header.display).toBe("flex");
    expect(header.font).toContain("Noto Sans CJK SC");
    expect(header.colour).toBe("rgb(29, 29, 31)");
    // The CSP is the pages' own (no inline script), and nothing broke it.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(csp).toContain("script-src 'self'");
    // Links name files: a folder would open as a listing from file://.
    await page.locator(".site-header nav a", { hasText: "论文" }).first().click();
    expect(page.url()).toBe(pathToFileURL(join(site, "papers", "index.html")).href);
    await page.locator("main a[href$='papers/transformer/index.html']").first().click();
    expect(page.url()).toBe(pathToFileURL(join(site, "papers", "transformer", "index.html")).href);
    expect(await page.locator("main h1").textContent()).toContain("Transformer");
    // KaTeX's own stylesheet and fonts come by relative URLs too: the formula is typeset.
    expect(
      await page.evaluate<string>(
        'getComputedStyle(document.querySelector(".katex-mathml")).position',
      ),
    ).toBe("absolute");
    await page.screenshot({ path: join(ARTIFACTS, "site-file-paper.png"), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it("searches: the match marked in a snippet around it, the result linking its page", async () => {
    // Fragments are scripts beside no JSON: the page cannot have fetched them.
    expect(existsSync(join(site, "search", "r", "0.js"))).toBe(true);
    expect(existsSync(join(site, "search", "r", "0.json"))).toBe(false);
    const { page, errors, close } = await browsing.open(1200, { files: site });
    await page.goto(pathToFileURL(join(site, "index.html")).href);
    await page.locator(".site-header nav a", { hasText: "搜索" }).click();
    expect(page.url()).toBe(pathToFileURL(join(site, "search", "index.html")).href);
    const query = "多头注意力";
    await page.fill("#q", query);
    await page.waitForSelector(`#search-results[data-query="${query}"]`);
    const hit = page.locator('#search-results li:has(a[href="../papers/transformer/index.html"])');
    expect(await hit.count()).toBe(1);
    expect(await hit.locator("p mark").first().textContent()).toBe(query);
    // The snippet is a window around the match, not the note's start.
    const snippet = (await hit.locator("p").textContent()) ?? "";
    const note = readFileSync(join(site, "..", "library", "papers", "transformer.md"), "utf8");
    const body = note.slice(note.indexOf("\n---", 3) + 4).trim();
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet).not.toContain(body.slice(0, 12));
    expect(snippet).toContain(query);
    await page.screenshot({ path: join(ARTIFACTS, "site-file-search.png"), fullPage: true });
    // A record cut at 1,200 characters ends with "…", which NFKC folds to "...": its match is
    // still marked (the course's description holds 三遍).
    await page.fill("#q", "三遍");
    await page.waitForSelector('#search-results[data-query="三遍"]');
    const course = page.locator('#search-results li:has(a[href="../courses/limu/index.html"])');
    expect(await course.locator("p mark").first().textContent()).toBe("三遍");
    await page.fill("#q", query);
    await page.waitForSelector(`#search-results[data-query="${query}"]`);
    await hit.locator("a").click();
    expect(page.url()).toBe(pathToFileURL(join(site, "papers", "transformer", "index.html")).href);
    expect(errors).toEqual([]);
    await close();
  });
});
