/**
 * One writer per library file. Every read-modify-write of a file in the library (a note, a YAML
 * list, a metadata file) runs through `withFileLock`, which serializes it twice over:
 *
 * - in this process, by a promise queue per absolute path (two requests of one server never
 *   interleave their read and their rename);
 * - across processes, by a lock file beside the target, `.<name>.lock` (lock-file.ts: how it is
 *   created, judged stale and taken over).
 *
 * Many files at once: `updateLibraryFiles` (library-batch.ts), through the same two locks.
 */
import { resolve } from "node:path";
import { ConflictError } from "../core/index.js";
import { contentHash, readBytesIfExists, writeFileAtomic } from "./atomic-write.js";
import { acquireLockFile, type FileLockOptions, lockSettings } from "./lock-file.js";

export {
  type FileLockOptions,
  type LockOwner,
  LockTimeoutError,
  lockPathOf,
  processIsAlive,
} from "./lock-file.js";

const queues = new Map<string, Promise<unknown>>();

/** A place in a path's in-process queue: `turn` resolves when it is this caller's, `leave` ends it. */
interface QueueSlot {
  turn: Promise<unknown>;
  leave: () => void;
}

/**
 * Joins the in-process queue of each of `keys` (absolute paths) at once, in one synchronous step:
 * every caller joins all its queues at one moment, so the order of any two callers is the same in
 * every queue they share, and waiting for several turns can never wait in a circle.
 */
export function joinFileQueues(keys: readonly string[]): QueueSlot[] {
  return keys.map((key) => {
    const previous = queues.get(key) ?? Promise.resolve();
    let leave: () => void = () => {};
    const left = new Promise<void>((done) => {
      leave = done;
    });
    const tail = previous.then(() => left);
    queues.set(key, tail);
    // The map holds one settled promise per path at most: dropped when nothing queued behind it.
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return { turn: previous, leave };
  });
}

/**
 * Runs `fn` while holding the file's lock (in-process queue, then the lock file); the lock is
 * released however `fn` ends. Not reentrant: `fn` must not lock the same path again (it would
 * wait for itself); locking other paths inside is fine, but not those a batch of
 * `updateLibraryFiles` may hold (library files): nothing does that today.
 * @example await withFileLock(join(root, "progress.yaml"), async () => { ...read, edit, write })
 */
export function withFileLock<T>(
  path: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const key = resolve(path);
  const [slot] = joinFileQueues([key]) as [QueueSlot];
  const run = slot.turn.then(async () => {
    const release = await acquireLockFile(key, lockSettings(options));
    try {
      return await fn();
    } finally {
      await release();
    }
  });
  // The caller gets `run` with its failure; the queue of later writes goes on.
  void run.then(slot.leave, slot.leave);
  return run;
}

/** What `updateLibraryFile` gives `compute`: the file as it is on disk, inside the lock. */
export interface CurrentFile {
  /** Its bytes, or `null` when it does not exist. */
  bytes: Buffer | null;
  /** sha256 of `bytes`, or `null`. */
  hash: string | null;
}

export interface UpdateFileOptions extends FileLockOptions {
  /**
   * The hash the caller's edit was based on (`null`: the file must not exist). When the file's
   * hash differs, nothing is written and ConflictError is thrown. Omit for edits computed from
   * the current content itself (progress, metadata merges), which never conflict.
   */
  expectedHash?: string | null;
}

/** What an update did. */
export interface FileUpdate<R> {
  /** Whether the file was written. */
  changed: boolean;
  /** sha256 of the file after the update (`null`: it does not exist). */
  hash: string | null;
  /** What `compute` returned besides the content. */
  result: R | undefined;
}

/**
 * The one read-modify-write path for a library file: under the file's lock, reads its current
 * bytes, checks them against `expectedHash`, lets `compute` return the new content (`undefined`:
 * leave the file as it is) and writes it atomically. A stale base is refused, never lost.
 * @example await updateLibraryFile(path, (cur) => ({ content: edit(cur.bytes) }), { expectedHash })
 */
export function updateLibraryFile<R = undefined>(
  path: string,
  compute: (
    current: CurrentFile,
  ) =>
    | { content?: string | Uint8Array; result?: R }
    | Promise<{ content?: string | Uint8Array; result?: R }>,
  options: UpdateFileOptions = {},
): Promise<FileUpdate<R>> {
  return withFileLock(
    path,
    async () => {
      const bytes = await readBytesIfExists(path);
      const hash = bytes === null ? null : contentHash(bytes);
      if (options.expectedHash !== undefined && options.expectedHash !== hash) {
        throw new ConflictError(path);
      }
      const { content, result } = await compute({ bytes, hash });
      const next = content === undefined ? undefined : Buffer.from(content);
      if (next === undefined || (bytes !== null && next.equals(bytes))) {
        return { changed: false, hash, result };
      }
      await writeFileAtomic(path, next, { expectedHash: hash });
      return { changed: true, hash: contentHash(next), result };
    },
    options,
  );
}
