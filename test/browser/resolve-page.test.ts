import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { makeLibrary, makePaper } from "../../src/core/make-items.js";
import type { RunningServer } from "../../src/server/index.js";
import { libraryFiles, loadLibrary } from "../../src/store/index.js";
import { createResolver, RESOLVE_ANSWERS_FILE } from "../../src/workspace/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";
import { ARTIFACTS } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { type FakeApiServer, startFakeApiServer } from "../support/fake-api-server.js";
import { makeTestSources } from "../support/test-sources.js";

/**
 * The web app's resolve page in chromium (issue 17): name-only papers searched one by one, a
 * sure title match filled at once, a short name's candidates shown with authors, year and
 * citations for the person to pick, a paper nobody knows said so; a name-only paper's page
 * links here and the search starts. Against a fake Semantic Scholar and arXiv on 127.0.0.1
 * answering the shaped records of test/fixtures/sources (README there says where each shape is
 * documented), through the resolver `jingdu serve` wires (workspace `createResolver`).
 */
const browsing = browserFile("test/browser/resolve-page.test.ts");
const suite = browsing.suite;
const SHAPED = join(import.meta.dirname, "../fixtures/sources");
const RESNET = JSON.parse(
  readFileSync(join(SHAPED, "s2-paper-arxiv-resnet.SHAPED.json"), "utf8"),
) as Record<string, unknown>;
const VGG_S2 = "eb42cf88027de515750f230b23b1a057dc782108";

let api: FakeApiServer;
let server: RunningServer;
let root: string;

beforeAll(async () => {
  if (!browsing.chromium) return;
  root = await writeTempLibrary(
    libraryFiles(
      makeLibrary({
        papers: [
          makePaper({
            id: "resnet",
            short: "ResNet",
            title: "Deep Residual Learning for Image Recognition",
            year: 2016,
          }),
          makePaper({ id: "vgg", short: "VGG", year: 2014, summary: "deeper nets" }),
          makePaper({ id: "zzyzx", short: "Zzyzx", year: 2030, unresolved: true }),
          makePaper({ id: "known", short: "Known", ids: { doi: "10.1/x" } }),
        ],
      }),
    ),
    "jingdu-resolve-page-",
  );
  browsing.removeAfter(root);
  api = browsing.closeAfter(await startFakeApiServer({}));
  api.handle({ method: "GET", path: "/graph/v1/paper/search/match" }, () => ({
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ data: [{ ...RESNET, matchScore: 180 }] }),
  }));
  api.handle({ method: "GET", path: "/graph/v1/paper/search" }, (req) =>
    /^VGG\b/.test(req.query.get("query") ?? "")
      ? { fixture: "synthetic:s2-paper-search-vgg.SHAPED.json" }
      : {
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ total: 0, offset: 0, data: [] }),
        },
  );
  api.handle({ method: "GET", path: "/api/query" }, () => ({
    headers: { "content-type": "application/atom+xml" },
    fixture: "synthetic:arxiv-query-search-no-results.SHAPED.xml",
  }));
  // One set of clients for the server's life, as `jingdu serve` keeps (cli/commands/serve.ts),
  // with a response cache: the pick asks for the candidates again and the cache answers.
  const sources = makeTestSources(api.url, { cache: true });
  server = await browsing.serve({
    root,
    watch: true,
    resolver: createResolver({
      root,
      library: async () => (await loadLibrary(root)).library,
      sources: () => sources,
    }),
  });
}, 60_000);

const paperFile = (id: string) => readFileSync(join(root, "papers", `${id}.md`), "utf8");

suite("the resolve page (real browser, fake S2 and arXiv)", { timeout: 90_000 }, () => {
  it("fills a sure match, offers a short name's candidates, says what was not found", async () => {
    const { page, errors } = await browsing.open();
    await page.goto(`${server.url}_/resolve`);
    const items = page.locator("[data-resolve-paper]");
    // The paper with a DOI is not listed: only papers without ids are.
    expect(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-resolve-paper"))),
    ).toEqual(["resnet", "vgg", "zzyzx"]);
    await page.locator("#resolve-all").click();
    const resnet = page.locator("#resolve-resnet");
    const vgg = page.locator("#resolve-vgg");
    const zzyzx = page.locator("#resolve-zzyzx");
    await expect
      .poll(() => zzyzx.getAttribute("data-outcome"), { timeout: 20_000 })
      .toBe("not-found");
    expect(await resnet.getAttribute("data-outcome")).toBe("resolved");
    expect(await resnet.locator(".resolve-answer").textContent()).toMatch(/^已补上：.*ids\.s2/);
    expect(paperFile("resnet")).toMatch(/arxiv: "?1512\.03385/);
    expect(await zzyzx.locator(".resolve-answer").textContent()).toBe("没有找到。");

    // VGG is not in its title: the person picks, seeing who wrote it, when, and how cited.
    expect(await vgg.getAttribute("data-outcome")).toBe("asked");
    const offered = vgg.locator(`[data-candidate="${VGG_S2}"]`);
    const facts = (await offered.textContent()) ?? "";
    expect(facts).toContain("Very Deep Convolutional Networks for Large-Scale Image Recognition");
    expect(facts).toMatch(/Simonyan/);
    expect(facts).toContain("2014");
    expect(facts).toMatch(/次引用/);
    expect(paperFile("vgg")).not.toContain(VGG_S2);
    await page.screenshot({ path: join(ARTIFACTS, "resolve-page-asked.png"), fullPage: true });
    const searches = api.count({ path: "/graph/v1/paper/search" });
    await offered.locator("button[data-pick]").click();
    await expect.poll(() => vgg.getAttribute("data-outcome"), { timeout: 15_000 }).toBe("resolved");
    expect(paperFile("vgg")).toContain(`s2: ${VGG_S2}`);
    // The pick was answered from the response cache, and remembered for `jingdu resolve`.
    expect(api.count({ path: "/graph/v1/paper/search" })).toBe(searches);
    expect(readFileSync(join(root, RESOLVE_ANSWERS_FILE), "utf8")).toContain(`"paper":"vgg"`);

    // Only the paper still without ids is left to resolve.
    await page.reload();
    expect(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-resolve-paper"))),
    ).toEqual(["zzyzx"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("links a name-only paper's page to its search, which starts at once", async () => {
    const { page, errors } = await browsing.open();
    await page.goto(`${server.url}papers/zzyzx/`);
    await page.getByRole("link", { name: "查找编号" }).click();
    await page.waitForURL(/\/_\/resolve\?paper=zzyzx$/);
    await expect
      .poll(() => page.locator("#resolve-zzyzx").getAttribute("data-outcome"), { timeout: 15_000 })
      .toBe("not-found");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
