import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConflictError } from "../core/index.js";

/** SHA-256 of a file's bytes (or of a string as UTF-8), hex. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Reads a file's hash, or `null` when it does not exist. */
export async function currentHash(path: string): Promise<string | null> {
  try {
    return contentHash(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export interface AtomicWriteOptions {
  /**
   * The hash of the content this write replaces, as it was when read; `null` means "the file must
   * not exist yet". Omit to write unconditionally (only for files nobody edits by hand).
   */
  expectedHash?: string | null;
}

/**
 * Writes a file atomically: temp file in the same folder, fsync, rename over the target.
 * With `expectedHash`, refuses (ConflictError) when the file on disk is no longer what was read.
 * @example await writeFileAtomic("papers/resnet.md", text, { expectedHash: hashWhenRead })
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  if (options.expectedHash !== undefined) {
    const now = await currentHash(path);
    if (now !== options.expectedHash) throw new ConflictError(path);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "w");
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // Check again right before the rename: the window for a lost update is now only the rename.
    if (options.expectedHash !== undefined) {
      const now = await currentHash(path);
      if (now !== options.expectedHash) throw new ConflictError(path);
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
