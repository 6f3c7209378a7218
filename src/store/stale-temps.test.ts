import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INIT_MARKER, processIsAlive, removeStaleTemps, tempFilePid } from "./stale-temps.js";

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

describe("removeStaleTemps", () => {
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
    expect(await removeStaleTemps(root)).toEqual([...gone].sort());
    for (const path of gone) expect(existsSync(join(root, path)), path).toBe(false);
    for (const path of kept) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it("removes a temp older than the bound even when its pid is alive again (reused)", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    const old = await put(root, `.categories.yaml.${process.ppid}.0a1b2c3d.tmp`);
    const fresh = await put(root, `.progress.yaml.${process.ppid}.0a1b2c3d.tmp`);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(root, old), twoHoursAgo, twoHoursAgo);
    expect(await removeStaleTemps(root)).toEqual([old]);
    expect(existsSync(join(root, fresh))).toBe(true);
  });

  it("clears the creation marker of a library whose jingdu.yaml was written", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-temps-"));
    dirs.push(root);
    await put(root, INIT_MARKER, "{}");
    await removeStaleTemps(root);
    expect(existsSync(join(root, INIT_MARKER))).toBe(true);
    await put(root, "jingdu.yaml", "title: t\n");
    await removeStaleTemps(root);
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
