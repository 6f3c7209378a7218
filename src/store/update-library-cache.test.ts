import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { writePaperLibrary } from "../../bench/paper-library.js";
import {
  LIBRARY_CACHE_FILE,
  loadLibraryCached,
  updateLibraryCache,
} from "./load-library-cached.js";

/** A small random number generator, so that a failing round can be run again. */
function randomOf(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

/** One change a person or a command makes to a paper file: edited, added, removed, broken. */
function mutate(root: string, pick: (n: number) => number, round: number): void {
  const papers = readdirSync(join(root, "papers")).filter((f) => f.endsWith(".md"));
  const file = join(root, "papers", papers[pick(papers.length)] as string);
  const kind = pick(4);
  if (kind === 0)
    writeFileSync(file, `---\nshort: Edited ${round}\nyear: 2001\n---\nnote ${round}\n`);
  else if (kind === 1)
    writeFileSync(
      join(root, "papers", `new-${round}-${pick(1000)}.md`),
      `---\nshort: New ${round}\n---\n`,
    );
  else if (kind === 2 && papers.length > 5) rmSync(file);
  else writeFileSync(file, `---\nshort: [unclosed\nyear: soon ${round}\n---\n`);
}

describe("updateLibraryCache", () => {
  it("leaves the cache loadLibraryCached leaves, files in and out of the racy window, over many changes", async () => {
    const root = mkdtempSync(join(tmpdir(), "jingdu-update-cache-"));
    try {
      writePaperLibrary(root, { papers: 60, categories: 4 });
      const cacheFile = join(root, LIBRARY_CACHE_FILE);
      const pick = randomOf(16);
      let compared = 0;
      for (let round = 0; round < 24; round++) {
        // Changes settled before `mark` (older than the racy window the two calls are given)…
        for (let k = pick(4); k > 0; k--) mutate(root, pick, round);
        await sleep(30);
        const mark = Date.now();
        await sleep(30);
        // …and changes inside it, which neither call may put in the cache.
        for (let k = pick(4); k > 0; k--) mutate(root, pick, round);
        const before = round === 0 ? undefined : readFileSync(cacheFile);
        await updateLibraryCache(root, { racyMs: Date.now() - mark });
        const updated = readFileSync(cacheFile);
        // The plain path, from the same cache the update started from.
        if (before) writeFileSync(cacheFile, before);
        else rmSync(cacheFile);
        await loadLibraryCached(root, { racyMs: Date.now() - mark });
        const loaded = readFileSync(cacheFile);
        expect(updated.equals(loaded), `round ${round}`).toBe(true);
        compared++;
      }
      expect(compared).toBe(24);
      // The check can fail: a cache that takes the files of the window in is another file.
      await updateLibraryCache(root, { racyMs: 60_000 });
      const without = readFileSync(cacheFile);
      await loadLibraryCached(root, { racyMs: 0 });
      expect(readFileSync(cacheFile).equals(without)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
