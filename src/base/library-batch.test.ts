import { closeSync, existsSync, statfsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { release, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConflictError } from "../core/index.js";
import { closeTempSync, contentHash, writeOpenTempSync } from "./atomic-write.js";
import { type DurableWay, SYNCFS_MIN_FILES } from "./durable-step.js";
import { type BatchOptions, type FileEdit, updateLibraryFiles } from "./library-batch.js";
import { updateLibraryFile } from "./library-writer.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "jingdu-batch-"));
  dirs.push(d);
  return d;
}

/** Every file under `dir` (temp and lock files included) with its text. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = await readFile(path, "utf8");
  }
  return out;
}

/**
 * A folder of `n` files in 3 subfolders (some missing), and edits of every kind over it: appends,
 * creates, no change, a same-content rewrite, a stale base, a create over an existing file, a
 * compute that throws.
 */
async function scene(dir: string, n = 60) {
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const path = join(dir, `d${i % 3}`, `f${i}.md`);
    paths.push(path);
    if (i % 4 !== 0) {
      await mkdir(join(dir, `d${i % 3}`), { recursive: true });
      await writeFile(path, `file ${i}\n`);
    }
  }
  const edits: FileEdit<number>[] = paths.map((path, i) => {
    const compute: FileEdit<number>["compute"] = ({ bytes }) => {
      if (i % 10 === 7) throw new Error(`compute of ${i} failed`);
      if (i % 5 === 1) return { result: i };
      if (i % 5 === 2) return { content: bytes ?? "", result: i };
      return { content: `${bytes?.toString("utf8") ?? "new\n"}edit ${i}\n`, result: i };
    };
    if (i === 9) return { path, compute, expectedHash: contentHash("not what is there\n") };
    if (i === 13) return { path, compute, expectedHash: null };
    if (i === 20) return { path, compute, expectedHash: null };
    if (i === 17) return { path, compute, expectedHash: contentHash(`file ${i}\n`) };
    return { path, compute };
  });
  return edits;
}

/** An outcome without its error object, for comparing two runs. */
const shape = (r: { changed: boolean; error?: unknown; hash?: string | null; result?: unknown }) =>
  r.error === undefined
    ? { changed: r.changed, hash: r.hash, result: r.result }
    : {
        changed: r.changed,
        error: r.error instanceof ConflictError ? "conflict" : String(r.error),
      };

