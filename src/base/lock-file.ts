/**
 * The lock file of one library file, across processes (the server and `jingdu done`, two CLI
 * commands): `.<name>.lock` beside the target, holding `{pid, host, thread, startedAt}`, created
 * exclusively and never empty (written to a temp file, then hard-linked into place, which fails
 * if it exists). The in-process half of the lock, and what runs under it, is library-writer.ts.
 *
 * A lock file is stale, and is taken over, when its process is gone (same host, `kill(pid, 0)`
 * says ESRCH) or when it is older than `staleMs` (a killed process whose pid was reused, another
 * machine on a shared folder); one without a readable owner (only on file systems without hard
 * links, after a kill between create and write) after 2 s. The critical sections are one file's
 * read, compute and atomic write (or a batch's, bounded in size), milliseconds long, so the
 * default bound of 30 s is far above any honest holder. Taking over is itself serialized by a
 * second O_EXCL file (`.<name>.lock.break`), and the lock is re-read under it, so two processes
 * that both saw the same stale lock cannot both remove it and one of them delete the other's
 * fresh lock.
 *
 * Lock files start with a dot, like temp files, so library listings never see them.
 */
import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, unlinkSync } from "node:fs";
import { link, lstat, mkdir, open, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import { JingduError } from "../core/index.js";

export interface FileLockOptions {
  /** A lock older than this is taken over even if its process seems alive (default 30 s). */
  staleMs?: number;
  /** How long to wait for another process's lock before giving up (default 20 s). */
  timeoutMs?: number;
  /** Epoch milliseconds (tests pass a clock that jumps). */
  now?: () => number;
}

const DEFAULTS = { staleMs: 30_000, timeoutMs: 20_000, now: Date.now };
const HOST = hostname();
/** How old a lock file without a readable owner must be to be taken over. */
const TORN_MS = 2_000;

/** What a lock file holds. */
export interface LockOwner {
  pid: number;
  host: string;
  /** The worker thread (0: the main thread): each thread has a queue of its own. */
  thread?: number;
  /** Epoch ms when the lock was taken. */
  startedAt: number;
}

/** Another process held a file's lock for longer than the wait allows. */
export class LockTimeoutError extends JingduError {
  readonly file: string;
  constructor(file: string, owner: LockOwner | undefined) {
    const who = owner ? ` (held by process ${owner.pid} on ${owner.host})` : "";
    super("lock-timeout", `${file} is being written by another jingdu process${who}`, {
      hint: `Wait for it to finish and try again; if no jingdu is running, delete ${lockPathOf(file)}.`,
    });
    this.name = "LockTimeoutError";
    this.file = file;
  }
}

/** The lock file that guards `path`: `.<name>.lock` in the same folder. */
export function lockPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`);
}

/** The lock settings with their defaults filled in. */
export type LockSettings = Required<FileLockOptions>;
type Settings = LockSettings;

/** `options` over the defaults (30 s stale bound, 20 s wait, `Date.now`). */
export function lockSettings(options: FileLockOptions = {}): LockSettings {
  return { ...DEFAULTS, ...options };
}

/** Frees a lock file taken by `acquireLockFile` or `tryLockFile`. */
export type ReleaseLock = () => Promise<void>;

/**
 * Takes `path`'s lock file, waiting (short jittered sleeps, up to `timeoutMs`) while a live
 * process holds it and taking over a stale one. The caller must have its turn in the path's
 * in-process queue (`joinFileQueues`), and the folder must exist.
 */
export async function acquireLockFile(path: string, opts: Settings): Promise<ReleaseLock> {
  await mkdir(dirname(path), { recursive: true });
  const started = opts.now();
  for (let attempt = 0; ; attempt++) {
    const got = await tryLockFile(path, opts);
    if (typeof got === "function") return got;
    if (opts.now() - started > opts.timeoutMs) throw new LockTimeoutError(path, got?.owner);
    // Short, growing, jittered waits: locks are held for milliseconds.
    await sleep(Math.min(50, 2 + attempt) * (0.5 + Math.random()));
  }
}

/**
 * One attempt at `path`'s lock file, without waiting: its release when taken (a stale lock is
 * taken over first), else what holds it (`undefined`: released meanwhile, try again).
 */
export async function tryLockFile(
  path: string,
  opts: Settings,
): Promise<ReleaseLock | HeldLock | undefined> {
  const lock = lockPathOf(path);
  for (let broken = 0; ; broken++) {
    const owner: LockOwner = {
      pid: process.pid,
      host: HOST,
      thread: threadId,
      startedAt: opts.now(),
    };
    const text = `${JSON.stringify(owner)}\n`;
    if (await createExclusive(lock, text)) {
      return async () => {
        // Only our own lock: after a pause past the bound another process may have taken over.
        if ((await readOwner(lock))?.text === text) await rm(lock, { force: true });
      };
    }
    const held = await readOwner(lock);
    if (broken < 2 && isStale(held, opts)) {
      await breakStaleLock(lock, held, opts);
      continue;
    }
    return held;
  }
}

/**
 * Creates `file` holding `text` only if it does not exist; false when it does. The text is
 * written to a temp file first and hard-linked into place, so a lock file never exists empty
 * (a kill between creating and writing it would leave a lock nobody can judge). File systems
 * without hard links fall back to O_EXCL and a write.
 */
async function createExclusive(file: string, text: string): Promise<boolean> {
  if (await exists(file)) return false;
  const tmp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  await writeFile(tmp, text, { flag: "wx" });
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw err;
    return createByOpen(file, text);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function createByOpen(file: string, text: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    await handle.writeFile(text);
  } catch (err) {
    await handle.close();
    await rm(file, { force: true });
    throw err;
  }
  await handle.close();
  return true;
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A lock file as another holder left it. */
export interface HeldLock {
  /** The lock file's text as read (to tell it from a newer lock at the same path). */
  text: string;
  owner: LockOwner | undefined;
  /** Its mtime, for a lock whose text is unreadable. */
  mtimeMs: number;
}

async function readOwner(lock: string): Promise<HeldLock | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lock, "utf8"), stat(lock)]);
    let owner: LockOwner | undefined;
    try {
      const data = JSON.parse(text) as LockOwner;
      if (typeof data.pid === "number" && typeof data.startedAt === "number") owner = data;
    } catch {
      // Empty or torn (killed between create and write): judged by its age below.
    }
    return { text, owner, mtimeMs: info.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

function isStale(held: HeldLock | undefined, opts: Settings): boolean {
  if (!held) return false; // released meanwhile: just try again
  // A lock without a readable owner is only ever left by a kill mid-create (see createExclusive):
  // an honest holder writes its owner at once, so a short bound is enough.
  if (!held.owner) return opts.now() - held.mtimeMs > Math.min(opts.staleMs, TORN_MS);
  if (opts.now() - held.owner.startedAt > opts.staleMs) return true;
  if (held.owner.host !== HOST) return false;
  // Our own pid and thread: the queue lets only this caller at the path, so it was left by an
  // earlier process that had our pid (pid reuse after a kill). Another thread of ours is alive.
  if (held.owner.pid === process.pid) return (held.owner.thread ?? 0) === threadId;
  return !processIsAlive(held.owner.pid);
}

/** Whether a process with this pid exists on this host (EPERM: it does, owned by someone else). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function breakStaleLock(lock: string, held: HeldLock | undefined, opts: Settings) {
  const breaker = `${lock}.break`;
  if (!(await createExclusive(breaker, `${process.pid}\n`))) {
    // Someone else is breaking it; a breaker left by a killed process goes after a while.
    const info = await stat(breaker).catch(() => undefined);
    if (info && opts.now() - info.mtimeMs > Math.min(opts.staleMs, 5_000)) {
      await rm(breaker, { force: true });
    }
    await sleep(5);
    return;
  }
  try {
    // Remove it only if it is still the lock judged stale, not a fresh one taken meanwhile.
    const again = await readOwner(lock);
    if (again && held && again.text === held.text) await rm(lock, { force: true });
  } finally {
    await rm(breaker, { force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * The owner text of a batch's lock files, written once and hard-linked as each of them (one
 * `link` per lock instead of a temp file each): every lock of the batch is the same inode, which
 * `release` checks to remove only its own. `drop` removes the source file, after the releases
 * (until then the inode cannot be reused by a lock another process makes).
 */
export interface SharedOwner {
  file: string;
  ino: number;
  drop(): Promise<void>;
}

/** Writes the shared owner file of a batch in `dir` (a folder of the batch: same file system). */
export async function createSharedOwner(dir: string, opts: Settings): Promise<SharedOwner> {
  const owner: LockOwner = {
    pid: process.pid,
    host: HOST,
    thread: threadId,
    startedAt: opts.now(),
  };
  const file = join(dir, `.batch-lock.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(file, `${JSON.stringify(owner)}\n`, { flag: "wx" });
  const { ino } = await stat(file);
  return { file, ino, drop: () => rm(file, { force: true }) };
}

