/**
 * `jingdu import` leaves the parsed-library cache behind it (issue 18: `export` right after a
 * 20,000-entry import took 2.4 s cold, 0.6 s warm): the cache it writes is byte for byte what a
 * fresh load of the library writes, so the next command parses nothing the import wrote.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import {
  LIBRARY_CACHE_FILE,
  loadLibrary,
  loadLibraryCached,
  loadLibraryFromCache,
} from "../../src/store/index.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { SHARED } from "../support/shared-files.js";

const BIB = join(
  SHARED,
  "fixtures",
  "bibtex",
  "bbt-import-overline-1467-8-entries-math-accents-braces.bib",
);

describe.skipIf(!existsSync(BIB))("the parsed-library cache after an import", () => {
  it("is what a fresh load writes, and holds every paper the import wrote", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const first = await runCliInProcess(["import", BIB, "--into", lib], { cwd: work });
    expect(first.code, first.stderr).toBe(0);
    // The cache leaves out files written in its racy window (2 s): after that, the same import
    // again (nothing to write) leaves a cache with every file in it.
    await sleep(2_100);
    const again = await runCliInProcess(["import", BIB, "--into", lib], { cwd: work });
    expect(again.code, again.stderr).toBe(0);
    const cacheFile = join(lib, LIBRARY_CACHE_FILE);
    const afterImport = readFileSync(cacheFile);

    const cached = await loadLibraryFromCache(lib);
    expect(cached, "no usable cache after the import").toBeDefined();
    expect(await cached?.isCurrent()).toBe(true);
    const plain = await loadLibrary(lib);
    expect(plain.library.papers).toHaveLength(8);
    expect(cached?.loaded.library.papers.map((p) => [p.id, p.title, p.notes])).toEqual(
      plain.library.papers.map((p) => [p.id, p.title, p.notes]),
    );

    // The plain path: no cache, one fresh load writes it.
    rmSync(cacheFile);
    await loadLibraryCached(lib);
    expect(readFileSync(cacheFile).equals(afterImport)).toBe(true);
  });
});
