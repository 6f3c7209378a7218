import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  describeWithFixtures,
  type FakeApi,
  REPO_ROOT,
  sharedFixturesDir,
  startFakeApi,
} from "../../../test/support/fake-api.js";
import { GRAPH_BATCH, GRAPH_PAGES, serveRecordedGraph } from "../../../test/support/fake-graph.js";
import { runTsxChild } from "../../../test/support/tsx-child.js";
import { parseCitationGraph } from "../../core/index.js";

const CHILD = join(REPO_ROOT, "test/support/graph-refresh-child.ts");
const fixtures = sharedFixturesDir();

const run = (args: string[]) => runTsxChild(CHILD, args);

/** Starts a refresh in its own process and kills it with SIGKILL once `asked()` reaches `n`. */
async function killWhen(args: string[], asked: () => number, n: number) {
  const child = run(args);
  const deadline = Date.now() + 20_000;
  while (asked() < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  child.child.kill("SIGKILL");
  return child.done;
}

describeWithFixtures("a refresh --graph killed with SIGKILL", () => {
  let server: FakeApi;
  let root: string;
  beforeEach(async () => {
    server = await startFakeApi();
    root = mkdtempSync(join(tmpdir(), "jingdu-graph-kill-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("resumes where it stopped, and the graph file stays readable", async () => {
    serveRecordedGraph(server, fixtures as string, { delayMs: 120 });
    const args = [root, server.url, "20", "2"];
    const killed = await killWhen(args, () => server.count(GRAPH_BATCH), 4);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.out).not.toMatch(/^result/m);
    const before = server.count(GRAPH_BATCH);
    expect(before).toBeLessThan(10);

    // What the kill left is whole lines: the reader reads every one.
    const file = join(root, "metadata", "citation-graph.jsonl");
    const partial = parseCitationGraph(readFileSync(file, "utf8"));
    expect(partial.problems).toEqual([]);
    expect(partial.graph.fetched.size).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(root, ".jingdu", "citation-graph-state.json"))).toBe(true);

    const second = await run(args).done;
    expect(second.code, second.out).toBe(0);
    const result = JSON.parse(/^result (.*)$/m.exec(second.out)?.[1] ?? "null");
    expect(result.resumed).toBe(true);
    expect(result.summary.fetched + result.summary.cached).toBe(20);
    expect(result.summary.failed).toBe(0);
    // Only the batches not yet stored were asked again (plus at most the one in flight).
    expect(before + result.requests).toBeLessThanOrEqual(11);

    const { graph, problems } = parseCitationGraph(readFileSync(file, "utf8"));
    expect(problems).toEqual([]);
    expect(graph.fetched.size).toBe(20);
    const state = JSON.parse(
      readFileSync(join(root, ".jingdu", "citation-graph-state.json"), "utf8"),
    );
    expect(state.run).toBeUndefined();
    for (const f of readdirSync(root, { recursive: true }) as string[])
      expect(f).not.toMatch(/\.(tmp|lock)$/);
  });

  it("killed between pages of /citations, asks on from the page it had not stored", async () => {
    serveRecordedGraph(server, fixtures as string, { delayMs: 150 });
    // 6 papers in one batch, then one page of /citations each (S2 cut their lists short).
    const args = [root, server.url, "6", "6"];
    expect((await killWhen(args, () => server.count(GRAPH_PAGES), 3)).signal).toBe("SIGKILL");
    const asked = server.count(GRAPH_PAGES);
    const state = JSON.parse(
      readFileSync(join(root, ".jingdu", "citation-graph-state.json"), "utf8"),
    );
    // The pages not stored yet are named, each with the offset to go on from.
    const pending = Object.values(state.pages) as { citations?: number }[];
    expect(pending.length).toBeGreaterThanOrEqual(6 - asked);
    expect(pending.every((p) => p.citations === 20)).toBe(true);
    const file = join(root, "metadata", "citation-graph.jsonl");
    expect(parseCitationGraph(readFileSync(file, "utf8")).problems).toEqual([]);

    const second = await run(args).done;
    expect(second.code, second.out).toBe(0);
    const result = JSON.parse(/^result (.*)$/m.exec(second.out)?.[1] ?? "null");
    expect(result.resumed).toBe(true);
    // No batch again; only the pages not stored (and at most the one in flight).
    expect(server.count(GRAPH_BATCH)).toBe(1);
    expect(server.count(GRAPH_PAGES)).toBeLessThanOrEqual(6 + 1);
    expect(result.pages.requests).toBe(pending.length);
    const { graph, problems } = parseCitationGraph(readFileSync(file, "utf8"));
    expect(problems).toEqual([]);
    expect([...graph.citations.values()].map((c) => c.length)).toEqual([60, 60, 60, 60, 60, 60]);
    const after = JSON.parse(
      readFileSync(join(root, ".jingdu", "citation-graph-state.json"), "utf8"),
    );
    expect(after.pages).toEqual({});
  });
});
