/**
 * Batched writes (`updateLibraryFiles`, issues 16 and 17) against other processes: single-file
 * writers and batches in child processes at the same time as this one's batches lose nothing and
 * never deadlock, and a batch killed with SIGKILL at a random moment leaves each file whole, old
 * or new, with its locks recovered by the next writer: a small one (an fsync per file) and a
 * large one (one syncfs per step). `JINGDU_RELIABILITY=full` runs more.
 *
 * A kill cannot test a power cut: there the order of the writer's steps is the proof (temp files
 * durable before any rename, renames durable before the batch reports them; durable-step.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { release, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { updateLibraryFiles } from "../../src/base/index.js";
import { removeStaleFiles } from "../../src/store/index.js";
import { roundContent } from "../support/batch-writer-child.js";
import { startLineChild } from "../support/race-helpers.js";

const FULL = process.env.JINGDU_RELIABILITY === "full";
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHILD = join(REPO_ROOT, "test/support/batch-writer-child.ts");
const startChild = (args: string[]) => startLineChild(CHILD, args, REPO_ROOT);
/** Where syncfs reports errors, so the batch writer takes it (src/base/durable-step.ts). */
const linux58 = process.platform === "linux" && Number(/^(\d+\.\d+)/.exec(release())?.[1]) >= 5.8;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "jingdu-batch-race-"));
  dirs.push(d);
  return d;
}
const append =
  (line: string) =>
  ({ bytes }: { bytes: Buffer | null }) => ({
    content: `${bytes?.toString("utf8") ?? ""}${line}\n`,
  });
const files = (dir: string, n: number) =>
  Array.from({ length: n }, (_, i) => join(dir, `f${i}.md`));

describe("batched writes across processes", () => {
  it("a single-file writer and a batch writer in two other processes during this one's batches: nothing lost", async () => {
    const n = 40;
    const rounds = FULL ? 12 : 4;
    const dir = tempDir();
    const children = [
      startChild(["single", dir, String(n), String(rounds)]),
      startChild(["batch", dir, String(n), String(rounds)]),
    ];
    await Promise.all(children.map((c) => c.wait("ready")));
    for (const c of children) c.child.stdin?.end("go\n");
    for (let b = 0; b < rounds; b++) {
      const results = await updateLibraryFiles(
        files(dir, n).map((path) => ({ path, compute: append(`here ${b}`) })),
      );
      expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    }
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);
    const want = ["batch", "here", "single"]
      .flatMap((who) => Array.from({ length: rounds }, (_, i) => `${who} ${i}`))
      .sort();
    const wrong = files(dir, n).filter(
      (f) =>
        JSON.stringify(readFileSync(f, "utf8").trim().split("\n").sort()) !== JSON.stringify(want),
    );
    expect(wrong).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
    console.log(
      "reliability:",
      `batch writes: ${n} files × ${rounds} rounds each of a batch here, a batch and single writes in two other processes: ${n * rounds * 3} appends, ${wrong.length} files lost one`,
    );
  }, 180_000);

  /**
   * `trials` batches of `n` files SIGKILLed at a random moment of their rounds (after the first
   * was acknowledged, within about `spreadMs`): every file whole (old or a round's), the rounds
   * told kept, no other name among the files, the next batch in at once (within `takeoverMs`,
   * far below the 30 s after which a live-looking lock is taken over) and no lock left.
   */
  async function killTrials(n: number, trials: number, spreadMs: number, takeoverMs: number) {
    const torn: string[] = [];
    const killedAfter: number[] = [];
    const ways: string[][] = [];
    for (let trial = 0; trial < trials; trial++) {
      const dir = tempDir();
      for (const f of files(dir, n)) writeFileSync(f, "old\n");
      const child = startChild(["rounds", dir, String(n), "1000"]);
      await child.wait("ready");
      child.child.stdin?.end("go\n");
      // Somewhere in its rounds: in a batch's reads, temp files, durable step or renames.
      await child.wait("done 0");
      await new Promise((done) => setTimeout(done, Math.random() * spreadMs));
      child.child.kill("SIGKILL");
      await child.exited;
      const told = child.lines.filter((l) => l.startsWith("done ")).length;
      killedAfter.push(told);
      ways.push(child.lines.filter((l) => l.startsWith("way ")).map((l) => l.split(" ")[1] ?? ""));
      const whole = new Set([
        "old\n",
        ...Array.from({ length: told + 2 }, (_, i) => roundContent(i)),
      ]);
      for (const f of files(dir, n)) {
        const text = readFileSync(f, "utf8");
        if (!whole.has(text)) torn.push(`${f}: ${text.slice(0, 20)}…(${text.length} bytes)`);
        // Acknowledged rounds are not undone: each file holds at least the last one told.
        else if (text === "old\n" || Number(/^round (\d+)/.exec(text)?.[1]) < told - 1) {
          torn.push(`${f}: lost round ${told - 1}`);
        }
      }
      // No temp file took a library file's name: the only names without a dot are the files.
      const names = readdirSync(dir).filter((f) => !f.startsWith("."));
      expect(names.sort()).toEqual(
        files(dir, n)
          .map((f) => f.slice(dir.length + 1))
          .sort(),
      );
      // The next batch gets in at once (the dead process's locks are taken over) and cleans up.
      const started = Date.now();
      const results = await updateLibraryFiles(
        files(dir, n).map((path) => ({ path, compute: () => ({ content: "after\n" }) })),
      );
      expect(torn).toEqual([]);
      expect(Date.now() - started).toBeLessThan(takeoverMs);
      expect(results.filter((r) => r.error !== undefined)).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.endsWith(".lock"))).toEqual([]);
      // What the killed batch left (its temp files, named with its pid) is litter the store
      // removes by name: nothing else is left beside the files.
      await removeStaleFiles(dir);
      expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
    }
    expect(torn).toEqual([]);
    return { torn, killedAfter, ways };
  }

  it("a batch killed at a random moment leaves every file whole, old or new, and its locks recovered", async () => {
    const trials = FULL ? 12 : 3;
    const { torn, killedAfter, ways } = await killTrials(60, trials, 300, 5_000);
    // 60 files: below SYNCFS_MIN_FILES (128), so each step fsyncs its files one by one.
    expect(ways.flat().every((way) => way === "fsync")).toBe(true);
    console.log(
      "reliability:",
      `batch SIGKILLed at a random moment: ${trials} trials × 60 files, ${torn.length} torn or lost (killed after ${killedAfter.join("/")} acknowledged batches)`,
    );
  }, 180_000);

  it("a large batch (one syncfs per step) killed at random moments: every file old or new", async () => {
    const trials = FULL ? 12 : 3;
    // 640 files of 24 KB: steps of 256, 256 and 128 files, each made durable by one syncfs.
    // Taking over 640 dead locks one by one may take seconds on a loaded machine.
    const { torn, killedAfter, ways } = await killTrials(640, trials, 1_500, 15_000);
    const big = linux58 ? "syncfs" : "fsync after syncfs failed";
    expect(ways.flat().length).toBeGreaterThan(0);
    expect(ways.flat().every((way) => way === big)).toBe(true);
    console.log(
      "reliability:",
      `large batch (${big} per step) SIGKILLed at random moments: ${trials} trials × 640 files, ${torn.length} torn or lost (killed after ${killedAfter.join("/")} acknowledged batches)`,
    );
  }, 300_000);
});
