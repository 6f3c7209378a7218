import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/index.js";
import { loadLibrary } from "../../src/store/index.js";
import { addCourse, addPaper } from "../../src/workspace/index.js";
import { browserFile } from "../support/browser-file.js";
import { demoLibrary } from "../support/demo-library.js";
import {
  type FakeApiServer,
  sharedFixturesDir,
  startFakeApiServer,
} from "../support/fake-api-server.js";
import { makeTestSources } from "../support/test-sources.js";

/**
 * The web app's add form on the demo library, in Debian's chromium: a paper the catalog already
 * has is filled, not added again. Needs chromium and ../shared/fixtures (the recorded S2 title
 * match); skipped, saying which is missing, without them.
 */
const fixtures = sharedFixturesDir();
const browsing = browserFile("test/browser/add-dedupe.test.ts");
const suite = fixtures
  ? browsing.suite
  : (name: string, _fn: () => void) => it.skip(`${name}: ../shared/fixtures is missing`, () => {});

let root: string;
let api: FakeApiServer;
let server: RunningServer;

beforeAll(async () => {
  if (!browsing.chromium || !fixtures) return;
  root = await demoLibrary("jingdu-browser-add-");
  browsing.removeAfter(dirname(root));
  api = browsing.closeAfter(await startFakeApiServer({ fixturesDir: fixtures }));
  api.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:1512.03385" }, () => ({
    fixture: "synthetic:s2-paper-arxiv-resnet.SHAPED.json",
  }));
  const sources = makeTestSources(api.url);
  const library = async () => (await loadLibrary(root)).library;
  server = await browsing.serve({
    root,
    now: () => new Date("2026-12-02T10:00:00Z"),
    adders: {
      paper: async (input) => {
        const r = await addPaper({ root, sources, library: await library(), input });
        const what = r.paper.title ?? r.paper.short;
        return r.existing ? { what, existing: r.existing.file } : what;
      },
      course: async (input) => {
        const c = await addCourse({ root, sources, library: await library(), input });
        return c.existing ? { what: c.course.title, existing: c.existing.file } : c.course.title;
      },
    },
  });
});

suite("the add form on the demo library (real browser)", () => {
  it("fills transformer.md and resnet.md, says so, and creates no paper file", async () => {
    const before = readdirSync(join(root, "papers")).sort();
    const p = await browsing.open();
    await p.page.goto(new URL("/_/add", server.url).href);
    const status = p.page.locator("#app-status");
    await p.page.locator("#add-paper-input").fill("Attention Is All You Need");
    await p.page.locator('form[data-add="paper"] button[type="submit"]').click();
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toContain("papers/transformer.md");
    await p.page.locator("#add-paper-input").fill("arXiv:1512.03385");
    await p.page.locator('form[data-add="paper"] button[type="submit"]').click();
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toContain("papers/resnet.md");
    await p.page.locator("#add-course-input").fill("bilibili:BV1pu411o7BE");
    await p.page.locator('form[data-add="course"] button[type="submit"]').click();
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toContain("courses/limu/course.md");
    expect(readdirSync(join(root, "papers")).sort()).toEqual(before);
    expect(readFileSync(join(root, "papers/transformer.md"), "utf8")).toContain(
      "title: Attention is All you Need",
    );
    expect(readFileSync(join(root, "papers/resnet.md"), "utf8")).toContain(
      "title: Deep Residual Learning for Image Recognition",
    );
    expect(readdirSync(join(root, "courses"))).toEqual(["limu"]);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
