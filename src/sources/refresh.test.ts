import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  describeWithFixtures,
  type FakeApi,
  sharedFixturesDir,
  startFakeApi,
} from "../../test/support/fake-api.js";
import {
  bilibiliCourse,
  library,
  manyPapers,
  paper,
  serveSyntheticBatch,
} from "../../test/support/library-builder.js";
import { makeTestSources } from "../../test/support/test-sources.js";
import { loadFetchedMetadata, mergePaperWithFetched } from "./fetched-metadata.js";
import { refreshLibrary } from "./refresh.js";

const fixtures = sharedFixturesDir();
const BATCH = { method: "POST", path: "/graph/v1/paper/batch" };
const VIEW = { path: "/x/web-interface/view" };
const DAY = 86_400_000;

function readLines(root: string, file: string): unknown[] {
  return readFileSync(join(root, "metadata", file), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));
}

describeWithFixtures("refresh against the fake server", () => {
  let server: FakeApi;
  let root: string;
  beforeEach(async () => {
    server = await startFakeApi({ fixturesDir: fixtures as string });
    root = mkdtempSync(join(tmpdir(), "jingdu-refresh-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("refreshes 1,200 papers with exactly 3 batch requests, and 0 within max age", async () => {
    serveSyntheticBatch(server);
    const sources = server.sources();
    const lib = library(manyPapers(1200));
    const progress: number[] = [];
    const first = await refreshLibrary({
      library: lib,
      libraryRoot: root,
      sources,
      onProgress: (p) => progress.push(p.done),
    });
    expect(server.count(BATCH)).toBe(3);
    const sizes = server.requests.map((r) => (JSON.parse(r.body) as { ids: string[] }).ids.length);
    expect(sizes).toEqual([500, 500, 200]);
    expect(first.summary.s2).toEqual({
      updated: 1200,
      unchanged: 0,
      "not-found": 0,
      failed: 0,
      skipped: 0,
      cached: 0,
    });
    expect(progress.at(-1)).toBe(1200);
    expect(readLines(root, "semantic-scholar.jsonl")).toHaveLength(1200);

    sources.advance(DAY);
    const second = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(server.count(BATCH)).toBe(3);
    expect(second.summary.s2.cached).toBe(1200);

    sources.advance(7 * DAY);
    const third = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(server.count(BATCH)).toBe(6);
    expect(third.summary.s2.unchanged).toBe(1200);
    expect(existsSync(join(root, ".jingdu", "refresh-checkpoint.json"))).toBe(false);
  });

  it("keeps values with source and time, and a history of citation counts", async () => {
    let bump = 0;
    serveSyntheticBatch(server, { citations: (n) => n * 10 + bump });
    const sources = server.sources();
    const lib = library([
      paper("resnet", { corpusId: 7 }, { title: "My own title", summary: "mine" }),
    ]);
    await refreshLibrary({ library: lib, libraryRoot: root, sources });
    bump = 5;
    sources.advance(8 * DAY);
    const r = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(r.summary.s2.updated).toBe(1);
    const { maps } = await loadFetchedMetadata(root);
    const record = maps.s2.get("paper:resnet");
    expect(record).toMatchObject({
      source: "semantic-scholar",
      query: "CorpusId:7",
      status: "ok",
      fetchedAt: "2025-12-09T08:00:00.000Z",
    });
    expect(record?.history.citationCount).toEqual([
      ["2025-12-01", 70],
      ["2025-12-09", 75],
    ]);
    const view = mergePaperWithFetched(lib.papers[0] as never, maps);
    expect(view.paper.title).toBe("My own title"); // a person's title wins
    expect(view.paper.summary).toBe("mine");
    expect(view.paper.year).toBe(2020);
    expect(view.provenance.year).toEqual({
      source: "semantic-scholar",
      fetchedAt: "2025-12-09T08:00:00.000Z",
    });
    expect(view.citations).toMatchObject({ count: 75, fetchedAt: "2025-12-09T08:00:00.000Z" });
  });

  it("marks ids S2 answers with null as not found (recorded batch)", async () => {
    const sources = server.sources();
    const lib = library([
      paper("unknown", { corpusId: 211530585 }),
      paper("dd", { corpusId: 470667 }),
      paper("micro", { doi: "10.2139/ssrn.2250500" }),
      paper("sha", { s2: "0f40b1f08821e22e859c6050916cec3667778613" }),
      paper("vgg", {}, { unresolved: true }),
    ]);
    const r = await refreshLibrary({ library: lib, libraryRoot: root, sources, only: ["s2"] });
    expect(server.unmatched).toEqual([]);
    const by = Object.fromEntries(r.items.map((i) => [i.key, i]));
    expect(by["paper:unknown"]).toMatchObject({
      outcome: "not-found",
      reason: "semantic-scholar does not know CorpusId:211530585",
    });
    expect(by["paper:dd"]?.outcome).toBe("updated");
    expect(by["paper:micro"]?.outcome).toBe("updated");
    expect(by["paper:vgg"]).toMatchObject({
      outcome: "skipped",
      reason: expect.stringMatching(/no id/),
    });
  });

  it("waits out a 429 with Retry-After: 2 and succeeds", async () => {
    serveSyntheticBatch(server);
    server.script(BATCH, {
      status: 429,
      headers: { "retry-after": "2" },
      fixture: "semanticscholar/s2-429-too-many-requests.OBSERVED.json",
    });
    const sources = server.sources();
    const r = await refreshLibrary({ library: library(manyPapers(3)), libraryRoot: root, sources });
    expect(sources.sleeps).toContain(2000);
    expect(r.summary.s2.updated).toBe(3);
  });

  it("succeeds after 503 three times", async () => {
    serveSyntheticBatch(server);
    const busy = { status: 503, body: "Service Unavailable" };
    server.script(BATCH, busy, busy, busy);
    const r = await refreshLibrary({
      library: library(manyPapers(3)),
      libraryRoot: root,
      sources: server.sources(),
    });
    expect(server.count(BATCH)).toBe(4);
    expect(r.summary.s2.updated).toBe(3);
  });

  it("reports a timeout after retrying, and stores nothing", async () => {
    server.script(BATCH, { hang: true }, { hang: true });
    const sources = server.sources({
      tweak: (s) => {
        s.s2.timeoutMs = 150;
        s.s2.retry.retries = 1;
      },
    });
    const r = await refreshLibrary({ library: library(manyPapers(2)), libraryRoot: root, sources });
    expect(server.count(BATCH)).toBe(2);
    expect(r.items.map((i) => i.outcome)).toEqual(["failed", "failed"]);
    expect(r.items[0]?.reason).toMatch(/no answer within 150 ms/);
    expect(existsSync(join(root, "metadata", "semantic-scholar.jsonl"))).toBe(false);
  });

  it("reports truncated JSON and stores nothing", async () => {
    server.script(BATCH, {
      status: 200,
      fixture: "semanticscholar/s2-paper-batch-fields-authors.json",
      truncateTo: 120,
    });
    const r = await refreshLibrary({
      library: library(manyPapers(3)),
      libraryRoot: root,
      sources: server.sources(),
    });
    expect(r.summary.s2.failed).toBe(3);
    expect(r.items[0]?.reason).toMatch(
      /POST .*\/paper\/batch.*: unexpected response: JSON cut short/,
    );
    expect(existsSync(join(root, "metadata", "semantic-scholar.jsonl"))).toBe(false);
  });

  it("stops bilibili on -412 with a clear message while the rest goes on, then backs off", async () => {
    serveSyntheticBatch(server);
    server.script(VIEW, {
      status: 412,
      fixture: "bilibili/bilibili-code-412-blocked.OBSERVED.json",
    });
    const sources = server.sources();
    const lib = library(manyPapers(2), [
      bilibiliCourse("a", ["BV1wE4m1R7cu"]),
      bilibiliCourse("b", ["BV1X54y1C74U"]),
    ]);
    const r = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(r.summary.s2.updated).toBe(2);
    expect(r.summary.bilibili.failed).toBe(2);
    expect(r.outcome).toBe("partial");
    expect(r.notFetched).toBe(2);
    expect(server.count(VIEW)).toBe(1);
    expect(r.stopped).toEqual([
      expect.objectContaining({
        source: "bilibili",
        message: expect.stringMatching(/-412/),
        hint: expect.stringMatching(/few hours/),
      }),
    ]);
    sources.advance(3_600_000);
    const again = await refreshLibrary({
      library: lib,
      libraryRoot: root,
      sources,
      only: ["bilibili"],
    });
    expect(server.count(VIEW)).toBe(1);
    expect(again.summary.bilibili.skipped).toBe(2);
    sources.advance(6 * 3_600_000);
    const later = await refreshLibrary({
      library: lib,
      libraryRoot: root,
      sources,
      only: ["bilibili"],
    });
    expect(later.summary.bilibili.updated).toBe(2);
  });

  it("refreshes a collection course with one request and records views and runtimes", async () => {
    const sources = server.sources();
    const lib = library(
      [],
      [bilibiliCourse("wukong", ["BV1tN4y1F79k", "BV1Ye4y1f7kA"], "bilibili-collection")],
    );
    const r = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(server.count(VIEW)).toBe(1);
    expect(r.summary.bilibili.updated).toBe(2);
    const { maps } = await loadFetchedMetadata(root);
    expect(maps.bilibili.get("video:BV1Ye4y1f7kA")?.values).toMatchObject({
      duration: 330,
      views: 11077854,
    });
    expect(maps.bilibili.get("video:BV1Ye4y1f7kA")?.history.views).toEqual([
      ["2025-12-01", 11077854],
    ]);
  });

  it("records a deleted video as not found", async () => {
    server.script(VIEW, { fixture: "bilibili/bilibili-view-code-404.OBSERVED.json" });
    const r = await refreshLibrary({
      library: library([], [bilibiliCourse("gone", ["BV1xx411c7mD"])]),
      libraryRoot: root,
      sources: server.sources(),
    });
    expect(r.items[0]).toMatchObject({
      outcome: "not-found",
      reason: expect.stringMatching(/deleted \(-404\)/),
    });
  });

  it("with no network, says so and changes nothing", async () => {
    const url = server.url;
    await server.close();
    const sources = makeTestSources(url, {
      tweak: (s) => {
        s.s2.retry.retries = 1;
      },
    });
    const lib = library(manyPapers(5), [bilibiliCourse("a", ["BV1wE4m1R7cu"])]);
    const r = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(r.offline).toBe(true);
    expect(r.message).toBe("no network: nothing changed");
    expect(existsSync(join(root, "metadata"))).toBe(false);
    server = await startFakeApi();
  });

  it("resumes an interrupted refresh where it stopped", async () => {
    serveSyntheticBatch(server);
    const sources = server.sources();
    const lib = library(manyPapers(1200));
    const abort = new AbortController();
    const first = await refreshLibrary({
      library: lib,
      libraryRoot: root,
      sources,
      olderThanMs: 0,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.done === 500) abort.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    expect(server.count(BATCH)).toBe(1);
    expect(existsSync(join(root, ".jingdu", "refresh-checkpoint.json"))).toBe(true);
    const second = await refreshLibrary({
      library: lib,
      libraryRoot: root,
      sources,
      olderThanMs: 0,
    });
    expect(second.resumed).toBe(true);
    expect(server.count(BATCH)).toBe(3);
    expect(second.summary.s2.updated).toBe(1200);
    expect(readdirSync(join(root, "metadata"))).toEqual(["semantic-scholar.jsonl"]);
  });
});