describe("updateLibraryFiles", () => {
  it("leaves the same files and reports the same outcomes as one updateLibraryFile per file", async () => {
    const [one, many] = [await tempDir(), await tempDir()];
    const batch = await updateLibraryFiles(await scene(one));
    const singles = [];
    for (const edit of await scene(many)) {
      singles.push(
        await updateLibraryFile(edit.path, edit.compute, {
          ...(edit.expectedHash !== undefined ? { expectedHash: edit.expectedHash } : {}),
        }).catch((error: unknown) => ({ changed: false, error })),
      );
    }
    expect(await tree(one)).toEqual(await tree(many));
    expect(batch.map(shape)).toEqual(singles.map(shape));
    // Each kind really happened: written, unchanged, conflicts (stale base, create over a file,
    // nothing there for a base), a failed compute; no temp or lock file is left.
    const files = await tree(one);
    expect(files["d0/f0.md"]).toBe("new\nedit 0\n");
    expect(files["d2/f5.md"]).toBe("file 5\nedit 5\n");
    expect(files["d1/f13.md"]).toBe("file 13\n");
    expect(files["d0/f9.md"]).toBe("file 9\n");
    expect(files["d0/f27.md"]).toBe("file 27\n");
    expect(shape(batch[9] as never)).toEqual({ changed: false, error: "conflict" });
    expect(shape(batch[13] as never)).toEqual({ changed: false, error: "conflict" });
    expect(shape(batch[20] as never)).toEqual({
      changed: true,
      hash: contentHash("new\nedit 20\n"),
      result: 20,
    });
    expect(shape(batch[27] as never)).toEqual({
      changed: false,
      error: "Error: compute of 27 failed",
    });
    expect(Object.keys(files).filter((f) => /(^|\/)\./.test(f))).toEqual([]);
    expect(batch.filter((r) => r.changed)).toHaveLength(singles.filter((r) => r.changed).length);
  });

  it("runs beside single writers and other batches of this process, losing no line", async () => {
    const dir = await tempDir();
    const paths = Array.from({ length: 20 }, (_, i) => join(dir, `f${i}.md`));
    const append =
      (line: string) =>
      ({ bytes }: { bytes: Buffer | null }) => ({
        content: `${bytes?.toString("utf8") ?? ""}${line}\n`,
      });
    await Promise.all([
      ...Array.from({ length: 5 }, (_, b) =>
        updateLibraryFiles(paths.map((path) => ({ path, compute: append(`batch ${b}`) }))),
      ),
      ...paths.flatMap((path) =>
        Array.from({ length: 3 }, (_, s) => updateLibraryFile(path, append(`single ${s}`))),
      ),
      // Overlapping subsets listed in opposite orders: no two batches wait for each other.
      updateLibraryFiles(paths.slice(5).map((path) => ({ path, compute: append("tail") }))),
      updateLibraryFiles(
        [...paths.slice(0, 15)].reverse().map((path) => ({ path, compute: append("head") })),
      ),
    ]);
    for (const [i, path] of paths.entries()) {
      const lines = (await readFile(path, "utf8")).trim().split("\n").sort();
      const want = [
        ...["batch 0", "batch 1", "batch 2", "batch 3", "batch 4"],
        ...(i < 15 ? ["head"] : []),
        ...["single 0", "single 1", "single 2"],
        ...(i >= 5 ? ["tail"] : []),
      ];
      expect(lines).toEqual(want);
    }
    expect((await readdir(dir)).filter((f) => f.startsWith("."))).toEqual([]);
  });

  /** The batch of `scene(n)` against one updateLibraryFile per file: same files, same outcomes. */
  async function sameAsSingles(
    n: number,
    options: BatchOptions = {},
  ): Promise<[DurableWay, number][]> {
    const [one, many] = [await tempDir(), await tempDir()];
    const ways: [DurableWay, number][] = [];
    const batch = await updateLibraryFiles(await scene(one, n), {
      ...options,
      onDurable: (way, files) => ways.push([way, files]),
    });
    const singles = [];
    for (const edit of await scene(many, n)) {
      singles.push(
        await updateLibraryFile(edit.path, edit.compute, {
          ...(edit.expectedHash !== undefined ? { expectedHash: edit.expectedHash } : {}),
        }).catch((error: unknown) => ({ changed: false, error })),
      );
    }
    const files = await tree(one);
    expect(files).toEqual(await tree(many));
    expect(batch.map(shape)).toEqual(singles.map(shape));
    expect(Object.keys(files).filter((f) => /(^|\/)\./.test(f))).toEqual([]);
    expect(batch.filter((r) => r.changed).length).toBeGreaterThan(n / 3);
    return ways;
  }

  const linux58 = process.platform === "linux" && Number(/^(\d+\.\d+)/.exec(release())?.[1]) >= 5.8;

  it("makes a large step durable by one syncfs and leaves what one write per file leaves", async () => {
    // 900 files: steps of 256, 256, 256 and 132, of which a little more than half are written.
    const ways = await sameAsSingles(900);
    const big = linux58 ? "syncfs" : "fsync after syncfs failed";
    expect(
      ways.map(([way, files]) => (files >= SYNCFS_MIN_FILES ? way === big : way === "fsync")),
    ).toEqual(ways.map(() => true));
    expect(ways.filter(([way]) => way === big).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it("fsyncs each file of a small step", async () => {
    const ways = await sameAsSingles(40);
    expect(ways).toEqual([["fsync", ways[0]?.[1]]]);
    expect(ways[0]?.[1]).toBeLessThan(SYNCFS_MIN_FILES);
  });

  /** A `sync` program in a new folder that records its arguments in `ran` and exits `code`. */
  async function fakeSync(code: number): Promise<{ bin: string; sync: string; ran: string }> {
    const bin = await tempDir();
    const [sync, ran] = [join(bin, "sync"), join(bin, "ran")];
    await writeFile(sync, `#!/bin/sh\necho "$@" >> "${ran}"\nexit ${code}\n`);
    await chmod(sync, 0o755);
    return { bin, sync, ran };
  }

  it.runIf(linux58)(
    "falls back to an fsync of each file when syncfs fails",
    async () => {
      // A `sync` that records that it ran and fails, as an I/O error would make it.
      const { sync, ran } = await fakeSync(1);
      const ways = await sameAsSingles(300, { syncCommand: sync });
      expect(ways.map(([way]) => way)).toEqual(
        ["fsync after syncfs failed", "fsync"].slice(0, ways.length),
      );
      expect((await readFile(ran, "utf8")).split("\n")[0]).toMatch(/^-f -- .*\.tmp$/);
    },
    60_000,
  );

  const shm = "/dev/shm";
  const shmIsTmpfs = existsSync(shm) && statfsSync(shm).type === 0x01021994;

  it.runIf(linux58 && shmIsTmpfs)(
    "fsyncs each file on a file system that syncfs does not cover (tmpfs here)",
    async () => {
      // A `sync` that would be run if the step took syncfs there (it exits 0, as one that works).
      const { sync, ran } = await fakeSync(0);
      const dir = await mkdtemp(join(shm, "jingdu-batch-"));
      dirs.push(dir);
      const ways: DurableWay[] = [];
      const results = await updateLibraryFiles(
        Array.from({ length: 300 }, (_, i) => ({
          path: join(dir, `f${i}.md`),
          compute: () => ({ content: `file ${i}\n` }),
        })),
        { syncCommand: sync, onDurable: (way) => ways.push(way) },
      );
      expect(results.every((r) => r.changed)).toBe(true);
      expect(ways).toEqual(["fsync after syncfs failed", "fsync"]);
      expect(existsSync(ran)).toBe(false);
      expect(await readFile(join(dir, "f299.md"), "utf8")).toBe("file 299\n");
    },
  );

  it.runIf(linux58)(
    "runs the system's sync, never one found first on PATH",
    async () => {
      // One that syncs nothing and says it did (`exit 0`) would skip the durable step unseen.
      const { bin, ran } = await fakeSync(0);
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path}`;
      try {
        const ways = await sameAsSingles(300);
        expect(ways[0]?.[0]).toBe("syncfs");
      } finally {
        process.env.PATH = path;
      }
      expect(existsSync(ran)).toBe(false);
    },
    60_000,
  );

  it("refuses a batch naming one file twice, writing nothing", async () => {
    const dir = await tempDir();
    const path = join(dir, "a.md");
    const edit = { path, compute: () => ({ content: "x\n" }) };
    await expect(
      updateLibraryFiles([edit, { ...edit, path: join(dir, ".", "a.md") }]),
    ).rejects.toThrow(/twice/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("closeTempSync", () => {
  it("removes a durable temp file whose close fails, so nothing is placed from it", async () => {
    const dir = await tempDir();
    const tmp = join(dir, ".resnet.md.tmp-1");
    const fd = writeOpenTempSync(tmp, "new bytes");
    closeTempSync(tmp, fd);
    expect(await readFile(tmp, "utf8")).toBe("new bytes");
    // A descriptor that no longer closes (here: closed already, EBADF; on disk: EIO).
    const again = writeOpenTempSync(join(dir, ".vgg.md.tmp-2"), "other");
    closeSync(again);
    expect(() => closeTempSync(join(dir, ".vgg.md.tmp-2"), again)).toThrow(/EBADF/);
    expect(existsSync(join(dir, ".vgg.md.tmp-2"))).toBe(false);
  });
});
