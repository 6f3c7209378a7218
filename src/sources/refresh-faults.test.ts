/**
 * Refresh when a source misbehaves: a long Retry-After (stop, remember, do not ask again before
 * then), a hanging server (bounded by the breaker), every item failing (outcome `failed`), some
 * failing (`partial`), and a source turned off in jingdu.yaml. Virtual clock; real HTTP.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeApi, startFakeApi } from "../../test/support/fake-api.js";
import {
  library,
  manyPapers,
  paper,
  serveSyntheticBatch,
} from "../../test/support/library-builder.js";
import { TEST_EPOCH } from "../../test/support/test-sources.js";
import { SOURCE_DEFAULTS } from "./config.js";
import { refreshLibrary } from "./refresh.js";

const BATCH = { method: "POST", path: "/graph/v1/paper/batch" };
const ARXIV = { path: "/api/query" };
const HOUR = 3_600_000;

describe("refresh when a source misbehaves", () => {
  let server: FakeApi;
  let root: string;
  beforeEach(async () => {
    server = await startFakeApi();
    root = mkdtempSync(join(tmpdir(), "jingdu-refresh-faults-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("Retry-After: 86400 stops S2 for the run and is remembered until then", async () => {
    serveSyntheticBatch(server);
    server.script(BATCH, {
      status: 429,
      headers: { "retry-after": "86400" },
      fixture: "s2-batch-paper.synthetic.json",
    });
    const sources = server.sources();
    const lib = library(manyPapers(6));
    const first = await refreshLibrary({
      library: lib,
      libraryRoot: root,
      sources,
      s2BatchSize: 2,
    });
    const until = new Date(TEST_EPOCH + 86_400_000).toISOString();
    // One request: the next two batches are not sent 1.1 s later.
    expect(server.count(BATCH)).toBe(1);
    expect(first.outcome).toBe("failed");
    expect(first.summary.s2).toMatchObject({ updated: 0, failed: 0, skipped: 6 });
    for (const item of first.items)
      expect(item.reason).toBe(
        `not asked: semantic-scholar asked to wait (Retry-After); may be asked again after ${until}`,
      );
    expect(first.stopped[0]?.message).toMatch(/Retry-After 86400 s: not asked again until/);
    const state = JSON.parse(readFileSync(join(root, ".jingdu", "sources-state.json"), "utf8"));
    expect(state.blocked.s2.until).toBe(until);

    sources.advance(2 * HOUR);
    const second = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(server.count(BATCH)).toBe(1);
    expect(second.outcome).toBe("failed");
    expect(second.summary.s2.skipped).toBe(6);
    expect(second.stopped[0]?.message).toBe(
      `not asked: semantic-scholar is left alone until ${until} (earlier: HTTP 429 with Retry-After 86400 s: not asked again until ${until})`,
    );

    sources.advance(23 * HOUR);
    const third = await refreshLibrary({ library: lib, libraryRoot: root, sources });
    expect(third.summary.s2.updated).toBe(6);
    expect(third.outcome).toBe("ok");
    // The wait is over and forgotten.
    const after = JSON.parse(readFileSync(join(root, ".jingdu", "sources-state.json"), "utf8"));
    expect(after.blocked.s2).toBeUndefined();
  });

  it("a short Retry-After is waited out exactly and the batch succeeds", async () => {
    serveSyntheticBatch(server);
    server.script(BATCH, { status: 429, headers: { "retry-after": "30" }, body: "{}" });
    const sources = server.sources();
    const r = await refreshLibrary({ library: library(manyPapers(2)), libraryRoot: root, sources });
    expect(sources.sleeps).toEqual([30_000]);
    expect(r.outcome).toBe("ok");
    expect(existsSync(join(root, ".jingdu", "sources-state.json"))).toBe(false);
  });

  it("a hanging S2 is asked twice, then paused: the rest is skipped, time is bounded", async () => {
    server.handle(BATCH, () => ({ hang: true }));
    const sources = server.sources({
      tweak: (s) => {
        s.s2.timeoutMs = 150;
      },
    });
    const started = performance.now();
    const r = await refreshLibrary({
      library: library(manyPapers(6)),
      libraryRoot: root,
      sources,
      s2BatchSize: 2,
    });
    const ms = performance.now() - started;
    expect(server.count(BATCH)).toBe(2);
    expect(ms).toBeLessThan(2000);
    expect(r.outcome).toBe("failed");
    expect(r.summary.s2).toMatchObject({ failed: 2, skipped: 4 });
    expect(r.notFetched).toBe(6);
    expect(r.items.find((i) => i.outcome === "failed")?.reason).toMatch(
      /semantic-scholar: POST .*\/paper\/batch.*: no answer within 150 ms/,
    );
    expect(r.items.find((i) => i.outcome === "skipped")?.reason).toMatch(
      /not asked: semantic-scholar paused after repeated failures \(no answer within 150 ms\); may be asked again after /,
    );
  });

  it("a 429 storm costs S2 at most 8 requests and ~37 s of waiting with the default settings", async () => {
    server.handle(BATCH, () => ({ status: 429, body: '{"code":"429"}' }));
    const sources = server.sources({
      tweak: (s) => {
        s.s2.retry = { ...SOURCE_DEFAULTS.s2.retry };
        s.s2.breaker = { ...SOURCE_DEFAULTS.s2.breaker };
      },
    });
    const r = await refreshLibrary({
      library: library(manyPapers(1200)),
      libraryRoot: root,
      sources,
      s2BatchSize: 100,
    });
    expect(server.count(BATCH)).toBe(8);
    const waited = sources.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeLessThanOrEqual(37_000);
    expect(r.outcome).toBe("failed");
    expect(r.summary.s2).toMatchObject({ failed: 100, skipped: 1100 });
  });

  it("every batch answered 500: outcome failed, each item names the request", async () => {
    server.handle(BATCH, () => ({ status: 500, body: '{"message":"Internal Server Error"}' }));
    const sources = server.sources();
    const r = await refreshLibrary({
      library: library(manyPapers(3)),
      libraryRoot: root,
      sources,
    });
    expect(r.outcome).toBe("failed");
    expect(r.summary.s2.failed).toBe(3);
    expect(r.items[0]?.reason).toMatch(/POST .*\/paper\/batch.*: HTTP 500/);
  });

  it("S2 fine and arXiv failing: outcome partial, with how many were not fetched", async () => {
    serveSyntheticBatch(server);
    server.handle(ARXIV, () => ({
      status: 200,
      headers: { "content-type": "text/html" },
      body: "<html><title>Service Unavailable</title></html>",
    }));
    const papers = [paper("a", { corpusId: 1, arxiv: "1706.03762" })];
    const r = await refreshLibrary({
      library: library(papers),
      libraryRoot: root,
      sources: server.sources(),
    });
    expect(r.summary.s2.updated).toBe(1);
    expect(r.summary.arxiv.failed).toBe(1);
    expect(r.outcome).toBe("partial");
    expect(r.notFetched).toBe(1);
  });

  it("a source turned off (sources.arxiv.enabled: false) is never asked", async () => {
    serveSyntheticBatch(server);
    const papers = [paper("a", { corpusId: 1, arxiv: "1706.03762" })];
    const r = await refreshLibrary({
      library: library(papers),
      libraryRoot: root,
      sources: server.sources({
        tweak: (s) => {
          s.arxiv.enabled = false;
        },
      }),
    });
    expect(server.count(ARXIV)).toBe(0);
    expect(r.disabled).toEqual(["arxiv"]);
    expect(r.summary.arxiv).toBeUndefined();
    expect(r.message).toContain("arxiv: disabled in jingdu.yaml");
    expect(r.outcome).toBe("ok");
  });

  it("a bad metadata line is reported by refresh too, and its item is fetched again", async () => {
    serveSyntheticBatch(server);
    mkdirSync(join(root, "metadata"));
    writeFileSync(
      join(root, "metadata", "semantic-scholar.jsonl"),
      '{"key":"paper:p1","source":"semantic-scholar","query":"CorpusId:1","fetchedAt":"2025-12-01T07:00:00.000Z","values":null}\n',
    );
    const r = await refreshLibrary({
      library: library(manyPapers(1)),
      libraryRoot: root,
      sources: server.sources(),
    });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        rule: "metadata-line-invalid",
        file: "metadata/semantic-scholar.jsonl",
        line: 1,
      }),
    ]);
    expect(r.summary.s2.updated).toBe(1);
  });

  it("nothing due is not a failure", async () => {
    const r = await refreshLibrary({
      library: library([paper("x", {})]),
      libraryRoot: root,
      sources: server.sources(),
    });
    expect(r.outcome).toBe("nothing-to-do");
    expect(server.requests).toHaveLength(0);
  });
});
