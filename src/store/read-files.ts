import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { contentHash } from "../base/index.js";

/** What the store remembers about a file it read: enough to tell whether it changed. */
export interface FileStamp {
  hash: string;
  mtimeMs: number;
  size: number;
}

export interface ReadFile extends FileStamp {
  path: string;
  text: string;
  /** Also changes when a file is written back with its old size and mtime. */
  ctimeMs: number;
  /**
   * The 1-based line of the first byte sequence that is not UTF-8, when there is one: `text`
   * then shows it as U+FFFD, and the file must be reported and never written back from `text`.
   */
  notUtf8Line?: number;
}

/** The 1-based line of the first byte sequence that is not UTF-8, or undefined when all are. */
export function firstNotUtf8Line(bytes: Buffer): number | undefined {
  if (isUtf8(bytes)) return undefined;
  // Lines are checked one at a time (a line end is never inside a UTF-8 sequence); the file was
  // already found bad, so this runs only for such files.
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    start = end + 1;
  }
  return line;
}

/** A file's size, mtime and ctime. */
export interface FileTimes {
  mtimeMs: number;
  ctimeMs: number;
  size: number;
}

/**
 * The bytes of an open file whose stat was just taken: up to the size it gave, as
 * `readFileSync(fd)` reads a regular file, without the second fstat that one makes (one per
 * file: 20,000 for a first `status` at 20,000 papers). A file of size 0 or not regular is read
 * to its end by `readFileSync`.
 */
function readOpened(fd: number, info: { size: number; isFile(): boolean }): Buffer {
  if (info.size === 0 || !info.isFile()) return readFileSync(fd);
  const bytes = Buffer.allocUnsafe(info.size);
  let got = 0;
  while (got < bytes.length) {
    const n = readSync(fd, bytes, got, bytes.length - got, null);
    if (n === 0) break; // shorter than its stat said (cut meanwhile): what there is
    got += n;
  }
  return got === bytes.length ? bytes : bytes.subarray(0, got);
}

/**
 * Reads one file (relative path under `root`) with its size, times and content hash, in one
 * open; `undefined` when it is gone.
 */
export function readStampedFileSync(root: string, path: string): ReadFile | undefined {
  let fd: number;
  try {
    fd = openSync(join(root, path), "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  try {
    const info = fstatSync(fd);
    const bytes = readOpened(fd, info);
    const notUtf8Line = firstNotUtf8Line(bytes);
    return {
      path,
      text: bytes.toString("utf8"),
      ...(notUtf8Line === undefined ? {} : { notUtf8Line }),
      hash: contentHash(bytes),
      mtimeMs: info.mtimeMs,
      ctimeMs: info.ctimeMs,
      size: info.size,
    };
  } finally {
    closeSync(fd);
  }
}

/** Files read between two yields to the event loop. */
const READ_BATCH = 256;

/**
 * Reads many files with their stamps, in batches of synchronous reads with a yield to the event
 * loop between batches. Why not `fs/promises`: for 20,000 small files the promise API costs
 * ~5 s (a thread-pool round trip per open/stat/read/close), plain reads ~0.6 s. A file that
 * vanished meanwhile is left out.
 */
export async function readStampedFiles<R = ReadFile>(
  root: string,
  paths: readonly string[],
  /** Turns each file into what the caller keeps, so the texts can be freed batch by batch. */
  keep: (file: ReadFile) => R = (file) => file as R,
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < paths.length; start += READ_BATCH) {
    if (start > 0) await yieldToEventLoop();
    for (const path of paths.slice(start, start + READ_BATCH)) {
      const file = readStampedFileSync(root, path);
      if (file) out.push(keep(file));
    }
  }
  return out;
}

/** Size and times of many files (missing ones left out), in batches like `readStampedFiles`. */
export async function statFiles(
  root: string,
  paths: readonly string[],
): Promise<Map<string, FileTimes>> {
  const out = new Map<string, FileTimes>();
  for (let start = 0; start < paths.length; start += READ_BATCH * 4) {
    if (start > 0) await yieldToEventLoop();
    for (const path of paths.slice(start, start + READ_BATCH * 4)) {
      const info = statSync(join(root, path), { throwIfNoEntry: false });
      if (info) out.set(path, { mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, size: info.size });
    }
  }
  return out;
}
