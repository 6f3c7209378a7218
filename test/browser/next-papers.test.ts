import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type CitationGraph,
  emptyCitationGraph,
  RECOMMENDATIONS_FILE,
  serializeCitationGraph,
  serializeRecommendations,
} from "../../src/core/index.js";
import type { RunningServer } from "../../src/server/index.js";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, CHROMIUM, openGuardedPage } from "../support/browser.js";
import { type FakeApi, startFakeApi } from "../support/fake-api.js";
import { runCliInProcess } from "../support/run-cli.js";

/** A click that navigates: expect.poll's 1 s default is too short on a loaded 2-core machine. */
const NAVIGATION = { timeout: 15_000 };

/**
 * The Next page and the graph view in chromium (issue 19): on the built-in library with ResNet
 * and ViT read, a citation graph written by `serializeCitationGraph` (as `refresh --graph`
 * keeps it), where both cite Batch Normalization. The page lists it first with the reason naming
 * both, draws a node per paper, and its add button adds it through a fake Semantic Scholar on
 * 127.0.0.1 answering a record of the documented `/paper/{id}` shape
 * (test/fixtures/sources/s2-paper-arxiv-resnet.SHAPED.json with Batch Normalization's fields).
 */
const suite = browserSuite("test/browser/next-papers.test.ts");
const app = appSuite("jingdu-next-papers-");

const RESNET = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";
const VIT = "7b15fa1b8d413fbe14ef7a97f651f47f5aff3903";
const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const NIN = "5e83ab70d0cbc003471e87ec306d27d9c80ecb16";
const LATER = "6351ebb4a3287f5f3e1273464b3b91e5df5a16d7";
const at = "2026-12-01T10:00:00.000Z";

function graph(): CitationGraph {
  const g = emptyCitationGraph();
  g.papers.set(RESNET, { s2: RESNET, title: "Deep Residual Learning", year: 2015 });
  g.papers.set(VIT, { s2: VIT, title: "An Image is Worth 16x16 Words", year: 2020 });
  g.papers.set(BN, {
    s2: BN,
    title: "Batch Normalization: Accelerating Deep Network Training",
    year: 2015,
    venue: "ICML",
    citationCount: 45000,
    ids: { arxiv: "1502.03167" },
  });
  g.papers.set(NIN, { s2: NIN, title: "Network In Network", year: 2013, citationCount: 6000 });
  g.papers.set(LATER, { s2: LATER, title: "Scaling Vision Transformers Further", year: 2021 });
  g.references.set(RESNET, [BN, NIN]);
  g.citations.set(RESNET, [VIT]);
  g.references.set(VIT, [BN, RESNET]);
  g.citations.set(VIT, [LATER]);
  g.fetched.set(RESNET, { fetchedAt: at });
  g.fetched.set(VIT, { fetchedAt: at });
  return g;
}

const BN_RECORD = {
  ...JSON.parse(
    readFileSync(
      join(import.meta.dirname, "../fixtures/sources/s2-paper-arxiv-resnet.SHAPED.json"),
      "utf8",
    ),
  ),
  paperId: BN,
  externalIds: { ArXiv: "1502.03167", CorpusId: 5808102 },
  title: "Batch Normalization: Accelerating Deep Network Training",
  venue: "International Conference on Machine Learning",
  year: 2015,
  citationCount: 45000,
  authors: [{ authorId: "2054165706", name: "Sergey Ioffe" }],
};

interface Label {
  text: string;
  /** The font's size on screen, in CSS pixels (the SVG scales with the page). */
  px: number;
  box: { left: number; top: number; right: number; bottom: number };
}

/** What a reader sees of each node's label in the graph view. */
function nodeLabels(page: import("playwright-core").Page): Promise<Label[]> {
  // A string: the test's TypeScript has no DOM types.
  return page.evaluate<Label[]>(`(() => {
    const svg = document.querySelector("#next-graph svg");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("a.jd-node text")].map((t) => {
      const r = t.getBoundingClientRect();
      return {
        text: t.textContent,
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      };
    });
  })()`);
}

/** Labels a person can read: text in each, at least `minPx` on screen, none over another. */
function expectReadable(labels: Label[], minPx: number): void {
  expect(labels.length).toBeGreaterThan(0);
  for (const l of labels) {
    expect(l.text.trim(), "a node without a label").not.toBe("");
    expect(l.px, `“${l.text}” is ${l.px.toFixed(1)} px on screen`).toBeGreaterThanOrEqual(minPx);
  }
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) {
      const apart =
        a.box.right <= b.box.left ||
        b.box.right <= a.box.left ||
        a.box.bottom <= b.box.top ||
        b.box.bottom <= a.box.top;
      expect(apart, `“${a.text}” overlaps “${b.text}”`).toBe(true);
    }
  }
}

let api: FakeApi;
let server: RunningServer;
let root: string;

beforeAll(async () => {
  if (!CHROMIUM) return;
  root = await app.library(["--template", "limu", "--language", "zh"]);
  for (const paper of ["resnet", "vit"]) {
    const read = await runCliInProcess(["read", paper, "--pass", "1"], { cwd: root });
    expect(read.code, read.stderr).toBe(0);
  }
  mkdirSync(join(root, "metadata"), { recursive: true });
  writeFileSync(join(root, "metadata/citation-graph.jsonl"), serializeCitationGraph(graph()));
  api = await startFakeApi();
  api.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:1502.03167" }, () => ({
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BN_RECORD),
  }));
  server = await app.serve(root, { watch: true, sources: api.sources() });
}, 60_000);
afterAll(async () => {
  await api?.close();
});

