/**
 * Finding papers on the built static site, in chromium: the catalog filtered by a facet in the
 * URL (`/papers/?category=nlp`), and the search page finding a paper by a part of its search
 * document that only the app's index used to hold (its venue).
 */
import { beforeAll, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.js";
import { fixtureLibrary } from "../fixtures/site/fixture-library.js";
import type { GuardedPage } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

const browsing = browserFile("test/browser/find-papers.test.ts");

browsing.suite("finding papers on the static site", () => {
  let server: StaticServer;
  let outDir: string;
  let guarded: GuardedPage;

  beforeAll(async () => {
    const library = fixtureLibrary("en");
    const bert = library.papers.find((p) => p.id === "bert");
    if (!bert) throw new Error("the fixture has no BERT");
    bert.venue = "NAACL Qvenue";
    bert.tags = ["transformer", "预训练"];
    const resnet = library.papers.find((p) => p.id === "resnet");
    if (resnet) resnet.tags = ["预训练", "deep & wide=1+1"];
    const paramServer = library.papers.find((p) => p.id === "参数服务器");
    if (paramServer) paramServer.year = 2020;
    outDir = browsing.temp("jingdu-find-papers-");
    buildSite(library, { outDir, baseUrl: "/", now: () => new Date("2024-07-10T08:00:00Z") });
    server = browsing.closeAfter(await startStaticServer(outDir));
    guarded = browsing.closeAfter(await browsing.open());
  });

  const visibleNames = () =>
    guarded.page.locator("table.catalog tbody tr:visible td.name > :first-child").allInnerTexts();

  it("lists every paper without a filter, and only the matching ones with ?category=", async () => {
    const { page } = guarded;
    await page.goto(`${server.url}/papers/`);
    expect((await visibleNames()).sort()).toEqual(["BERT", "ResNet", "参数服务器"]);
    await expect.poll(() => page.locator("#catalog-filter").isVisible()).toBe(false);

    await page.goto(`${server.url}/papers/?category=nlp`);
    await expect.poll(visibleNames).toEqual(["参数服务器", "BERT"]);
    const notice = page.locator("#catalog-filter");
    expect(await notice.textContent()).toContain("Only the 2 papers with “nlp”.");
    // The Vision section has no paper left, so it is hidden too.
    expect(await page.locator('section[aria-labelledby="视觉"]').isVisible()).toBe(false);
    await notice.getByRole("link", { name: "Show all papers" }).click();
    await expect.poll(async () => (await visibleNames()).length).toBe(3);
    expect(guarded.errors).toEqual([]);
  });

  it("follows a tag from a paper's page to the catalog of the papers with that tag", async () => {
    const { page } = guarded;
    await page.goto(`${server.url}/papers/bert/`);
    await page.getByRole("link", { name: "预训练" }).click();
    await expect.poll(visibleNames).toEqual(["ResNet", "BERT"]);
    expect(await page.locator("#catalog-filter").textContent()).toContain("“预训练”");
    await page.goto(`${server.url}/papers/?tag=transformer`);
    await expect.poll(visibleNames).toEqual(["BERT"]);
    expect(guarded.errors).toEqual([]);
  });

  it("filters by a tag holding spaces and query characters, and shows none for a tag no paper has", async () => {
    const { page } = guarded;
    await page.goto(`${server.url}/papers/?tag=${encodeURIComponent("deep & wide=1+1")}`);
    await expect.poll(visibleNames).toEqual(["ResNet"]);
    await page.goto(`${server.url}/papers/?tag=nowhere`);
    await expect.poll(async () => (await visibleNames()).length).toBe(0);
    expect(await page.locator("#catalog-filter").textContent()).toContain("“nowhere”");
    expect(guarded.errors).toEqual([]);
  });

  it("sorts a category's papers by year, newest first, then oldest first", async () => {
    const { page } = guarded;
    await page.goto(`${server.url}/categories/nlp/?category=nlp`);
    await expect.poll(visibleNames).toEqual(["参数服务器", "BERT"]);
    // The export links are the app's (its server answers them): the static page has none.
    expect(await page.locator(".app-export").count()).toBe(0);
    const year = page.getByRole("button", { name: "Year" });
    await year.click();
    await expect.poll(visibleNames).toEqual(["参数服务器", "BERT"]);
    await year.click();
    await expect.poll(visibleNames).toEqual(["BERT", "参数服务器"]);
    expect(guarded.errors).toEqual([]);
  });

  it("finds a paper by a tag on the search page", async () => {
    const { page } = guarded;
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("预训练")}`);
    const results = page.locator("#search-results li");
    await expect.poll(() => results.count()).toBe(2);
    // Both papers carry the tag; the site's split index ranks without the app's length
    // normalization (docs/site.md), so their order is not asserted here.
    const texts = await results.allTextContents();
    expect(texts.some((t) => t.includes("ResNet"))).toBe(true);
    expect(texts.some((t) => t.includes("BERT"))).toBe(true);
  });

  it("finds a paper by its venue on the search page", async () => {
    const { page } = guarded;
    await page.goto(`${server.url}/search/?q=qvenue`);
    const results = page.locator("#search-results li");
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain("BERT");
    expect(await results.first().textContent()).toContain("Qvenue");
    expect(guarded.errors).toEqual([]);
    expect(guarded.foreign).toEqual([]);
  });
});
