import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { siteFiles } from "../../test/support/site-output.js";
import type { Library } from "../core/index.js";
import { makeEpisode, makePaper } from "../core/make-items.js";

// Workers run the compiled render-worker.js, so this test drives the compiled build (`npm test`
// builds before it runs Vitest).
const DIST = fileURLToPath(new URL("../../dist/site/index.js", import.meta.url));
const WORKER = fileURLToPath(new URL("../../dist/site/render-worker.js", import.meta.url));
const compiled = existsSync(DIST) && existsSync(WORKER);
const suite = compiled ? describe : describe.skip;
const now = () => new Date("2024-07-10T08:00:00Z");

/** The fixture with many more papers and episodes, each with a note with math and a link. */
function largerLibrary(copies: number): Library {
  const library = fixtureLibrary("en");
  const course = library.courses[0];
  if (!course) throw new Error("fixture has no course");
  for (let i = 0; i < copies; i++) {
    library.papers.push(
      makePaper({
        id: `p-${i}`,
        short: `Paper ${i}`,
        categories: [i % 2 === 0 ? "nlp" : "视觉"],
        covered: i % 3 === 0,
        notes: `## Note ${i}\n\nSee [[bert]]; $x_{${i}}^2$ and\n\n$$\n\\frac{${i}}{n}\n$$\n`,
      }),
    );
    course.episodes.push(
      makeEpisode({
        courseId: course.id,
        number: course.episodes.length + 1,
        title: `Episode ${i}`,
        date: `2022-01-${String((i % 28) + 1).padStart(2, "0")}`,
        videos: [{ site: "bilibili", id: "BV1P3411y7nn", url: "https://b23.tv/BV1P3411y7nn" }],
        papers: [`p-${i}`],
        notes: `At 1:02 we see $\\alpha_{${i}}$ and [[p-${i}]] ![x](files/missing-${i}.png).`,
      }),
    );
  }
  return library;
}

suite(`buildSite with worker threads${compiled ? "" : " — SKIPPED: run npm run build first"}`, () => {
  const temps: string[] = [];
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it("writes the same bytes and reports the same warnings as on one thread", async () => {
    const { buildSite } = (await import(DIST)) as typeof import("./index.js");
    const library = largerLibrary(60);
    const build = (workers: number) => {
      const outDir = mkdtempSync(join(tmpdir(), `jingdu-workers-${workers}-`));
      temps.push(outDir);
      return { outDir, result: buildSite(library, { outDir, baseUrl: "/", now, workers }) };
    };
    const one = build(0);
    const two = build(2);
    expect(siteFiles(two.outDir)).toEqual(siteFiles(one.outDir));
    expect(two.result.warnings).toEqual(one.result.warnings);
    expect(two.result.warnings.filter((w) => w.rule === "link-unresolved")).toHaveLength(60);
    expect(two.result.written).toEqual(one.result.written);

    // A rebuild after a note in the feed changed reuses the workers' feed entries for the others
    // and stays identical.
    const feed = readFileSync(join(two.outDir, "feed.xml"), "utf8");
    const inFeed = feed.match(/\/papers\/(p-\d+)\//)?.[1];
    const changed = structuredClone(library);
    const paper = changed.papers.find((p) => p.id === inFeed);
    if (!paper) throw new Error(`no paper of the feed (${inFeed})`);
    paper.notes += "\nChanged.\n";
    const again = buildSite(changed, { outDir: two.outDir, baseUrl: "/", now });
    expect(again.rendered).toBe(3);
    const fresh = mkdtempSync(join(tmpdir(), "jingdu-workers-fresh-"));
    temps.push(fresh);
    buildSite(changed, { outDir: fresh, baseUrl: "/", now, workers: 0 });
    expect(siteFiles(two.outDir)).toEqual(siteFiles(fresh));
  });

  it("shares the render cache: workers reuse its notes and hand theirs over", async () => {
    const { buildSite } = (await import(DIST)) as typeof import("./index.js");
    const library = largerLibrary(60);
    const cacheDir = mkdtempSync(join(tmpdir(), "jingdu-workers-cache-"));
    temps.push(cacheDir);
    const renderCache = join(cacheDir, "render-cache.bin");
    const build = (workers: number) => {
      const outDir = mkdtempSync(join(tmpdir(), `jingdu-workers-cached-${workers}-`));
      temps.push(outDir);
      return {
        outDir,
        result: buildSite(library, { outDir, baseUrl: "/", now, workers, renderCache }),
      };
    };
    // Every paper's, episode's and course's note that is not empty.
    const notes = [
      ...library.papers,
      ...library.courses,
      ...library.courses.flatMap((c) => c.episodes),
    ].filter((item) => item.notes.trim() !== "").length;
    const first = build(2);
    expect(first.result.notes).toEqual({ reused: 0, rendered: notes });
    const second = build(2);
    expect(second.result.notes).toEqual({ reused: notes, rendered: 0 });
    const third = build(0);
    expect(third.result.notes).toEqual({ reused: notes, rendered: 0 });
    expect(siteFiles(second.outDir)).toEqual(siteFiles(first.outDir));
    expect(siteFiles(third.outDir)).toEqual(siteFiles(first.outDir));
  });
});