const papersOnDisk = () => readdirSync(join(root, "papers")).filter((f) => f.endsWith(".md"));

suite("the Next page and the graph view (real browser, fake S2)", { timeout: 90_000 }, () => {
  it("a paper page links to its neighbourhood, drawn with a node per paper", async () => {
    const { page, errors, close } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}papers/resnet/`);
    await page.locator("a.app-next").click();
    await expect.poll(() => page.locator("h1").textContent(), NAVIGATION).toBe("ResNet 的引用关系");
    const nodes = page.locator("#next-graph svg a.jd-node");
    expect(
      (await nodes.evaluateAll((as) => as.map((a) => a.getAttribute("data-s2")))).sort(),
    ).toEqual([BN, LATER, NIN, RESNET].sort());
    // ViT is a library paper (never suggested); what cites it is two hops away (PageRank).
    // ResNet's own node goes to its page; the others to their entry on this page.
    expect(await page.locator(`a.jd-node[data-s2="${RESNET}"]`).getAttribute("href")).toBe(
      "/papers/resnet/",
    );
    expect(await page.locator("#next-graph svg title").first().textContent()).toBe("引用关系图");
    const labels = await nodeLabels(page);
    expect(labels.map((l) => l.text).sort()).toEqual(
      [
        "Batch Normalization: Accelerat…",
        "Network In Network",
        "ResNet",
        "Scaling Vision Transformers Fu…",
      ].sort(),
    );
    expectReadable(labels, 11);
    expect(errors).toEqual([]);
    await close();
    // On a phone the graph scales down with the page: no horizontal scroll.
    const phone = await openGuardedPage(app.browser(), 390);
    await phone.page.goto(`${server.url}_/next`);
    await phone.page.waitForLoadState("load");
    const overflow = await phone.page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.goto(`${server.url}papers/resnet/`);
    await phone.page.locator("a.app-next").click();
    await expect.poll(() => phone.page.locator("#next-graph svg a.jd-node").count()).toBe(4);
    expectReadable(await nodeLabels(phone.page), 9);
    await phone.page.screenshot({ path: join(ARTIFACTS, "next-papers-390.png"), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.close();
  });

  it("lists the paper both seeds cite with its reason, and adds it in one click", async () => {
    const { page, errors, close } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}`);
    await page.locator(".site-header nav a", { hasText: "下一步" }).click();
    await expect.poll(() => page.locator("h1").textContent(), NAVIGATION).toBe("下一步读什么");
    const first = page.locator("li.suggestion").first();
    expect(await first.getAttribute("data-s2")).toBe(BN);
    expect(await first.locator(".reason").textContent()).toBe(
      "被你读过的 2 篇论文引用：ResNet、ViT",
    );
    // One node per paper: the two seeds and the three suggestions.
    const nodes = page.locator("#next-graph svg a.jd-node");
    expect(
      (await nodes.evaluateAll((as) => as.map((a) => a.getAttribute("data-s2")))).sort(),
    ).toEqual([BN, LATER, NIN, RESNET, VIT].sort());
    expect(await page.locator(`a.jd-node[data-s2="${BN}"]`).getAttribute("href")).toBe(
      "#suggestion-1",
    );
    await page.screenshot({ path: join(ARTIFACTS, "next-papers-zh.png"), fullPage: true });
    const before = papersOnDisk().length;
    await first.locator("button[data-add-suggestion]").click();
    await expect
      .poll(() => first.locator("[role=status]").textContent(), { timeout: 15_000 })
      .toBe("已添加 Batch Normalization: Accelerating Deep Network Training。");
    expect(await first.locator("button").textContent()).toBe("已加入论文库");
    expect(await first.getAttribute("class")).toContain("added");
    const added = papersOnDisk();
    expect(added).toHaveLength(before + 1);
    const file = added
      .map((f) => readFileSync(join(root, "papers", f), "utf8"))
      .find((text) => text.includes("1502.03167"));
    expect(file).toContain(BN);
    // Opened again, it is a library paper now: no longer suggested.
    await page.reload();
    await expect.poll(() => page.locator(`li.suggestion[data-s2="${BN}"]`).count()).toBe(0);
    expect(await page.locator("li.suggestion").count()).toBe(2);
    expect(errors).toEqual([]);
    await close();
  });

  it("shows a paper Semantic Scholar recommended, saying from which papers it was asked", async () => {
    const convnext = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
    writeFileSync(
      join(root, RECOMMENDATIONS_FILE),
      serializeRecommendations({
        request: {
          source: "semantic-scholar",
          fetchedAt: at,
          positive: [
            { s2: RESNET, paper: "resnet", weight: 2 },
            { s2: VIT, paper: "vit", weight: 2 },
          ],
          negative: [],
          limit: 100,
        },
        papers: [
          { s2: convnext, title: "A ConvNet for the 2020s", year: 2022, citationCount: 5120 },
        ],
      }),
    );
    const { page, errors, close } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}_/next`);
    const item = page.locator(`li.suggestion[data-s2="${convnext}"]`);
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator(".reason").textContent()).toBe(
      "Semantic Scholar 根据 ResNet、ViT 推荐（第 1 位）",
    );
    expect(await page.locator(".next-recommended").textContent()).toBe(
      "含 Semantic Scholar 2026-12-01 的推荐。",
    );
    // Not in the citation graph: drawn as a node of its own, without edges.
    expect(await page.locator(`#next-graph svg a.jd-node[data-s2="${convnext}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});
