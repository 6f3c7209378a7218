/**
 * The set-up of the tests that change a library on disk and build it incrementally (the property
 * tests of src/site): their clock, the loader as `jingdu build` calls it, and libraries prepared
 * for every kind of change (`prepareLibrary`), removed with the test file's temp folders.
 */
import { dirname } from "node:path";
import { afterAll } from "vitest";
import { loadSiteInputs } from "../../src/site/index.js";
import { loadLibraryCached } from "../../src/store/light.js";
import { demoLibrary } from "./demo-library.js";
import { prepareLibrary } from "./library-mutations.js";
import { tempFolders } from "./site-output.js";

/** The builds' clock: one fixed day. */
export const now = () => new Date("2024-07-10T08:00:00Z");

/** The library loaded as `jingdu build` loads it (every note read now). */
export const loadEager = (root: string) => loadLibraryCached(root, { notes: "eager" });

/**
 * Temp folders (`temps`) and built-in libraries prepared for every change of
 * library-mutations.ts (`library()`: its root), all removed after the test file.
 */
export function preparedLibraries(prefix: string) {
  const temps = tempFolders(`${prefix}-`);
  const roots: string[] = [];
  afterAll(() => temps.remove(...roots.map((root) => dirname(root))));
  return {
    temps,
    async library(): Promise<string> {
      const root = await demoLibrary(`${prefix}-lib-`);
      roots.push(root);
      prepareLibrary(root, (await loadSiteInputs(root, loadEager)).library);
      return root;
    },
  };
}
