/**
 * What a derived file kept beside the library (a cache, an index) names as the code that made
 * it, so that other code ignores it instead of trusting it: a hash of the modules of the folders
 * that make it, by name and bytes. Derived, never bumped by hand: a version constant is forgotten
 * the day a reader's output changes, and the stale file is then taken as good (issue 15).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

const known = new Map<string, string>();

/**
 * A hash of the `.js`/`.ts` files (tests left out) of these folders, computed once per process.
 * A folder that does not exist in this build adds nothing.
 * @example folderCode([studyDir, coreDir]) // "5d0c…"
 */
export function folderCode(dirs: readonly string[]): string {
  const key = dirs.join("\u0000");
  const got = known.get(key);
  if (got !== undefined) return got;
  const hash = createHash("sha256");
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      // No such folder in this build: nothing of it to hash.
      continue;
    }
    for (const name of names) {
      if (/\.(?:js|ts)$/.test(name) && !/\.test\./.test(name)) {
        hash.update(name).update(readFileSync(`${dir}/${name}`));
      }
    }
  }
  const code = hash.digest("hex");
  known.set(key, code);
  return code;
}
