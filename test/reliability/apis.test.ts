/**
 * Reliability: `jingdu refresh` and `jingdu add` against a misbehaving API (the fake server on
 * 127.0.0.1): long and short Retry-After, a hang, 500s, truncated JSON, HTML instead of JSON,
 * 429 storms, and a partial failure. Each case checks the exit code, the summary a person reads,
 * the number of requests and the time spent. The commands run in-process (`startFakeApi`'s
 * `jingdu`) with the real HTTP client, files and clock; only the gaps, back-offs and timeouts are
 * shortened (`sourcesPlatform.adjust`), never slept at their documented seconds. With
 * JINGDU_RELIABILITY=full, each case runs more rounds, and the built CLI is also run with the
 * default settings: the gaps between arrivals at the server (S2 ≥ 1.1 s, arXiv ≥ 3 s), and a
 * hanging S2 against the documented bound.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../../src/core/index.js";
import type { SourcesSettings } from "../../src/sources/index.js";
import { type FakeApi, type FakeReply, startFakeApi } from "../support/fake-api.js";
import { serveSyntheticBatch } from "../support/library-builder.js";
import { initialisedLibrary, runJingduAsync } from "../support/run-cli.js";

const FULL = process.env.JINGDU_RELIABILITY === "full";
const ROUNDS = FULL ? 5 : 1;
const BATCH = { method: "POST", path: "/graph/v1/paper/batch" };
const ARXIV = { path: "/api/query" };
const TIMEOUT_MS = 200;
const GAP_MS = 60;

/** Short timings for in-process runs: same logic, fractions of the documented seconds. */
function shorten(s: SourcesSettings): void {
  for (const name of ["s2", "arxiv", "bilibili"] as const) {
    s[name].timeoutMs = TIMEOUT_MS;
    s[name].rateLimit.minIntervalMs = GAP_MS;
    s[name].retry.baseDelayMs = 20;
    s[name].retry.maxDelayMs = 80;
    s[name].retry.maxRetryAfterMs = 2000;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Waits the client asked for (rate-limit gaps, back-offs, Retry-After). */
  waits: number[];
}

/** `jingdu ARGS` in-process against the fake, with `shorten` and the waits recorded. */
async function jingdu(args: string[], lib: string, server: FakeApi): Promise<Run> {
  const waits: number[] = [];
  const started = performance.now();
  const run = await server.jingdu(args, {
    cwd: lib,
    sourcesPlatform: {
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
      adjust: shorten,
    },
  });
  return { ...run, ms: performance.now() - started, waits };
}

/** A library with `count` papers S2 knows by CorpusId (and, with `arxiv`, an arXiv id each). */
async function makeLibrary(count: number, opts: { arxiv?: boolean } = {}): Promise<string> {
  const lib = await initialisedLibrary();
  mkdirSync(join(lib, "papers"), { recursive: true });
  for (let i = 1; i <= count; i++) {
    const arxiv = opts.arxiv ? `, arxiv: "2101.${String(i).padStart(5, "0")}"` : "";
    writeFileSync(
      join(lib, "papers", `p${i}.md`),
      `---\nshort: P${i}\nids: { corpusId: ${i}${arxiv} }\n---\n`,
    );
  }
  return lib;
}

interface FaultCase {
  name: string;
  reply: FakeReply;
  /** What the summary must say about the failed items. */
  says: RegExp;
  /** Most requests the case may cost. */
  maxRequests: number;
}

const FAULTS: FaultCase[] = [
  {
    name: "500 on every request",
    reply: { status: 500, body: '{"message":"Internal Server Error"}' },
    says: /failed\s+P1: semantic-scholar: POST http:\/\/127\.0\.0\.1:\d+\/graph\/v1\/paper\/batch\?\S+: HTTP 500/,
    maxRequests: 5,
  },
  {
    name: "truncated JSON",
    reply: { status: 200, body: '[{"paperId":"abc","title":"Cut', truncateTo: 20 },
    says: /POST \S+\/paper\/batch\S*: unexpected response: JSON cut short after 20 characters/,
    maxRequests: 1,
  },
  {
    name: "HTML instead of JSON",
    reply: {
      status: 200,
      headers: { "content-type": "text/html" },
      body: "<!doctype html><html><head><title>Just a moment...</title></head><body></body></html>",
    },
    says: /POST \S+\/paper\/batch\S*: unexpected response: HTML instead of JSON \(“Just a moment\.\.\.”\)/,
    maxRequests: 1,
  },
  {
    name: "429 storm without Retry-After",
    reply: {
      status: 429,
      body: '{"message":"Too Many Requests. Please wait and try again.","code":"429"}',
    },
    says: /POST \S+\/paper\/batch\S*: HTTP 429/,
    maxRequests: 5,
  },
  {
    name: "a hang (no answer at all)",
    reply: { hang: true },
    says: /POST \S+\/paper\/batch\S*: no answer within 200 ms/,
    maxRequests: 2,
  },
];

describe("reliability: refresh and add against a misbehaving API", () => {
  // A server per case: its handlers stay for its life.
  let server: FakeApi;
  beforeEach(async () => {
    server = await startFakeApi();
  });
  afterEach(() => server.close());

  for (const fault of FAULTS) {
    it(`${fault.name}: every item failed → exit ${EXIT.fetchFailed}, a summary naming the request`, async () => {
      let passed = 0;
      let worstMs = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const lib = await makeLibrary(3);
        const before = server.count(BATCH);
        if (round === 0) server.handle(BATCH, () => fault.reply);
        const run = await jingdu(["refresh", "--only", "s2"], lib, server);
        const requests = server.count(BATCH) - before;
        worstMs = Math.max(worstMs, run.ms);
        expect(run.code, run.stdout + run.stderr).toBe(EXIT.fetchFailed);
        expect(run.stdout).toMatch(
          /semantic-scholar: 0 updated, 0 unchanged, 0 not found, 3 failed/,
        );
        expect(run.stdout).toMatch(fault.says);
        expect(run.stderr).toMatch(/refresh fetched nothing/);
        expect(requests).toBeGreaterThan(0);
        expect(requests).toBeLessThanOrEqual(fault.maxRequests);
        // Bounded: the requests' timeouts and back-offs, plus slack for a loaded machine (the
        // request count above is the exact check); far from the old 280 s.
        expect(run.ms).toBeLessThan(fault.maxRequests * (TIMEOUT_MS + 200) + 10_000);
        passed++;
      }
      console.log(
        "reliability:",
        `apis ${fault.name}: ${passed}/${ROUNDS} runs exit ${EXIT.fetchFailed} with the request named; ≤ ${fault.maxRequests} requests; slowest ${Math.round(worstMs)} ms`,
      );
    });
  }

  it("Retry-After: 86400 → S2 is asked once, the rest skipped with the time; the next run asks nothing", async () => {
    const lib = await makeLibrary(3);
    const before = server.count(BATCH);
    server.script(BATCH, {
      status: 429,
      headers: { "retry-after": "86400" },
      body: '{"message":"Too Many Requests","code":"429"}',
    });
    const first = await jingdu(["refresh", "--only", "s2", "--json"], lib, server);
    expect(first.code, first.stderr).toBe(EXIT.fetchFailed);
    expect(server.count(BATCH) - before).toBe(1);
    const result = JSON.parse(first.stdout);
    expect(result.outcome).toBe("failed");
    expect(result.summary.s2.skipped).toBe(3);
    const until = /may be asked again after (\S+)$/.exec(result.items[0].reason)?.[1] ?? "";
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(86_300_000);
    // No wait near the Retry-After was slept, and no second batch went 1.1 s later.
    expect(first.waits.every((w) => w < 10_000)).toBe(true);
    const state = JSON.parse(readFileSync(join(lib, ".jingdu", "sources-state.json"), "utf8"));
    expect(state.blocked.s2.until).toBe(until);

    serveSyntheticBatch(server);
    const second = await jingdu(["refresh", "--only", "s2"], lib, server);
    expect(server.count(BATCH) - before).toBe(1);
    expect(second.code).toBe(EXIT.fetchFailed);
    expect(second.stdout).toContain(`not asked: semantic-scholar is left alone until ${until}`);
    console.log(
      "reliability:",
      "apis Retry-After 86400: 1 request, 3/3 items skipped with the retry time, 0 requests in the next run",
    );
  });

  it("a short Retry-After is waited exactly, then the batch succeeds (exit 0)", async () => {
    const lib = await makeLibrary(2);
    serveSyntheticBatch(server);
    server.script(BATCH, { status: 503, headers: { "retry-after": "1" }, body: "busy" });
    const run = await jingdu(["refresh", "--only", "s2"], lib, server);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.ok);
    expect(run.waits).toContain(1000);
    expect(run.stdout).toMatch(/semantic-scholar: 2 updated/);
    console.log("reliability:", "apis Retry-After 1: waited 1000 ms, then 2/2 updated, exit 0");
  });

  it("S2 fine, arXiv answering 500: exit 0 with a warning that counts what was not fetched", async () => {
    const lib = await makeLibrary(2, { arxiv: true });
    serveSyntheticBatch(server);
    server.handle(ARXIV, () => ({ status: 500, body: "oops" }));
    const run = await jingdu(["refresh"], lib, server);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/semantic-scholar: 2 updated/);
    expect(run.stdout).toMatch(/arxiv: 0 updated, 0 unchanged, 0 not found, 2 failed/);
    expect(run.stderr).toMatch(/warning: 2 item\(s\) not fetched/);
    console.log("reliability:", "apis partial (arXiv 500): exit 0, warning counts 2 not fetched");
  });

  it("requests to one host arrive at least the configured gap apart, measured at the server", async () => {
    const lib = await makeLibrary(6, { arxiv: true });
    const before = server.requests.length;
    // arXiv asks in batches of ≤ 100 ids; S2 in one batch: make both answer slowly and vary.
    serveSyntheticBatch(server, { delayMs: 30 });
    let n = 0;
    server.handle(ARXIV, () => ({ status: 500, body: "slow", delayMs: n++ % 2 === 0 ? 80 : 5 }));
    const run = await jingdu(["refresh", "--only", "arxiv"], lib, server);
    const arrivals = server.requests
      .slice(before)
      .filter((r) => r.path === "/api/query")
      .map((r) => r.receivedAt);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(GAP_MS - 1);
    expect(run.code).toBe(EXIT.fetchFailed);
    console.log(
      "reliability:",
      `apis gaps: ${gaps.length} gaps between arXiv arrivals, smallest ${Math.min(...gaps).toFixed(1)} ms ≥ ${GAP_MS} ms configured`,
    );
  });

  it("add paper against a 500: exit fetchFailed, the message names the request, nothing written", async () => {
    const lib = await makeLibrary(0);
    server.handle({ path: /^\/graph\/v1\/paper\// }, () => ({ status: 500, body: "down" }));
    server.handle({ path: "/api/query" }, () => ({ status: 500, body: "down" }));
    const run = await jingdu(["add", "paper", "arXiv:1706.03762"], lib, server);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.fetchFailed);
    expect(run.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/\S+: HTTP 500/);
    expect(run.stdout).not.toMatch(/Added/);
    console.log("reliability:", `apis add paper (500): exit ${EXIT.fetchFailed}, request named`);
  });

  it("add paper after Retry-After: 86400 exits 7, and the next add does not ask S2 before then", async () => {
    const lib = await makeLibrary(0);
    server.handle({ path: /^\/graph\/v1\/paper\// }, () => ({
      status: 429,
      headers: { "retry-after": "86400" },
      body: '{"code":"429"}',
    }));
    const first = await jingdu(["add", "paper", "DOI:10.1000/xyz"], lib, server);
    expect(first.code, first.stdout + first.stderr).toBe(EXIT.fetchFailed);
    expect(first.stderr).toMatch(/Retry-After 86400 s: not asked again until/);
    const asked = server.requests.length;
    expect(asked).toBe(1);
    const second = await jingdu(["add", "paper", "DOI:10.1000/other"], lib, server);
    expect(second.code).toBe(EXIT.fetchFailed);
    expect(second.stderr).toMatch(/semantic-scholar: \S+ \S+: not asked: left alone until /);
    expect(server.requests.length).toBe(asked);
    console.log(
      "reliability:",
      "apis add after Retry-After 86400: 1 request, the next add sends none, exit 7 both",
    );
  });

  it.runIf(FULL)(
    "the built CLI with default gaps: S2 requests ≥ 1.1 s apart, arXiv ≥ 3 s, at the server",
    async () => {
      // 501 papers: two S2 batches (≤ 500 ids) and six arXiv queries (≤ 100 ids).
      const lib = await makeLibrary(501, { arxiv: true });
      serveSyntheticBatch(server, { delayMs: 40 });
      server.handle(ARXIV, () => ({
        status: 200,
        headers: { "content-type": "application/atom+xml" },
        body: '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
        delayMs: 40,
      }));
      const run = await runJingduAsync(["refresh"], {
        cwd: lib,
        env: server.env,
      });
      expect(run.code, run.stderr).toBe(EXIT.ok);
      const gapsOf = (path: string) => {
        const t = server.requests.filter((r) => r.path === path).map((r) => r.receivedAt);
        return t.slice(1).map((x, i) => x - (t[i] as number));
      };
      const s2 = gapsOf("/graph/v1/paper/batch");
      const arxiv = gapsOf("/api/query");
      expect(s2.length).toBe(1);
      expect(arxiv.length).toBe(5);
      for (const g of s2) expect(g).toBeGreaterThanOrEqual(1099);
      for (const g of arxiv) expect(g).toBeGreaterThanOrEqual(2999);
      console.log(
        "reliability:",
        `apis default gaps at the server: S2 ${s2.map((g) => g.toFixed(0)).join(", ")} ms (≥ 1100), arXiv smallest ${Math.min(...arxiv).toFixed(0)} ms of ${arxiv.length} (≥ 3000)`,
      );
    },
    60_000,
  );

  it.runIf(FULL)(
    "the built CLI with default settings gives up on a hanging S2 within 30 s",
    async () => {
      const lib = await makeLibrary(3);
      const before = server.count(BATCH);
      server.handle(BATCH, () => ({ hang: true }));
      const started = performance.now();
      const run = await runJingduAsync(["refresh", "--only", "s2"], {
        cwd: lib,
        env: server.env,
      });
      const ms = performance.now() - started;
      expect(run.code, run.stderr).toBe(EXIT.fetchFailed);
      expect(ms).toBeLessThan(30_000);
      console.log(
        "reliability:",
        `apis hang with defaults: ${server.count(BATCH) - before} requests, ${(ms / 1000).toFixed(1)} s (documented ≤ 30 s), exit ${run.code}`,
      );
    },
    60_000,
  );
});