/**
 * `tryLockFile` for a batch: the lock made by hard-linking `shared` (no link possible, or too
 * many on one inode: the lock is made as `tryLockFile` does, with a text of its own).
 */
export async function tryLinkLock(
  path: string,
  shared: SharedOwner,
  opts: Settings,
): Promise<ReleaseLock | HeldLock | undefined> {
  const lock = lockPathOf(path);
  for (let broken = 0; ; broken++) {
    try {
      await link(shared.file, lock);
      return async () => {
        // Only our own lock (the shared inode), as `tryLockFile`'s release checks its text.
        const now = await lstat(lock).catch(() => undefined);
        if (now?.ino === shared.ino) await unlink(lock).catch(() => undefined);
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") return tryLockFile(path, opts);
    }
    const held = await readOwner(lock);
    if (broken < 2 && isStale(held, opts)) {
      await breakStaleLock(lock, held, opts);
      continue;
    }
    return held;
  }
}

/**
 * `tryLinkLock`'s common case without the promise machinery: one synchronous `link` of the
 * shared owner (a batch takes thousands of locks; ~30 µs of CPU each through fs/promises). A
 * lock that exists, or a file system without hard links, gives `undefined`: the caller then
 * goes the asynchronous way (`tryLinkLock`), which judges and waits.
 */
export function linkLockSync(path: string, shared: SharedOwner): ReleaseLock | undefined {
  const lock = lockPathOf(path);
  try {
    linkSync(shared.file, lock);
  } catch {
    // EEXIST (held: judged by tryLinkLock) or no hard links (made by tryLockFile): not taken.
    return undefined;
  }
  return async () => releaseLinkedSync(lock, shared);
}

/** Removes a batch's lock file if it still is ours (the shared inode), synchronously. */
function releaseLinkedSync(lock: string, shared: SharedOwner): void {
  let ino: number | undefined;
  try {
    ino = lstatSync(lock).ino;
  } catch {
    // Gone already (taken over after a pause past the bound and released): nothing to remove.
    return;
  }
  if (ino !== shared.ino) return;
  try {
    unlinkSync(lock);
  } catch {
    // Removed between the lstat and here by whoever took it over: nothing of ours is left.
  }
}
