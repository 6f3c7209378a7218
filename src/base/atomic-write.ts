import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  fsync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { ConflictError } from "../core/index.js";

const fsyncAsync = promisify(fsync);

/** SHA-256 of a file's bytes (or of a string as UTF-8), hex. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** A file's bytes, or `null` when it does not exist. */
export async function readBytesIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Reads a file's hash, or `null` when it does not exist. */
export async function currentHash(path: string): Promise<string | null> {
  const bytes = await readBytesIfExists(path);
  return bytes === null ? null : contentHash(bytes);
}

export interface AtomicWriteOptions {
  /**
   * The hash of the content this write replaces, as it was when read; `null` means "the file must
   * not exist yet" (then the file is created without ever replacing one made meanwhile). Omit to
   * write unconditionally. The check is only as good as the caller's lock: a read-modify-write
   * of a library file goes through `updateLibraryFile` (library-writer.ts), which holds it.
   */
  expectedHash?: string | null;
}

/** The last temp file number this process gave (from a random start: see `tempPathFor`). */
let tempSerial: number | undefined;

/**
 * Temp files are `.<name>.<pid>.<8 hex>.tmp` beside their target (cleaned by name later). The
 * hex is a number counted up from a random start, one per temp file: unique within the process
 * (a batch of 2,000 files drew 2,000 random numbers for this), and as unlikely as a random one
 * to meet a temp file a killed process of the same pid left.
 */
export function tempPathFor(path: string): string {
  tempSerial = ((tempSerial ?? randomBytes(4).readUInt32BE(0)) + 1) >>> 0;
  const name = `.${basename(path)}.${process.pid}.${tempSerial.toString(16).padStart(8, "0")}.tmp`;
  return join(dirname(path), name);
}

/**
 * fsync of a folder, so a rename in it survives a power cut. Windows cannot open a folder for
 * syncing and some file systems refuse it (EISDIR, EPERM, EINVAL): then the rename is as durable
 * as the platform makes it, and that is not an error.
 */
export async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!["EISDIR", "EPERM", "EINVAL", "ENOTSUP", "EBADF", "EACCES"].includes(code ?? "")) {
      throw err;
    }
  } finally {
    await handle?.close();
  }
}

/**
 * Writes a file atomically: temp file in the same folder, write, fsync, rename over the target,
 * fsync of the folder. The temp file is removed when anything fails. With `expectedHash`, refuses
 * (ConflictError) when the file on disk is no longer what was read; with `expectedHash: null`
 * the temp file is hard-linked into place, which fails if the target appeared meanwhile, so a
 * create never replaces a file (file systems without hard links fall back to check-then-rename).
 * The steps are the batch writer's (library-batch.ts), for one file.
 * @example await writeFileAtomic("papers/resnet.md", text, { expectedHash: hashWhenRead })
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const expected = options.expectedHash;
  if (expected !== undefined && (await currentHash(path)) !== expected) {
    throw new ConflictError(path);
  }
  const tmp = tempPathFor(path);
  const fd = writeOpenTempSync(tmp, content);
  try {
    await fsyncAsync(fd);
  } catch (err) {
    closeTempAndRemove(tmp, fd);
    throw err;
  }
  closeTempSync(tmp, fd);
  placeTempSync(tmp, path, expected);
  await syncFolder(dir);
}

/**
 * The per-file steps of an atomic write are synchronous fs calls: each is a few microseconds on
 * a small file, where fs/promises spends ~0.5 ms of CPU a file on its handles and promises
 * (issue 16: 962 ms of a 2,000-paper import). What waits on the disk (the fsyncs) stays
 * asynchronous. A large file (a snapshot's body, a few MB) blocks for its write, a few ms.
 */

/** A file's bytes, or `null` when it does not exist (`readBytesIfExists`, synchronously). */
export function readBytesIfExistsSync(path: string): Buffer | null {
  // A missing file asked about without an exception (~7 µs each: a batch creating 2,000 files
  // asks 2,000 times); one gone between the stat and the read is still caught below.
  if (statSync(path, { throwIfNoEntry: false }) === undefined) return null;
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/**
 * The first step of an atomic write: `content` in the new temp file `tmp` (never replacing a
 * file), written and left open for its fsync; on failure nothing is left.
 */
export function writeOpenTempSync(tmp: string, content: string | Uint8Array): number {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const fd = openSync(tmp, "wx");
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  } catch (err) {
    closeTempAndRemove(tmp, fd);
    throw err;
  }
  return fd;
}

/**
 * A durable temp file's descriptor closed before it is placed. A close that fails (EIO on some
 * file systems reports a write the fsync did not) leaves bytes that may not be on disk: the temp
 * file is removed, so nothing is placed from it and no litter is left, and the error thrown.
 */
export function closeTempSync(tmp: string, fd: number): void {
  try {
    closeSync(fd);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A temp file given up: its descriptor closed first, then its name removed. */
export function closeTempAndRemove(tmp: string, fd: number): void {
  try {
    closeSync(fd);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The last step of an atomic write: the durable temp file `tmp` put at `path` by rename, after
 * checking the target is still `expected` (`null`: created by hard link, never replacing a file
 * made meanwhile; `undefined`: unconditionally). The temp file is removed when this fails. The
 * folder's fsync is the caller's (one per folder for a batch).
 */
export function placeTempSync(
  tmp: string,
  path: string,
  expected: string | null | undefined,
): void {
  try {
    if (expected === null) createFromSync(tmp, path);
    else {
      // Checked again right before the rename; a caller that holds the file's lock makes the
      // remaining window (between this check and the rename) empty.
      if (expected !== undefined) {
        const now = readBytesIfExistsSync(path);
        if (now === null || contentHash(now) !== expected) throw new ConflictError(path);
      }
      renameSync(tmp, path);
    }
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Puts `tmp` at `path` only if nothing is there (link fails with EEXIST), then drops `tmp`. */
function createFromSync(tmp: string, path: string): void {
  try {
    linkSync(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new ConflictError(path);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw err;
    if (readBytesIfExistsSync(path) !== null) throw new ConflictError(path);
    renameSync(tmp, path);
    return;
  }
  try {
    unlinkSync(tmp);
  } catch {
    // The target holds the content (a second name of the same file): a temp name left behind
    // is only litter, which stale-files.ts removes by name.
  }
}
