import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { initLibrary } from "../../src/store/index.js";

const TEMPLATE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates", "limu");

/** The library the first call in this test file made; never handed out, only copied. */
let made: Promise<string> | undefined;

/**
 * A new 论文精读 library from the built-in limu template (what `npm start` serves), in a temp
 * folder of its own: returns the library root; remove `dirname(root)` when done. The first call
 * in a test file runs `initLibrary`; the others copy what it made (init writes each of the
 * template's ~150 files with an fsync: seconds on a loaded machine, for the same bytes).
 */
export async function demoLibrary(prefix = "jingdu-demo-"): Promise<string> {
  made ??= (async () => {
    const root = join(mkdtempSync(join(tmpdir(), "jingdu-demo-made-")), "lib");
    await initLibrary(root, { title: "论文精读", language: "zh", templateDir: TEMPLATE });
    return root;
  })();
  const root = join(mkdtempSync(join(tmpdir(), prefix)), "lib");
  cpSync(await made, root, { recursive: true });
  return root;
}
