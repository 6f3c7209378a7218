import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { ARTIFACTS, gotoSettled } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { demoLibrary } from "../support/demo-library.js";

/**
 * Real-browser end-to-end tests of `jingdu serve` with Debian's chromium (never downloaded).
 * Without chromium they fail in CI and are skipped, with a message, elsewhere.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const browsing = browserFile("test/browser/app.test.ts");
const suite = browsing.suite;
const now = () => new Date("2026-03-01T10:00:00Z");

async function newDemoLibrary(): Promise<string> {
  const root = await demoLibrary("jingdu-browser-");
  browsing.removeAfter(dirname(root));
  return root;
}

const openPage = (width?: number) => browsing.open(width);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });

suite("the web app in a real browser (demo library)", () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = await newDemoLibrary();
    server = await browsing.serve({ root, now });
  });
  const url = (path: string) => new URL(path, server.url).href;

  it("home, catalog and an episode with math: no console errors, no horizontal scroll at 390 px", async () => {
    const p = await openPage(390);
    for (const [path, name] of [
      ["/", "home"],
      ["/papers/", "catalog"],
      ["/courses/limu/5/", "episode-math"],
    ] as const) {
      await p.page.goto(url(path));
      await p.page.waitForLoadState("load");
      const overflow = await p.page.evaluate<number>(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await shot(p.page, `390-${name}`);
    }
    expect(await p.page.locator(".note .katex").first().isVisible()).toBe(true);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it("a category page links its export in each format; the BibTeX download is its papers", async () => {
    const p = await openPage();
    await p.page.goto(url(`/categories/${encodeURIComponent("系统")}/`));
    const links = p.page.locator(".app-export a");
    await expect
      .poll(() => links.allTextContents())
      .toEqual(["BibTeX", "BibLaTeX", "CSL-JSON", "RIS"]);
    expect(await p.page.locator(".app-export").textContent()).toMatch(/^导出为 /);
    const [download] = await Promise.all([p.page.waitForEvent("download"), links.first().click()]);
    expect(download.suggestedFilename()).toBe("系统.bib");
    // Saved where the test reads it (the run's one chromium is connected to, not launched here,
    // so its download has no local path of its own).
    const saved = join(dirname(root), "download.bib");
    await download.saveAs(saved);
    const text = readFileSync(saved, "utf8");
    const rows = readdirSync(join(root, "papers")).filter((f) =>
      readFileSync(join(root, "papers", f), "utf8").includes("categories: [系统]"),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(text.match(/^@/gm)).toHaveLength(rows.length);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it("edits an episode note: KaTeX and a timestamp link, the file on disk has the text", async () => {
    const p = await openPage();
    await p.page.goto(url("/courses/limu/1/"));
    await p.page.getByRole("link", { name: "编辑笔记" }).click();
    await p.page.waitForURL(/\/_\/edit\?page=/);
    const text = "量子纠缠实验 $$E=mc^2$$\n\n12:34 讲到关键的地方。";
    await p.page.locator("#source").fill(text);
    await p.page.locator("#preview .katex").first().waitFor();
    await p.page.locator("#save").click();
    await expect
      .poll(() => readFileSync(join(root, "courses/limu/episodes/001.md"), "utf8"))
      .toContain("量子纠缠实验 $$E=mc^2$$");
    // The saved file makes the server reload and tell open pages: the editor may reload itself.
    await gotoSettled(p.page, url("/courses/limu/1/"));
    await p.page.locator(".note .katex").first().waitFor();
    const href = await p.page.locator('.note a[href*="t="]').first().getAttribute("href");
    expect(href).toContain("t=754");
    await shot(p.page, "edited-episode");
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it("marks an episode done and the course total changes", async () => {
    const p = await openPage();
    await p.page.goto(url("/courses/limu/"));
    const before = await p.page.locator(".totals").first().textContent();
    await p.page.goto(url("/courses/limu/2/"));
    await Promise.all([
      p.page.waitForEvent("load"),
      p.page.locator('button[data-status="done"]').click(),
    ]);
    await p.page.locator(".status.status-done").first().waitFor();
    await gotoSettled(p.page, url("/courses/limu/"));
    const after = await p.page.locator(".totals").first().textContent();
    expect(after).not.toBe(before);
    expect(readFileSync(join(root, "progress.yaml"), "utf8")).toMatch(/2: \{ ?status: done/);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it("reloads an open page when its file changes on disk", async () => {
    const p = await openPage();
    await p.page.goto(url("/courses/limu/4/"));
    await p.page.waitForTimeout(300); // the EventSource connects
    const file = join(root, "courses/limu/episodes/004.md");
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n外部编辑器写的新句子。\n`);
    await p.page.getByText("外部编辑器写的新句子。").waitFor({ timeout: 10_000 });
    await shot(p.page, "live-reload");
    await p.close();
  });

  it("reloads a page rendered before a change its event stream started after", async () => {
    const p = await openPage();
    // The first answer is the page as an older version of the library rendered it (older
    // version and tag, a marker to tell it from the reloaded page); the reload is served as is.
    let stale = true;
    await p.page.route("**/courses/limu/5/", async (route) => {
      const response = await route.fetch();
      let body = await response.text();
      if (stale) {
        stale = false;
        body = body
          .replace(/name="jingdu-version" content="\d+"/, 'name="jingdu-version" content="-1"')
          .replace(/name="jingdu-page" content="[^"]*"/, 'name="jingdu-page" content="old"')
          .replace("<body", '<body data-stale-copy=""');
      }
      await route.fulfill({ response, body });
    });
    await p.page.goto(url("/courses/limu/5/"));
    await expect.poll(() => p.page.locator("body[data-stale-copy]").count()).toBe(0);
    await p.page.locator("body").waitFor();
    expect(stale).toBe(false);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it("refuses a stale save and offers both versions", async () => {
    const p = await openPage();
    await p.page.goto(url(`/_/edit?page=${encodeURIComponent("/courses/limu/6/")}`));
    await p.page.locator("#source").fill("我的版本");
    const file = join(root, "courses/limu/episodes/006.md");
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n磁盘上的版本\n`);
    await p.page.waitForTimeout(500);
    await p.page.locator("#save").click();
    await p.page.locator("#conflict").waitFor({ state: "visible" });
    expect(await p.page.locator("#conflict-yours").textContent()).toBe("我的版本");
    expect(await p.page.locator("#conflict-disk").textContent()).toContain("磁盘上的版本");
    expect(readFileSync(file, "utf8")).toContain("磁盘上的版本");
    await shot(p.page, "conflict");
    await p.page.locator("#keep-yours").click();
    await expect.poll(() => readFileSync(file, "utf8")).toContain("我的版本");
    expect(readFileSync(file, "utf8")).not.toContain("磁盘上的版本");
    await p.close();
  });

  it("finds a word from a note as you type", async () => {
    const p = await openPage();
    await p.page.goto(url("/search/"));
    await p.page.locator("#q").pressSequentially("纠缠实验", { delay: 20 });
    const hit = p.page.locator('#search-groups section[data-kind="episode"] mark').first();
    await hit.waitFor();
    // As you type, the results of the first characters (`纠缠`) may show before the whole word's.
    await expect.poll(() => hit.textContent(), { timeout: 10_000 }).toContain("纠缠实验");
    await shot(p.page, "search");
    expect(p.errors).toEqual([]);
    await p.close();
  });
});

suite("the XSS corpus in a real browser", () => {
  it("runs nothing from any payload put in a note", async () => {
    const root = await newDemoLibrary();
    const corpus = readFileSync(join(REPO, "test/fixtures/xss/payloads.txt"), "utf8");
    const payloads = corpus
      .split(/\n%%\n/)
      .slice(1)
      .map((s) => s.replace(/\n%%\n?$/, ""));
    expect(payloads.length).toBeGreaterThanOrEqual(50);
    const targets: { file: string; page: string }[] = [];
    for (let n = 1; n <= 54; n++) {
      targets.push({
        file: `courses/limu/episodes/${String(n).padStart(3, "0")}.md`,
        page: `/courses/limu/${n}/`,
      });
    }
    const papers = readdirSync(join(root, "papers"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3));
    for (const id of papers)
      targets.push({ file: `papers/${id}.md`, page: `/papers/${encodeURIComponent(id)}/` });
    const used = payloads.map((payload, i) => {
      const t = targets[i];
      if (!t) throw new Error("more payloads than notes");
      const path = join(root, t.file);
      writeFileSync(path, `${readFileSync(path, "utf8").trimEnd()}\n\n${payload}\n`);
      return t.page;
    });
    const server = await startServer({ root, port: 0, now, watch: false });
    const p = await openPage();
    // A payload that runs sets the marker (alert & co. are replaced before any page script).
    await p.page.addInitScript(
      'for (const n of ["alert", "confirm", "prompt", "print"]) window[n] = () => { window.__xss = true; };',
    );
    try {
      for (const path of used) {
        await p.page.goto(new URL(path, server.url).href, { waitUntil: "domcontentloaded" });
        await p.page.waitForTimeout(50);
        const marker = await p.page.evaluate<boolean>("Boolean(window.__xss)");
        expect(marker, path).toBe(false);
        expect(p.page.url(), path).toMatch(/^http:\/\/127\.0\.0\.1:/);
      }
      expect(p.dialogs).toEqual([]);
      expect(p.foreign.filter((u) => /^(javascript|data:text)/i.test(u))).toEqual([]);
    } finally {
      await p.close();
      await server.close();
    }
  }, 240_000);
});

suite("a reload that fails while a page is open", () => {
  it("shows a banner with the reason, keeps the last good page, and clears it once fixed", async () => {
    const root = await newDemoLibrary();
    const server = await startServer({ root, port: 0, now, onError: () => undefined });
    const p = await openPage();
    try {
      await gotoSettled(p.page, new URL("/courses/limu/", server.url).href);
      const progress = join(root, "progress.yaml");
      const saved = readFileSync(progress, "utf8");
      const heading = await p.page.locator("h1").first().textContent();
      // progress.yaml turned into a folder: reading it fails with EISDIR.
      rmSync(progress);
      mkdirSync(progress);
      const banner = p.page.locator("#reload-failed[role=alert]");
      await banner.waitFor({ timeout: 15_000 });
      // The demo library is in Chinese: the banner says it in its language, with the reason.
      expect(await banner.textContent()).toMatch(/^资料库无法重新载入.*EISDIR/);
      await shot(p.page, "reload-failed");
      // Still the last good library: the course page answers as before.
      const again = await fetch(new URL("/courses/limu/", server.url));
      expect(again.status).toBe(200);
      expect(await p.page.locator("h1").first().textContent()).toBe(heading);
      rmSync(progress, { recursive: true });
      writeFileSync(progress, saved);
      await banner.waitFor({ state: "detached", timeout: 15_000 });
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
      await server.close();
    }
  }, 60_000);
});
