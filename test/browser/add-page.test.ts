import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/index.js";
import { paperAdders } from "../support/app-suite.js";
import { ARTIFACTS } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { startFakeApiServer } from "../support/fake-api-server.js";
import { runCliInProcess } from "../support/run-cli.js";
import { makeTestSources } from "../support/test-sources.js";

/**
 * The add page in chromium (issue 20): the success message stays after the live reload the add
 * causes, the paper goes into the category picked, an uncertain title match is offered in the
 * page (no CLI hint) and added on the answer, and a failing source is said in the page's
 * language without the API's address. Against a fake Semantic Scholar on 127.0.0.1 answering
 * the shaped resnet record (test/fixtures/sources/README.md says where its shape is documented).
 */
const browsing = browserFile("test/browser/add-page.test.ts");
const suite = browsing.suite;

const RESNET = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../fixtures/sources/s2-paper-arxiv-resnet.SHAPED.json"),
    "utf8",
  ),
) as Record<string, unknown>;

let server: RunningServer;
let root: string;

beforeAll(async () => {
  if (!browsing.chromium) return;
  const dir = browsing.temp("jingdu-add-page-");
  const init = await runCliInProcess(["init", "lib", "--language", "zh"], { cwd: dir });
  expect(init.code, init.stderr).toBe(0);
  root = join(dir, "lib");
  writeFileSync(
    join(root, "categories.yaml"),
    "- id: 计算机视觉-cnn\n  name: 计算机视觉 - CNN\n- id: 生成模型\n  name: 生成模型\n",
  );
  const api = browsing.closeAfter(await startFakeApiServer({}));
  api.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:1512.03385" }, () => ({
    fixture: "synthetic:s2-paper-arxiv-resnet.SHAPED.json",
  }));
  // A title match with a low score: documented shape of /paper/search/match (s2-schema.ts).
  // A source that fails: what the page says must not be its address.
  api.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:2001.00001" }, () => ({
    status: 500,
    headers: { "content-type": "text/plain" },
    body: "upstream exploded at http://10.1.2.3/internal",
  }));
  api.handle({ method: "GET", path: "/graph/v1/paper/search/match" }, () => ({
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      data: [{ ...RESNET, title: "Residual Networks Revisited", matchScore: 3 }],
    }),
  }));
  const sources = makeTestSources(api.url);
  server = await browsing.serve({ root, watch: true, adders: paperAdders(root, sources) });
}, 60_000);

suite("the add page (real browser, fake S2)", { timeout: 90_000 }, () => {
  it("keeps the success message, puts the paper in the picked category", async () => {
    const { page, errors } = await browsing.open();
    await page.goto(`${server.url}_/add`);
    const picker = page.locator("#add-paper-category");
    expect(await picker.locator("option").first().textContent()).toBe("（暂不分类）");
    await picker.selectOption("计算机视觉-cnn");
    await page.locator("#add-paper-input").fill("arXiv:1512.03385");
    await page.locator('form[data-add="paper"] button[type="submit"]').click();
    const status = page.locator("#app-status");
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toBe("已添加 Deep Residual Learning for Image Recognition。");
    const added = readdirSync(join(root, "papers")).filter((f) => f.endsWith(".md"));
    expect(added).toHaveLength(1);
    const file = readFileSync(join(root, "papers", added[0] ?? ""), "utf8");
    expect(file).toMatch(/categories: \[ ?计算机视觉-cnn ?\]/);
    // After a reload (what the live reload does) the answer is still there.
    await page.reload();
    await expect
      .poll(() => status.textContent())
      .toBe("已添加 Deep Residual Learning for Image Recognition。");
    await page.screenshot({ path: join(ARTIFACTS, "add-page-added.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("offers an uncertain match in the page and adds it on the answer", async () => {
    const { page, errors } = await browsing.open();
    await page.goto(`${server.url}_/add`);
    await page.locator("#add-paper-input").fill("residual nets again");
    await page.locator('form[data-add="paper"] button[type="submit"]').click();
    const status = page.locator("#app-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain("不够确定");
    const text = (await status.textContent()) ?? "";
    expect(text).toContain("Deep Residual Learning for Image Recognition");
    expect(text).not.toContain("jingdu add");
    expect(text).not.toContain("--yes");
    await page.locator("button[data-add-anyway]").click();
    // The first test added this paper: the accepted match fills that file, no new one.
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toMatch(/^Deep Residual Learning for Image Recognition 已在库中：已补全 papers\/.*\.md/);
    expect(readdirSync(join(root, "papers")).filter((f) => f.endsWith(".md"))).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("says a failing source in Chinese, without the API's address", async () => {
    const { page } = await browsing.open();
    await page.goto(`${server.url}_/add`);
    await page.locator("#add-paper-input").fill("arXiv:2001.00001");
    await page.locator('form[data-add="paper"] button[type="submit"]').click();
    const status = page.locator("#app-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain("元数据来源");
    const text = (await status.textContent()) ?? "";
    expect(text).not.toMatch(/127\.0\.0\.1|http/);
    await page.context().close();
  });
});
