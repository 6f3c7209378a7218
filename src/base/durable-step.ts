/**
 * How a step of a batch makes its temp files durable before any of them is renamed into place.
 *
 * Why durable before the rename: after a power cut, a rename that reached the disk while the
 * temp file's bytes had not would leave a library file empty or torn under its own name. So no
 * temp file is renamed before its bytes are on disk, and a kill or a power cut at any moment
 * leaves each file its old bytes or its new ones.
 *
 * Two ways, one outcome:
 * - **per file** (`fsync` of each temp file, issued together): what a small step pays. Each
 *   fsync on ext4 forces a journal commit of its own (concurrent ones share some), so 2,000
 *   files cost 150–180 ms of commits here (ext4 with online discard), and file creations of the
 *   next files wait behind those commits.
 * - **one syncfs(2)** of the file system that holds the temp files: every dirty page and inode
 *   of it written back and one journal commit, 21–24 ms for the same 2,000 files (measured
 *   2026-12-04, load 1.6, `sync -f` right after writing them). Node has no binding for it, so it
 *   is coreutils' (or busybox's) `sync -f FILE`, which opens FILE and calls syncfs on it; the
 *   spawn costs 3–5 ms. It is the system's own (`/usr/bin/sync` or `/bin/sync`), never one
 *   looked up on PATH: `npm run` puts `node_modules/.bin` first there and a person's `~/bin`
 *   may hold a script of that name, and one that exits 0 without syncing would skip the
 *   durable step without a word. With neither, every step fsyncs its files. It also writes
 *   back what other programs left dirty on that file system (their data reaches the disk
 *   sooner; this step waits for it), so on a busy machine its cost varies with them. Measured 2026-12-04 without first syncing the others' writes, at
 *   load 9–10 (4 runs each): 100 files 8–270 ms by syncfs against 15–29 ms by fsyncs; 256 files
 *   12–40 against 27–82 ms; 2,000 files 61–87 against 299–353 ms. On a quiet machine the two
 *   cross at 32–64 files. Hence `SYNCFS_MIN_FILES` = 128: where syncfs wins even under load.
 *
 * syncfs is taken only where it tells failures: on Linux 5.8 and later it returns the file
 * system's writeback errors since the file was opened (before 5.8 it returned 0 whatever
 * happened). An error from a writeback that ran between our writes and `sync`'s open is not
 * missed: the open samples the file system's error sequence as "unseen" (errseq_sample), so
 * that open reports it, unless another syncfs caller saw it first (the one gap; fsyncing every
 * file again after the syncfs to close it costs here as much as the fsyncs it replaces). A
 * `sync` that is missing, fails or exits non-zero makes the step fall back to the per-file
 * fsync of the same open descriptors, which then reports the error for each file (an
 * fsync on the descriptor that did the writes sees its writeback error even after syncfs saw
 * it): durability is never skipped silently.
 *
 * syncfs is taken only on the local disk file systems whose syncfs commits what an fsync of
 * each file would (`SYNCFS_COVERS`: ext2/3/4, XFS, btrfs, f2fs). A library may be on another
 * mount where it does not: on FUSE (sshfs, rclone, cloud drives), 9p (WSL's Windows drives)
 * or SMB, syncfs only hands the dirty pages to the server, where an fsync asks it to make each
 * file durable. There, and on tmpfs (no disk: each fsync costs nothing, the spawn 3–5 ms),
 * every file is fsynced.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, fstatSync, fsync, statfsSync } from "node:fs";
import { release } from "node:os";
import { dirname } from "node:path";
import { promisify } from "node:util";
import { mapConcurrent } from "./map-concurrent.js";

/** A temp file written and still open: its path and the descriptor that wrote it. */
export interface OpenTemp {
  path: string;
  fd: number;
}

/** Which way a step's temp files were made durable (for tests and benchmarks to check). */
export type DurableWay = "fsync" | "syncfs" | "fsync after syncfs failed";

/** From this many temp files in a step, one syncfs is cheaper than their fsyncs (see above). */
export const SYNCFS_MIN_FILES = 128;

/** How many fsyncs are in flight at once (libuv has 4 threads by default). */
const PARALLEL = 16;

