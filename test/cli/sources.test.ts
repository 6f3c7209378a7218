import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithFixtures, type FakeApi, startFakeApi } from "../support/fake-api.js";
import { serveSyntheticBatch } from "../support/library-builder.js";
import { runCliInProcess, runJingduAsync, tempDir } from "../support/run-cli.js";

describeWithFixtures("jingdu add / refresh against the fake API server (127.0.0.1)", (fixtures) => {
  let server: FakeApi;
  let lib: string;

  beforeAll(async () => {
    server = await startFakeApi({ fixturesDir: fixtures });
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    lib = join(work, "lib");
  });
  afterAll(() => server.close());

  // End to end through the built CLI (main.ts passes process.env to the sources): the other
  // tests run in-process.
  it("add course bilibili:BV1wE4m1R7cu creates a course with its 2 parts, titles and runtimes", async () => {
    const run = await runJingduAsync(["add", "course", "bilibili:BV1wE4m1R7cu", "--json"], {
      cwd: lib,
      env: server.env,
    });
    expect(run.code, run.stderr).toBe(0);
    const { course } = JSON.parse(run.stdout);
    expect(course.episodes).toHaveLength(2);
    for (const e of course.episodes) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.runtime).toBeGreaterThan(0);
      expect(e.videos[0]).toMatchObject({ site: "bilibili", id: "BV1wE4m1R7cu", part: e.number });
    }
    const files = readdirSync(join(lib, "courses", course.id, "episodes"));
    expect(files).toEqual(["001.md", "002.md"]);
    const status = JSON.parse((await runCliInProcess(["status", "--json"], { cwd: lib })).stdout);
    expect(status.courses.find((c: { id: string }) => c.id === course.id).episodes.total).toBe(2);
    expect(existsSync(join(lib, "metadata", "bilibili.jsonl"))).toBe(true);
  });

  it('add paper "Attention Is All You Need" resolves by title match and shows the confidence', async () => {
    const run = await server.jingdu(["add", "paper", "Attention Is All You Need"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Attention is All you Need \(2017\)/);
    expect(run.stdout).toMatch(/title match, confidence \d+%/);
    const added = /Added (papers\/.+\.md)/.exec(run.stdout)?.[1] ?? "";
    expect(readFileSync(join(lib, added), "utf8")).toContain("1706.03762");
  });

  it("refresh --older-than 0 asks again in one batch; a run within max age asks nothing", async () => {
    // The recordings hold no batch for this paper's id: without an answer every item would
    // fail, and a refresh that fetched nothing exits 7 (fetchFailed).
    serveSyntheticBatch(server);
    const first = await server.jingdu(["refresh", "--only", "s2", "--older-than", "0", "--json"], {
      cwd: lib,
    });
    expect(first.code, first.stderr).toBe(0);
    const before = server.count({ path: "/graph/v1/paper/batch" });
    expect(before).toBeGreaterThan(0);
    expect(JSON.parse(first.stdout).items.length).toBeGreaterThan(0);
    const second = await server.jingdu(["refresh", "--only", "s2", "--json"], { cwd: lib });
    expect(second.code, second.stderr).toBe(0);
    expect(server.count({ path: "/graph/v1/paper/batch" })).toBe(before);
  });
});
