/**
 * Appending whole lines to a library file under its lock (the one writer, library-writer.ts): for
 * files that grow as a fetch goes (`metadata/citation-graph.jsonl`), where rewriting the whole file
 * after every batch would cost more than the batch. Each append is one write and an fsync, so a
 * killed process leaves whole lines and at most one torn last line; the next append cuts that torn
 * tail off first, so the file is never left with a line glued to half of another.
 */
import { lstat, mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { syncFolder } from "./atomic-write.js";
import { type FileLockOptions, withFileLock } from "./library-writer.js";

/** How far back a torn tail is looked for in one read. */
const TAIL_CHUNK = 64 * 1024;

/** Length of the file up to and including its last `\n` (0 when it has none). */
async function wholeLinesLength(
  handle: Awaited<ReturnType<typeof open>>,
  size: number,
): Promise<number> {
  let end = size;
  const buf = Buffer.alloc(TAIL_CHUNK);
  while (end > 0) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const { bytesRead } = await handle.read(buf, 0, end - start, start);
    const at = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
}

/**
 * Appends `lines` (each without its newline) to the file, creating it; under the file's lock,
 * durable when it returns. Returns how many torn bytes of an earlier, killed append were cut.
 * @example await appendLibraryLines(path, records.map((r) => JSON.stringify(r)))
 */
export function appendLibraryLines(
  path: string,
  lines: readonly string[],
  options: FileLockOptions = {},
): Promise<{ cutBytes: number }> {
  return withFileLock(
    path,
    async () => {
      await mkdir(dirname(path), { recursive: true });
      const existed = await lstat(path).then(
        (s) => s.isFile(),
        () => false,
      );
      const handle = await open(path, "a+");
      try {
        const { size } = await handle.stat();
        let cutBytes = 0;
        if (size > 0) {
          const whole = await wholeLinesLength(handle, size);
          if (whole < size) {
            await handle.truncate(whole);
            cutBytes = size - whole;
          }
        }
        if (lines.length > 0) await handle.write(`${lines.join("\n")}\n`);
        await handle.sync();
        return { cutBytes };
      } finally {
        await handle.close();
        if (!existed) await syncFolder(dirname(path));
      }
    },
    options,
  );
}
