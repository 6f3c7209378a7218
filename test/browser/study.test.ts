import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, openGuardedPage } from "../support/browser.js";
import { runCliInProcess } from "../support/run-cli.js";

/**
 * The study workflow in chromium: the course page's charts and minutes after
 * `jingdu done limu/1-10` (zh and en libraries), and the review page rating a marked note.
 */
const suite = browserSuite("test/browser/study.test.ts");

const app = appSuite("jingdu-study-browser-");

/** A `jingdu init --template limu` library with episodes 1–10 done, through the CLI. */
async function library(language: "zh" | "en"): Promise<string> {
  const root = await app.library([
    "--template",
    "limu",
    "--title",
    "论文精读",
    "--language",
    language,
  ]);
  const done = await runCliInProcess(["done", "limu/1-10"], { cwd: root });
  expect(done.code, done.stderr).toBe(0);
  return root;
}

const serve = (root: string) => app.serve(root);

suite("study pages in chromium", { timeout: 90_000 }, () => {
  for (const language of ["zh", "en"] as const) {
    it(`course page (${language}): charts, minutes watched and left`, async () => {
      const root = await library(language);
      const server = await serve(root);
      const { page, errors } = await openGuardedPage(app.browser());
      await page.goto(`${server.url}courses/limu/`);
      const charts = page.locator("figure.jd-chart svg[role=img]");
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < (await charts.count()); i++) {
        const svg = charts.nth(i);
        await expect.poll(() => svg.isVisible()).toBe(true);
        const box = await svg.boundingBox();
        expect(box?.width).toBeGreaterThan(0);
        expect(box?.height).toBeGreaterThan(0);
        expect(await svg.locator(":scope > title").count()).toBe(1);
        expect(await svg.locator(":scope > desc").count()).toBe(1);
        expect((await svg.locator(":scope > title").textContent())?.trim()).not.toBe("");
      }
      // The server's first pages may come from the parsed-library cache while it checks the
      // files (stale-while-revalidate): when `done` ran more than the cache's racy window after
      // `init` (a loaded machine), the first page shows the old progress and live reload brings
      // the new one.
      await expect
        .poll(() => page.locator(".minutes-watched").textContent(), { timeout: 15_000 })
        .toContain("464.6");
      const left = (await page.locator(".minutes-left").textContent()) ?? "";
      expect(left).toMatch(/\d+\.\d/);
      expect(Number(/[\d.]+/.exec(left)?.[0])).toBeGreaterThan(0);
      const title = await charts.first().locator(":scope > title").textContent();
      expect(title).toBe(language === "zh" ? "累计观看时长" : "Hours watched, cumulative");
      await page.screenshot({
        path: join(ARTIFACTS, `study-course-${language}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);

      await page.goto(server.url);
      expect(await page.locator("figure.jd-chart svg[role=img]").count()).toBe(4);
      await page.screenshot({
        path: join(ARTIFACTS, `study-home-${language}.png`),
        fullPage: true,
      });
      await page.context().close();
    });
  }

  it("marks an episode for review and rates it on the review page", async () => {
    const root = await library("zh");
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}courses/limu/3/`);
    await page.locator("button[data-mark-review]").click();
    await expect.poll(() => existsSync(join(root, "reviews.yaml"))).toBe(true);
    await page.locator(".site-header nav a[href='/_/review']").click();
    await page.waitForURL(/\/_\/review$/);
    await expect
      .poll(() => page.locator("#review-card").getAttribute("data-note"))
      .toBe("episode:limu/3");
    await page.screenshot({ path: join(ARTIFACTS, "study-review.png"), fullPage: true });
    await page.locator("button[data-rate=good]").click();
    await expect
      .poll(() => readFileSync(join(root, "reviews.yaml"), "utf8"), { timeout: 10_000 })
      .toMatch(/rating: good/);
    // The page reloads itself after the rating: nothing is due, the next review is shown.
    await expect
      .poll(
        () =>
          page
            .locator(".next-due")
            .textContent()
            .catch(() => ""),
        { timeout: 15_000 },
      )
      .toContain("下次复习");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
