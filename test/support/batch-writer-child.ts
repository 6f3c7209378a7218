/**
 * Writes library files from its own process, for the batch-write race and kill tests:
 *   node --import tsx test/support/batch-writer-child.ts single|batch|rounds DIR N COUNT
 * over DIR/f0.md … DIR/f<N-1>.md. Prints `ready`, waits for a line on stdin (so it starts with
 * the test's own writers), then:
 * - `single`: COUNT times, appends `single <i>` to each file, one `updateLibraryFile` each;
 * - `batch`: COUNT times, appends `batch <i>` to every file in one `updateLibraryFiles`;
 * - `rounds`: COUNT times, replaces every file with `roundContent(i)` in one batch (the kill test
 *   kills it somewhere in there);
 * printing `done <i>` after each step was acknowledged, and for a batch's each step that wrote,
 * `way <how its temp files were made durable> <files>` once it was.
 */

import { join } from "node:path";
import { updateLibraryFile, updateLibraryFiles } from "../../src/base/index.js";
import { readyThenWaitForGo } from "./child-start.js";

/** What round `i` of `rounds` writes: large enough that a torn write would show. */
export function roundContent(i: number): string {
  return `round ${i}\n${`${i} `.repeat(12_000)}\nend ${i}\n`;
}

const append = (line: string) => (cur: { bytes: Buffer | null }) => ({
  content: `${cur.bytes?.toString("utf8") ?? ""}${line}\n`,
});

if (process.argv[1]?.endsWith("batch-writer-child.ts")) {
  const [mode, dir, n, count] = process.argv.slice(2);
  if (!mode || !dir || !n || !count) throw new Error("usage: batch-writer-child MODE DIR N COUNT");
  const files = Array.from({ length: Number(n) }, (_, i) => join(dir, `f${i}.md`));
  await readyThenWaitForGo();
  for (let i = 0; i < Number(count); i++) {
    if (mode === "single") {
      for (const file of files) await updateLibraryFile(file, append(`single ${i}`));
    } else {
      // Listed backwards: the batch sorts its locks itself, whatever order it is given.
      const edits = [...files].reverse().map((path) => ({
        path,
        compute: mode === "batch" ? append(`batch ${i}`) : () => ({ content: roundContent(i) }),
      }));
      const results = await updateLibraryFiles(edits, {
        onDurable: (way, written) => console.log(`way ${way} ${written}`),
      });
      const failed = results.find((r) => r.error !== undefined);
      if (failed) throw failed.error;
    }
    console.log(`done ${i}`);
  }
}
