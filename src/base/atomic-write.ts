import { createHash, randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConflictError } from "../core/index.js";

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

/** Temp files are `.<name>.<pid>.<random>.tmp` beside their target (cleaned by name later). */
export function tempPathFor(path: string): string {
  const name = `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
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
  const tmp = await writeTempFile(path, content);
  await placeTempFile(tmp, path, expected);
  await syncFolder(dir);
}

/**
 * The first step of an atomic write: `content` in a new temp file beside `path`, fsynced (a
 * batch writes its temp files with `openTempFile` and syncs them in one pass). The folder must
 * exist. Returns the temp file's path; on failure nothing is left.
 */
export async function writeTempFile(path: string, content: string | Uint8Array): Promise<string> {
  const tmp = tempPathFor(path);
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return tmp;
}

/** A batch's temp file, written and still open: synced and closed in the batch's fsync pass. */
export interface TempFile {
  path: string;
  syncAndClose(): Promise<void>;
}

/**
 * `writeTempFile` for a batch: the temp file written and left open, so the fsync pass needs no
 * second open. On failure (here or in `syncAndClose`) the handle is closed; the caller removes
 * the file when `syncAndClose` fails.
 */
export async function openTempFile(path: string, content: string | Uint8Array): Promise<TempFile> {
  const tmp = tempPathFor(path);
  const handle = await open(tmp, "wx");
  try {
    await handle.writeFile(content);
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  return {
    path: tmp,
    syncAndClose: async () => {
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * The last step of an atomic write: the (synced) temp file `tmp` put at `path` by rename, after
 * checking the target is still `expected` (`null`: created by hard link, never replacing a file
 * made meanwhile; `undefined`: unconditionally). The temp file is removed when this fails. The
 * folder's fsync is the caller's (one per folder for a batch).
 */
export async function placeTempFile(
  tmp: string,
  path: string,
  expected: string | null | undefined,
): Promise<void> {
  try {
    if (expected === null) await createFrom(tmp, path);
    else {
      // Checked again right before the rename; a caller that holds the file's lock makes the
      // remaining window (between this check and the rename) empty.
      if (expected !== undefined && (await currentHash(path)) !== expected) {
        throw new ConflictError(path);
      }
      await rename(tmp, path);
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Puts `tmp` at `path` only if nothing is there (link fails with EEXIST), then drops `tmp`. */
async function createFrom(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new ConflictError(path);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw err;
    if ((await currentHash(path)) !== null) throw new ConflictError(path);
    await rename(tmp, path);
    return;
  }
  // The target holds the content now (a second name of the same file): a temp name left
  // behind is only litter, which stale-files.ts removes by name.
  await unlink(tmp).catch(() => undefined);
}
