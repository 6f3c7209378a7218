import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchLibrary } from "./watch-library.js";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

describe("watchLibrary", () => {
  it("calls back once per burst with the changed paths, relative and /-separated", async () => {
    const root = mkdtempSync(join(tmpdir(), "jingdu-watch-"));
    mkdirSync(join(root, "papers"));
    mkdirSync(join(root, "courses", "limu", "episodes"), { recursive: true });
    const calls: (string[] | undefined)[] = [];
    const watcher = watchLibrary(root, (paths) => calls.push(paths), 150);
    cleanup.push(() => {
      watcher.close();
      rmSync(root, { recursive: true, force: true });
    });
    writeFileSync(join(root, "papers", "resnet.md"), "---\nshort: ResNet\n---\n");
    writeFileSync(join(root, "progress.yaml"), "episodes: {}\n");
    writeFileSync(join(root, "courses", "limu", "episodes", "001.md"), "---\nnumber: 1\n---\n");
    // Ignored: hidden and temporary files.
    writeFileSync(join(root, "papers", ".resnet.md.swp"), "x");
    writeFileSync(join(root, "papers", "resnet.md.123.tmp"), "x");
    for (let i = 0; i < 100 && calls.length === 0; i++) await new Promise((r) => setTimeout(r, 30));
    await new Promise((r) => setTimeout(r, 200));
    // One call for the burst (two at most on a machine so busy that events come 150 ms apart).
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(calls.flatMap((paths) => paths ?? ["(unnamed)"]).sort()).toEqual([
      "courses/limu/episodes/001.md",
      "papers/resnet.md",
      "progress.yaml",
    ]);
  });
});
