/**
 * Reading only plain files. A FIFO where a file should be makes `readFile` wait forever, a
 * directory throws EISDIR, and a symbolic link may point anywhere (a library is a folder you may
 * have cloned): such entries are reported (`file-not-regular`) and skipped, never read.
 */
import type { Stats } from "node:fs";
import { lstat, readFile } from "node:fs/promises";

/** What a non-regular entry is, in words (`a symbolic link`, `a named pipe (FIFO)`). */
export function nonRegularKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isSymbolicLink()) return "a symbolic link";
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * The text of a regular file; `{ missing: true }` when there is none; `{ notRegular }` (what it
 * is instead) for a link, pipe, folder or device, which is not opened.
 */
export async function readRegularFile(
  path: string,
): Promise<{ text: string } | { missing: true } | { notRegular: string }> {
  const read = await readRegularFileBytes(path);
  return "bytes" in read ? { text: read.bytes.toString("utf8") } : read;
}

/**
 * `readRegularFile`'s bytes, undecoded: for a file that may pass the longest string V8 makes
 * (~512 MB), read a line at a time by its reader.
 */
export async function readRegularFileBytes(
  path: string,
): Promise<{ bytes: Buffer } | { missing: true } | { notRegular: string }> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { missing: true };
    throw err;
  }
  const kind = nonRegularKind(info);
  if (kind) return { notRegular: kind };
  try {
    return { bytes: await readFile(path) };
  } catch (err) {
    // Replaced between lstat and open (a refresh renaming its temp file over it): read as gone.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { missing: true };
    throw err;
  }
}
