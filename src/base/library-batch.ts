/**
 * Many library files updated as one batch, with every guarantee of `updateLibraryFile` per file
 * and one durable-write cost for all: a 2,000-paper import or 500 resolve fills pay, per step of
 * 256 files, one durable step for all its temp files (one syncfs, or fsyncs issued together for
 * a small step: durable-step.ts) and one fsync per folder, instead of a lock file, a temp file,
 * an fsync, a rename and a folder fsync one after another.
 *
 * Per file, as in the single path: its lock (the in-process queue and the `.<name>.lock` file) is
 * held from its read to its rename, `expectedHash` is checked against the bytes read under the
 * lock, the hash is checked again right before the rename (an editor that takes no lock), a new
 * file is created by hard link (never replacing one made meanwhile), and the temp file is durable
 * before it is renamed, so a kill or a power cut at any moment leaves each file old or new.
 * A batch is not a transaction: after a kill some files may be new and others old.
 *
 * No deadlock: the batch joins every in-process queue in one synchronous step (`joinFileQueues`),
 * then takes the lock files in sorted order, never waiting for one while holding a later one (a
 * busy lock makes it give back the later ones it took without waiting, then wait for that one).
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConflictError } from "../core/index.js";
import {
  closeTempAndRemove,
  closeTempSync,
  contentHash,
  placeTempSync,
  readBytesIfExistsSync,
  syncFolder,
  tempPathFor,
  writeOpenTempSync,
} from "./atomic-write.js";
import { type DurableWay, makeTempsDurable } from "./durable-step.js";
import { type CurrentFile, type FileUpdate, joinFileQueues } from "./library-writer.js";
import {
  acquireLockFile,
  createSharedOwner,
  type FileLockOptions,
  type LockSettings,
  linkLockSync,
  lockSettings,
  type ReleaseLock,
  type SharedOwner,
  tryLinkLock,
} from "./lock-file.js";
import { mapConcurrent } from "./map-concurrent.js";

/** One file of a batch: what `updateLibraryFile` takes, as data. */
export interface FileEdit<R = undefined> {
  path: string;
  compute: (
    current: CurrentFile,
  ) =>
    | { content?: string | Uint8Array; result?: R }
    | Promise<{ content?: string | Uint8Array; result?: R }>;
  /** As `updateLibraryFile`'s: the hash the edit was based on (`null`: must not exist). */
  expectedHash?: string | null;
}

/** What the batch did to one file: its update, or why it was not written (a ConflictError, …). */
export type BatchFileUpdate<R> = (FileUpdate<R> & { error?: undefined }) | BatchFileFailure;
export interface BatchFileFailure {
  changed: false;
  /** What `compute` threw, the ConflictError of a stale base, or the write's failure. */
  error: unknown;
  result?: undefined;
}

/** What `updateLibraryFiles` takes besides the edits. */
export interface BatchOptions extends FileLockOptions {
  /**
   * Told, for each step that wrote files, which way their temp files were made durable and how
   * many (durable-step.ts); the benchmarks and tests check the way a batch took.
   */
  onDurable?: (way: DurableWay, files: number) => void;
  /**
   * The `sync` program a large step runs for its syncfs, instead of the system's
   * (`/usr/bin/sync` or `/bin/sync`): for a test, one that fails.
   */
  syncCommand?: string;
}

/** How many file operations of a batch are in flight at once (libuv has 4 threads by default). */
const PARALLEL = 16;
/**
 * Files per step of a batch: each step holds its locks (and its temp files open) only for its
 * own writes, far below the 30 s after which another process takes a lock over, and far below
 * the open-file limit.
 */
const STEP = 256;

/**
 * Updates many files in one batch, each as `updateLibraryFile` would (see the file's comment);
 * one file's conflict or failure is its own outcome and the others are written. The results are
 * in the order of `edits`. Each path may appear once. Throws only for the batch as a whole (a
 * lock held too long, a duplicate path); the steps of 256 files before it are written.
 * @example const [a, b] = await updateLibraryFiles([{ path, compute }, { path: other, compute }])
 */
export async function updateLibraryFiles<R = undefined>(
  edits: readonly FileEdit<R>[],
  options: BatchOptions = {},
): Promise<BatchFileUpdate<R>[]> {
  const keys = edits.map((e) => resolve(e.path));
  const indexOf = new Map(keys.map((k, i) => [k, i]));
  if (indexOf.size !== keys.length) {
    throw new Error("updateLibraryFiles: a path appears twice in one batch");
  }
  const sorted = [...indexOf.keys()].sort();
  const settings = lockSettings(options);
  const slots = joinFileQueues(sorted);
  const out: BatchFileUpdate<R>[] = new Array(edits.length);
  try {
    for (let from = 0; from < sorted.length; from += STEP) {
      const step = sorted.slice(from, from + STEP);
      await Promise.all(slots.slice(from, from + STEP).map((s) => s.turn));
      const written = await lockedStep(step, settings, (stepKeys) =>
        writeStep(
          stepKeys.map((key) => ({ key, edit: edits[indexOf.get(key) as number] as FileEdit<R> })),
          options,
        ),
      );
      for (const [k, key] of step.entries())
        out[indexOf.get(key) as number] = written[k] as BatchFileUpdate<R>;
      for (const s of slots.slice(from, from + STEP)) s.leave();
    }
  } finally {
    for (const s of slots) s.leave();
  }
  return out;
}

