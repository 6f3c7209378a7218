import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { notALibrary } from "../core/index.js";
import { LIBRARY_FILES } from "./library-layout.js";

async function isLibrary(dir: string): Promise<boolean> {
  try {
    return (await stat(resolve(dir, LIBRARY_FILES.settings))).isFile();
  } catch {
    // No jingdu.yaml here (or not readable): not a library; the search goes on upward.
    return false;
  }
}

/**
 * The folder `start` or its nearest parent that holds a `jingdu.yaml`, or `undefined`.
 * @example await findLibraryRoot("/home/me/study/papers") // "/home/me/study"
 */
export async function findLibraryRoot(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    if (await isLibrary(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface ResolveLibraryOptions {
  /** `--library DIR`, relative to `cwd`. */
  flag?: string | undefined;
  /** The `JINGDU_LIBRARY` environment variable. */
  env?: string | undefined;
  cwd: string;
}

/**
 * The library to work on: `--library DIR`, else `JINGDU_LIBRARY`, else the working folder or a
 * parent. The first one given is used (no fallback to the next); throws `notALibrary`.
 * @example await resolveLibraryRoot({ flag: args.library, env: process.env.JINGDU_LIBRARY, cwd })
 */
export async function resolveLibraryRoot(options: ResolveLibraryOptions): Promise<string> {
  const given = options.flag || options.env || undefined;
  const start = resolve(options.cwd, given ?? ".");
  const root = await findLibraryRoot(start);
  if (root === undefined) throw notALibrary(start);
  return root;
}
