import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConflictError } from "../core/index.js";
import { contentHash, writeFileAtomic } from "./atomic-write.js";
import { LockTimeoutError, lockPathOf, updateLibraryFile, withFileLock } from "./library-writer.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "jingdu-writer-"));
  dirs.push(d);
  return d;
}
const append = (line: string) => (cur: { bytes: Buffer | null }) => ({
  content: `${cur.bytes?.toString("utf8") ?? ""}${line}\n`,
});
/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(r.stdout.trim());
}

describe("updateLibraryFile", () => {
  it("runs 100 concurrent edits of one file one after another: every line is kept", async () => {
    const file = join(await tempDir(), "log.txt");
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => updateLibraryFile(file, append(`${i}`))),
    );
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 100 }, (_, i) => `${i}`),
    );
    expect(await readdir(join(file, ".."))).toEqual(["log.txt"]);
  });

  it("refuses a stale base with ConflictError and writes nothing", async () => {
    const file = join(await tempDir(), "note.md");
    await writeFile(file, "one\n");
    const base = contentHash("one\n");
    await updateLibraryFile(file, () => ({ content: "two\n" }), { expectedHash: base });
    await expect(
      updateLibraryFile(file, () => ({ content: "three\n" }), { expectedHash: base }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await readFile(file, "utf8")).toBe("two\n");
    await expect(
      updateLibraryFile(file, () => ({ content: "new\n" }), { expectedHash: null }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("leaves the file alone when compute returns no content, and releases the lock on a throw", async () => {
    const file = join(await tempDir(), "a.yaml");
    await writeFile(file, "x: 1\n");
    const r = await updateLibraryFile(file, () => ({ result: 7 }));
    expect(r).toEqual({ changed: false, hash: contentHash("x: 1\n"), result: 7 });
    await expect(
      updateLibraryFile(file, () => {
        throw new Error("edit failed");
      }),
    ).rejects.toThrow("edit failed");
    await expect(readFile(lockPathOf(file))).rejects.toThrow(/ENOENT/);
    expect((await updateLibraryFile(file, append("y: 2"))).changed).toBe(true);
  });
});

describe("withFileLock across processes", () => {
  it("takes over a lock whose process is gone", async () => {
    const file = join(await tempDir(), "progress.yaml");
    const pid = deadPid();
    await writeFile(
      lockPathOf(file),
      JSON.stringify({ pid, host: hostname(), startedAt: Date.now() }),
    );
    const r = await updateLibraryFile(file, append("done"), { timeoutMs: 2_000 });
    expect(r.changed).toBe(true);
    await expect(readFile(lockPathOf(file))).rejects.toThrow(/ENOENT/);
  });

  it("waits for a live holder, then gives up with a message naming the holder", async () => {
    const file = join(await tempDir(), "progress.yaml");
    const host = hostname();
    await writeFile(
      lockPathOf(file),
      JSON.stringify({ pid: process.ppid, host, startedAt: Date.now() }),
    );
    const err = await updateLibraryFile(file, append("x"), { timeoutMs: 200 }).catch((e) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect(String(err.message)).toContain(`process ${process.ppid}`);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it("takes over a live holder's lock once it is older than the bound (pid reused)", async () => {
    const file = join(await tempDir(), "progress.yaml");
    const host = hostname();
    await writeFile(
      lockPathOf(file),
      JSON.stringify({ pid: process.ppid, host, startedAt: Date.now() - 60_000 }),
    );
    expect((await updateLibraryFile(file, append("x"), { staleMs: 30_000 })).changed).toBe(true);
  });

  it("takes over a torn (empty) lock file after 2 s, not before", async () => {
    const file = join(await tempDir(), "reviews.yaml");
    await writeFile(lockPathOf(file), "");
    await expect(updateLibraryFile(file, append("x"), { timeoutMs: 150 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    const old = new Date(Date.now() - 3_000);
    await utimes(lockPathOf(file), old, old);
    expect((await updateLibraryFile(file, append("x"))).changed).toBe(true);
  });

  it("does not remove a lock another process took over while this one was paused", async () => {
    const file = join(await tempDir(), "progress.yaml");
    const theirs = `${JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: Date.now() })}\n`;
    await withFileLock(file, async () => {
      await writeFile(lockPathOf(file), theirs);
    });
    expect(await readFile(lockPathOf(file), "utf8")).toBe(theirs);
  });

  it("serializes work on one path and lets other paths run meanwhile", async () => {
    const dir = await tempDir();
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((done) => {
      release = done;
    });
    let started: () => void = () => {};
    const aStarted = new Promise<void>((done) => {
      started = done;
    });
    const first = withFileLock(join(dir, "a"), async () => {
      order.push("a1 start");
      started();
      await gate;
      order.push("a1 end");
    });
    const second = withFileLock(join(dir, "a"), async () => {
      order.push("a2");
    });
    await aStarted;
    // "a" is held: "b" still runs, and the second "a" waits for the first.
    await withFileLock(join(dir, "b"), async () => {
      order.push("b");
    });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["a1 start", "b", "a1 end", "a2"]);
  });
});

describe("writeFileAtomic", () => {
  it("creates with expectedHash null but never replaces a file made meanwhile, leaving no temp file", async () => {
    const dir = await tempDir();
    const file = join(dir, "papers", "resnet.md");
    await writeFileAtomic(file, "first\n", { expectedHash: null });
    await expect(writeFileAtomic(file, "second\n", { expectedHash: null })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await readFile(file, "utf8")).toBe("first\n");
    expect(await readdir(join(dir, "papers"))).toEqual(["resnet.md"]);
  });

  it("writes exact bytes", async () => {
    const file = join(await tempDir(), "bytes.md");
    const bytes = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]);
    await writeFileAtomic(file, bytes);
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });
});