/** Runs `fn` holding the lock files of `step` (sorted paths), released however it ends. */
async function lockedStep<T>(
  step: string[],
  opts: LockSettings,
  fn: (keys: string[]) => Promise<T>,
): Promise<T> {
  const dirs = [...new Set(step.map((k) => dirname(k)))];
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  const shared = await createSharedOwner(dirs[0] as string, opts);
  const held: ReleaseLock[] = [];
  try {
    await takeLockFiles(step, shared, opts, held);
    return await fn(step);
  } finally {
    await mapConcurrent(held, PARALLEL, (release) => release());
    await shared.drop();
  }
}

/**
 * The lock files of `sorted` paths, in their order, into `held`: a run of them tried at once
 * without waiting; at the first busy one, the later ones taken are given back and that one is
 * waited for (so a wait never happens while holding a later lock, and two batches cannot wait
 * for each other).
 */
async function takeLockFiles(
  sorted: string[],
  shared: SharedOwner,
  opts: LockSettings,
  held: ReleaseLock[],
): Promise<void> {
  for (let i = 0; i < sorted.length; ) {
    const run = sorted.slice(i, i + 64);
    // Each lock by one synchronous link; one that is held (or no hard links) the async way.
    const got = await mapConcurrent(
      run,
      PARALLEL,
      async (key) => linkLockSync(key, shared) ?? tryLinkLock(key, shared, opts),
    );
    const busy = got.findIndex((g) => typeof g !== "function");
    held.push(...((busy < 0 ? got : got.slice(0, busy)) as ReleaseLock[]));
    if (busy < 0) {
      i += run.length;
      continue;
    }
    const later = got.slice(busy + 1).filter((g): g is ReleaseLock => typeof g === "function");
    await Promise.all(later.map((release) => release()));
    held.push(await acquireLockFile(run[busy] as string, opts));
    i += busy + 1;
  }
}

interface Planned<R> {
  index: number;
  key: string;
  /** The hash read under the lock (`null`: the file did not exist). */
  hash: string | null;
  next: Buffer;
  result: R | undefined;
  /** The temp file beside `key`, written and still open (`fd`) until it is durable. */
  tmp: string;
  fd: number;
}

/**
 * Under the step's locks: read and compute each file, write the temp files, make them durable,
 * rename, make the renames durable. Why each step, in this order:
 * 1. every temp file written (no fsync yet), so that
 * 2. one durable step covers them all (durable-step.ts: one syncfs for a large step, else an
 *    fsync each, issued together; the same descriptors fsynced one by one when syncfs fails);
 * 3. only then renamed (or linked) into place: a power cut after a rename finds the new bytes
 *    already on disk, before it the old file, so each file is old or new, never torn;
 * 4. one fsync per folder, so the renames themselves survive a power cut before the batch says
 *    `changed` (until then a power cut may leave some of them old, each whole).
 * The lock files are held throughout (`lockedStep`).
 */
async function writeStep<R>(
  files: { key: string; edit: FileEdit<R> }[],
  { onDurable, syncCommand }: BatchOptions,
): Promise<BatchFileUpdate<R>[]> {
  const out: BatchFileUpdate<R>[] = new Array(files.length);
  const planned: Planned<R>[] = [];
  for (const [index, { key, edit }] of files.entries()) {
    try {
      const bytes = readBytesIfExistsSync(key);
      const hash = bytes === null ? null : contentHash(bytes);
      if (edit.expectedHash !== undefined && edit.expectedHash !== hash) {
        throw new ConflictError(edit.path);
      }
      const computed = edit.compute({ bytes, hash });
      const { content, result } = computed instanceof Promise ? await computed : computed;
      const next = content === undefined ? undefined : Buffer.from(content);
      if (next === undefined || (bytes !== null && next.equals(bytes))) {
        out[index] = { changed: false, hash, result };
        continue;
      }
      const tmp = tempPathFor(key);
      planned.push({ index, key, hash, next, result, tmp, fd: writeOpenTempSync(tmp, next) });
    } catch (error) {
      out[index] = { changed: false, error };
    }
  }
  let durable: { errors: unknown[]; way: DurableWay };
  try {
    durable = await makeTempsDurable(
      planned.map(({ tmp, fd }) => ({ path: tmp, fd })),
      syncCommand,
    );
  } catch (error) {
    for (const plan of planned) closeTempAndRemove(plan.tmp, plan.fd);
    throw error;
  }
  onDurable?.(durable.way, planned.length);
  const placed = new Set<string>();
  for (const [k, plan] of planned.entries()) {
    const error = durable.errors[k];
    if (error !== undefined) {
      closeTempAndRemove(plan.tmp, plan.fd);
      out[plan.index] = { changed: false, error };
      continue;
    }
    try {
      closeTempSync(plan.tmp, plan.fd);
      placeTempSync(plan.tmp, plan.key, plan.hash);
      placed.add(dirname(plan.key));
      out[plan.index] = { changed: true, hash: contentHash(plan.next), result: plan.result };
    } catch (error) {
      out[plan.index] = { changed: false, error };
    }
  }
  await mapConcurrent([...placed], PARALLEL, (dir) => syncFolder(dir));
  return out;
}
