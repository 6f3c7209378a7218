import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * The split search index's folders hold only the build's own fragments, whose names change with
 * the library's terms. A build without a record of the last one (a first build, or one after a
 * watch was killed before its manifest) cannot know which fragments it wrote: those no route
 * produces now are removed, so that a query never reads a fragment of an older library.
 */
export function removeStrayFragments(
  outDir: string,
  files: ReadonlyMap<string, unknown>,
  removed: string[],
) {
  for (const folder of ["search/t", "search/p", "search/r"]) {
    let names: string[];
    try {
      names = readdirSync(join(outDir, folder));
    } catch (error) {
      // No folder: nothing of an older build to remove.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    for (const name of names) {
      const rel = `${folder}/${name}`;
      if (files.has(rel)) continue;
      rmSync(join(outDir, rel), { force: true });
      removed.push(rel);
    }
  }
}
