import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { initLibrary } from "../../src/store/index.js";

const TEMPLATE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates", "limu");

/**
 * A new 论文精读 library from the built-in limu template (what `npm start` serves), in a temp
 * folder of its own: returns the library root; remove `dirname(root)` when done.
 */
export async function demoLibrary(prefix = "jingdu-demo-"): Promise<string> {
  const root = join(mkdtempSync(join(tmpdir(), prefix)), "lib");
  await initLibrary(root, { title: "论文精读", language: "zh", templateDir: TEMPLATE });
  return root;
}
