/**
 * Marks episodes done from its own process, for the cross-process race test:
 *   node --import tsx test/support/progress-writer-child.ts <libraryRoot> <course> <n,n,…>
 * Prints `ready`, waits for a line on stdin (so two children start together), then marks each
 * episode with its own `setEpisodeStatus` call and prints `done N` per episode it was told
 * succeeded. `hold <path>` instead takes that file's lock, prints `locked` and never lets go
 * (the stale-lock test kills it).
 */
import { setEpisodeStatus } from "../../src/store/index.js";
import { readyThenWaitForGo } from "./child-start.js";

const [mode, ...args] = process.argv.slice(2);
if (mode === "hold") {
  const [path] = args;
  if (!path) throw new Error("usage: progress-writer-child hold PATH");
  // Imported here so the writer half of this child also runs against code without the lock.
  const { withFileLock } = await import("../../src/base/index.js");
  await withFileLock(path, async () => {
    console.log("locked");
    await new Promise(() => undefined);
  });
} else {
  const [root, course, numbers] = [mode, ...args];
  if (!root || !course || !numbers) throw new Error("usage: progress-writer-child ROOT COURSE N,N");
  await readyThenWaitForGo();
  const now = () => new Date("2026-03-01T10:00:00Z");
  for (const n of numbers.split(",").map(Number)) {
    await setEpisodeStatus(root, course, [n], "done", { now });
    console.log(`done ${n}`);
  }
}