const fsyncAsync = promisify(fsync);
const execFileAsync = promisify(execFile);

/**
 * statfs(2) `f_type` of the file systems whose syncfs makes every file on it durable as its
 * own fsync would (see above): ext2/3/4, XFS, btrfs, f2fs.
 */
const SYNCFS_COVERS = new Set([0xef53, 0x58465342, 0x9123683e, 0xf2f52010]);

/** Linux 5.8 or later: where syncfs reports writeback errors. */
function syncfsReportsErrors(): boolean {
  if (process.platform !== "linux") return false;
  const [major = 0, minor = 0] = release()
    .split(".")
    .map((n) => Number.parseInt(n, 10));
  return major > 5 || (major === 5 && minor >= 8);
}

/** Where coreutils' (and busybox's) `sync` is installed; PATH is never asked (see above). */
const SYSTEM_SYNCS = ["/usr/bin/sync", "/bin/sync"];

/** The system's `sync` once found (`null`: there is none), looked for once a process. */
let systemSync: string | null | undefined;

function systemSyncCommand(): string | null {
  systemSync ??=
    SYSTEM_SYNCS.find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        // Not there (or not runnable): the next place, else the per-file fsyncs.
        return false;
      }
    }) ?? null;
  return systemSync;
}

/**
 * syncfs(2) of the file system holding `path`, through `sync -f` (`command`: the system's
 * unless told): `true` when it ran and reported no error, `false` when it is unavailable or
 * failed (the caller then fsyncs each file).
 */
async function syncFileSystemOf(path: string, command: string | undefined): Promise<boolean> {
  const program = command ?? systemSyncCommand();
  if (program === null || !syncfsReportsErrors()) return false;
  try {
    await execFileAsync(program, ["-f", "--", path], { windowsHide: true });
    return true;
  } catch (err) {
    if (command === undefined && (err as NodeJS.ErrnoException).code === "ENOENT") {
      systemSync = null;
    }
    // A failure is not lost: the caller fsyncs every file, and each fsync reports its own error.
    return false;
  }
}

/**
 * Makes `temps` durable: one syncfs per file system they are on when there are at least
 * `SYNCFS_MIN_FILES`, else (or when that fails) an fsync of each, issued together. Returns each
 * temp file's error (`undefined`: durable) in order, and the way taken. Leaves the descriptors
 * open (the caller closes them, then removes a temp file whose error is set). `syncCommand`:
 * the `sync` program to run instead of the system's (a test's that fails).
 */
export async function makeTempsDurable(
  temps: readonly OpenTemp[],
  syncCommand?: string,
): Promise<{ errors: unknown[]; way: DurableWay }> {
  if (temps.length >= SYNCFS_MIN_FILES) {
    const synced = await syncEachFileSystem(temps, syncCommand);
    if (synced) return { errors: new Array(temps.length).fill(undefined), way: "syncfs" };
  }
  const errors = await mapConcurrent(temps, PARALLEL, async (t) => {
    try {
      await fsyncAsync(t.fd);
      return undefined;
    } catch (error) {
      return error;
    }
  });
  const way = temps.length >= SYNCFS_MIN_FILES ? "fsync after syncfs failed" : "fsync";
  return { errors, way };
}

/**
 * One syncfs per file system among `temps` (a library folder may be another mount): `true` when
 * each is one that syncfs covers (`SYNCFS_COVERS`) and every syncfs succeeded.
 */
async function syncEachFileSystem(
  temps: readonly OpenTemp[],
  command: string | undefined,
): Promise<boolean> {
  const oneOnEach = new Map<number, string>();
  // The files of one folder are on its file system: one fstat a folder, not one a file.
  const folders = new Set<string>();
  for (const t of temps) {
    const folder = dirname(t.path);
    if (folders.has(folder)) continue;
    folders.add(folder);
    const dev = fstatSync(t.fd).dev;
    if (!oneOnEach.has(dev)) oneOnEach.set(dev, t.path);
  }
  for (const path of oneOnEach.values()) {
    if (!SYNCFS_COVERS.has(statfsSync(path).type)) return false;
  }
  for (const path of oneOnEach.values()) {
    if (!(await syncFileSystemOf(path, command))) return false;
  }
  return true;
}
