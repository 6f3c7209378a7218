import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeApi, REPO_ROOT, startFakeApi } from "../../test/support/fake-api.js";
import { serveSyntheticBatch } from "../../test/support/library-builder.js";
import { runTsxChild } from "../../test/support/tsx-child.js";

const BATCH = { method: "POST", path: "/graph/v1/paper/batch" };
const CHILD = join(REPO_ROOT, "test/support/refresh-child.ts");

const run = (args: string[]) => runTsxChild(CHILD, args);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe("a refresh killed with SIGKILL", () => {
  let server: FakeApi;
  let root: string;
  beforeEach(async () => {
    server = await startFakeApi();
    root = mkdtempSync(join(tmpdir(), "jingdu-kill-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("continues when run again, and leaves no corrupt or half-written file", async () => {
    serveSyntheticBatch(server, { delayMs: 120 });
    const args = [root, server.url, "100", "10"];
    const first = run(args);
    const deadline = Date.now() + 20_000;
    while (server.count(BATCH) < 4 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.out).not.toMatch(/^result/m);
    const before = server.count(BATCH);
    expect(before).toBeLessThan(10);

    // Whatever the kill interrupted, every file there is whole.
    const meta = join(root, "metadata", "semantic-scholar.jsonl");
    if (existsSync(meta)) {
      for (const line of readFileSync(meta, "utf8").split("\n").filter(Boolean))
        expect(() => JSON.parse(line)).not.toThrow();
    }

    const second = await run(args).done;
    expect(second.code).toBe(0);
    const result = JSON.parse(/^result (.*)$/m.exec(second.out)?.[1] ?? "null");
    expect(result.resumed).toBe(true);
    expect(result.summary.s2).toMatchObject({ updated: 100, failed: 0 });
    // Only the batches not yet stored were asked again (plus at most the one in flight).
    expect(server.count(BATCH)).toBeLessThanOrEqual(11);

    const lines = readFileSync(meta, "utf8").split("\n").filter(Boolean);
    const keys = new Set(lines.map((l) => (JSON.parse(l) as { key: string }).key));
    expect(keys.size).toBe(100);
    for (const file of allFiles(root)) {
      expect(file).not.toMatch(/\.tmp$/);
      if (file.endsWith(".json"))
        expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    }
    expect(existsSync(join(root, ".jingdu", "refresh-checkpoint.json"))).toBe(false);
  });
});
