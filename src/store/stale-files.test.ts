import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INIT_MARKER, processIsAlive, removeStaleFiles, tempFilePid } from "./stale-files.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (a real one: spawned and waited for). */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "0"]).pid as number;
  expect(processIsAlive(pid)).toBe(false);
  return pid;
}

async function put(root: string, path: string, text = "x"): Promise<string> {
  await mkdir(join(root, path, ".."), { recursive: true });
  await writeFile(join(root, path), text);
  return path;
}

describe("removeStaleFiles", () => {
  it("removes the temps of dead processes anywhere in the library, keeps a live one's", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    const dead = deadPid();
    const live = process.ppid;
    const gone = [
      await put(root, `.jingdu.yaml.${dead}.0a1b2c3d.tmp`),
      await put(root, `papers/.resnet.md.${dead}.deadbeef.tmp`),
      await put(root, `revisions/papers/resnet.md/.2026.md.${dead}.00000000.tmp`),
      await put(root, `.jingdu/library-cache.bin.${dead}.tmp`),
    ];
    const kept = [
      await put(root, `papers/.vit.md.${live}.0a1b2c3d.tmp`),
      await put(root, "jingdu.yaml"),
      await put(root, `notes.${dead}.tmp`), // a person's file: cache temps live in .jingdu/ only
      await put(root, `_site/.index.html.${dead}.0a1b2c3d.tmp`),
      await put(root, `.git/.x.${dead}.0a1b2c3d.tmp`),
    ];
    await put(root, "_site/.jingdu-build.json", "{}");
    expect(await removeStaleFiles(root)).toEqual([...gone].sort());
    for (const path of gone) expect(existsSync(join(root, path)), path).toBe(false);
    for (const path of kept) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it("finds a dead writer's temp among many papers' files, and leaves their own names", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    const dead = deadPid();
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => put(root, `papers/p${String(i).padStart(3, "0")}.md`)),
    );
    const gone = await put(root, `papers/.p150.md.${dead}.0a1b2c3d.tmp`);
    // Names a person may give (no leading dot): never ours outside .jingdu/, so kept.
    const kept = [
      await put(root, `papers/p150.md.${dead}.0a1b2c3d.tmp`),
      await put(root, `papers/p151.md.${dead}.tmp`),
      await put(root, "papers/p152.md.lock"),
    ];
    expect(await removeStaleFiles(root)).toEqual([gone]);
    for (const path of kept) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it("removes a temp older than the bound even when its pid is alive again (reused)", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    const old = await put(root, `.categories.yaml.${process.ppid}.0a1b2c3d.tmp`);
    const fresh = await put(root, `.progress.yaml.${process.ppid}.0a1b2c3d.tmp`);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(root, old), twoHoursAgo, twoHoursAgo);
    expect(await removeStaleFiles(root)).toEqual([old]);
    expect(existsSync(join(root, fresh))).toBe(true);
  });

  it("removes the writer's lock files of dead processes, never a live or a fresh one's", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    const now = Date.now();
    const owner = (pid: number, host = hostname(), startedAt = now) =>
      JSON.stringify({ pid, host, startedAt });
    const gone = [
      await put(root, ".progress.yaml.lock", owner(deadPid())),
      await put(root, "metadata/.s2.jsonl.lock", owner(process.ppid, "elsewhere", now - 60_000)),
      await put(root, "papers/.resnet.md.lock", ""), // torn: judged by its age
      await put(root, ".reviews.yaml.lock.break", "1\n"),
    ];
    const old = new Date(now - 60_000);
    await utimes(join(root, "papers/.resnet.md.lock"), old, old);
    await utimes(join(root, ".reviews.yaml.lock.break"), old, old);
    const kept = [
      await put(root, ".categories.yaml.lock", owner(process.ppid)),
      await put(root, ".references.yaml.lock", owner(deadPid(), "elsewhere")),
      await put(root, "papers/.vit.md.lock", ""),
      // Being taken over right now: its breaker is fresh, so the lock is left to its breaker.
      await put(root, ".reviews2.yaml.lock", owner(deadPid())),
      await put(root, ".reviews2.yaml.lock.break", "1\n"),
    ];
    expect(await removeStaleFiles(root)).toEqual([...gone].sort());
    for (const path of gone) expect(existsSync(join(root, path)), path).toBe(false);
    for (const path of kept) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it("clears the creation marker of a library whose jingdu.yaml was written", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    await put(root, INIT_MARKER, "{}");
    await removeStaleFiles(root);
    expect(existsSync(join(root, INIT_MARKER))).toBe(true);
    await put(root, "jingdu.yaml", "title: t\n");
    await removeStaleFiles(root);
    expect(existsSync(join(root, INIT_MARKER))).toBe(false);
  });

  it("reads the pid out of both temp names and nothing else", () => {
    expect(tempFilePid(".jingdu.yaml.4711.0a1b2c3d.tmp")).toBe(4711);
    expect(tempFilePid("library-cache.bin.4711.tmp", true)).toBe(4711);
    expect(tempFilePid("library-cache.bin.4711.tmp")).toBeUndefined();
    expect(tempFilePid(".jingdu.yaml.tmp")).toBeUndefined();
    expect(tempFilePid("resnet.md")).toBeUndefined();
  });
});
