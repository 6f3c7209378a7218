import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSiteRoutes } from "../src/app/index.js";
import { createMarkdownProcessor } from "../src/render/index.js";
import { loadMetrics } from "../src/site/site-inputs.js";
import { refreshLibrary } from "../src/sources/index.js";
import { loadLibrary } from "../src/store/index.js";
import { demoLibrary } from "./support/demo-library.js";
import {
  type FakeApiServer,
  SYNTHETIC_FIXTURES,
  startFakeApiServer,
} from "./support/fake-api-server.js";
import { runJingduAsync } from "./support/run-cli.js";
import { fakeApiEnv, makeTestSources } from "./support/test-sources.js";

/**
 * The fresh demo library knows its papers: `refresh --only s2` asks Semantic Scholar once for all
 * 90 of them, and the catalog then shows every count with its source and date. The fake S2
 * answers each id with the synthetic batch element (shape of a recorded /paper/batch answer).
 */
let root: string;
let api: FakeApiServer;
const batches: string[][] = [];
let round = 0;

beforeAll(async () => {
  root = await demoLibrary("jingdu-demo-refresh-");
  api = await startFakeApiServer();
  const element = readFileSync(join(SYNTHETIC_FIXTURES, "s2-batch-paper.synthetic.json"), "utf8");
  api.handle({ method: "POST", path: "/graph/v1/paper/batch" }, (req) => {
    const { ids } = JSON.parse(req.body) as { ids: string[] };
    batches.push(ids);
    const answer = ids.map((id, i) => {
      const p = JSON.parse(element.replaceAll("PAPER_ID", id).replace("TITLE", id));
      p.citationCount = 1000 + i * 10 + round;
      return p;
    });
    return { status: 200, body: JSON.stringify(answer) };
  });
});
afterAll(async () => {
  await api.close();
  rmSync(dirname(root), { recursive: true, force: true });
});

it("a fresh demo library: 90/90 papers with an S2 id, one batch request, every count shown", async () => {
  const { library } = await loadLibrary(root);
  expect(library.papers).toHaveLength(90);
  expect(library.papers.filter((p) => p.ids.s2)).toHaveLength(90);

  const sources = makeTestSources(api.url);
  const res = await refreshLibrary({ library, libraryRoot: root, sources, only: ["s2"] });
  expect(res.outcome).not.toBe("failed");
  expect(batches).toHaveLength(1);
  expect(new Set(batches[0])).toEqual(new Set(library.papers.map((p) => p.ids.s2)));

  const { metrics } = await loadMetrics(root);
  const site = createSiteRoutes(library, {
    markdown: createMarkdownProcessor(),
    baseUrl: "/",
    now: () => new Date("2025-12-02T08:00:00Z"),
    metrics,
  });
  const catalog = String(site.render("/papers/").body);
  const shown = catalog.match(/· Semantic Scholar · 2025-12-01/g) ?? [];
  expect(shown).toHaveLength(90);
  expect(catalog).not.toContain('class="unknown"');
  // Sortable: every row carries its year and citations, the headers say what sorts.
  expect(catalog.match(/data-citations="\d+"/g)).toHaveLength(90);
  expect(catalog).toContain('data-sort="citations"');
  expect(catalog).toContain('data-sort="year"');
  // One recorded count is no history: no chart yet.
  expect(String(site.render("/papers/resnet/").body)).not.toContain("<svg");

  // A second refresh a week later records a second count: the paper page charts both.
  round = 5;
  sources.advance(7 * 24 * 3600 * 1000);
  await refreshLibrary({ library, libraryRoot: root, sources, only: ["s2"], olderThanMs: 0 });
  expect(batches).toHaveLength(2);
  const later = createSiteRoutes(library, {
    markdown: createMarkdownProcessor(),
    baseUrl: "/",
    now: () => new Date("2025-12-09T08:00:00Z"),
    metrics: (await loadMetrics(root)).metrics,
  });
  const resnet = String(later.render("/papers/resnet/").body);
  expect(resnet).toContain("· Semantic Scholar · 2025-12-08");
  expect(resnet).toMatch(/<figure class="jd-chart" id="history-paper-resnet"/);
  expect(resnet.match(/<circle class="jd-point"/g)).toHaveLength(2);
});

it("the same as a person types it: `jingdu refresh --only s2` in a fresh demo sends one batch for all 90", async () => {
  const fresh = await demoLibrary("jingdu-demo-refresh-cli-");
  try {
    const before = batches.length;
    const run = await runJingduAsync(["refresh", "--only", "s2"], {
      cwd: fresh,
      env: fakeApiEnv(api.url),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(batches.length - before).toBe(1);
    const { library } = await loadLibrary(fresh);
    expect(new Set(batches.at(-1))).toEqual(new Set(library.papers.map((p) => p.ids.s2)));
    // Every paper's count is recorded, with its source and the day it was fetched.
    const records = readFileSync(join(fresh, "metadata/semantic-scholar.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            key: string;
            source: string;
            fetchedAt: string;
            values: { citationCount?: number };
          },
      );
    expect(new Set(records.map((r) => r.key)).size).toBe(90);
    for (const r of records) {
      expect(r.source).toBe("semantic-scholar");
      expect(r.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(r.values.citationCount).toBeGreaterThanOrEqual(1000);
    }
  } finally {
    rmSync(dirname(fresh), { recursive: true, force: true });
  }
});
