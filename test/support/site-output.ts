import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** The build manifest's name (`MANIFEST_NAME`): it names the folder it is in, so it is left out. */
const MANIFEST = ".jingdu-build.json";

/**
 * Every file a build wrote into `dir` (but its manifest), by path relative to `dir`, with its
 * bytes as base64: two builds wrote the same site when their outputs are equal.
 */
export function siteFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== MANIFEST) files.set(relative(dir, path), readFileSync(path, "base64"));
    }
  };
  walk(dir);
  return files;
}

/** Temporary folders for a test file: `make()` one, `clean()` them all (in `afterEach`). */
export function tempFolders(prefix: string) {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    clean(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
    /**
     * `clean()` without blocking, every folder at once: dozens of built sites (thousands of
     * files) took over a minute to remove one unlink after another on the loaded 2-core machine.
     */
    async remove(...more: string[]): Promise<void> {
      const dirs = [...made.splice(0), ...more];
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
