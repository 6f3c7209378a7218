import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { folderCode } from "./folder-code.js";

const root = mkdtempSync(join(tmpdir(), "jingdu-folder-code-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of modules `files` (name → text) under a new name. */
let n = 0;
function folder(files: Record<string, string>): string {
  const dir = join(root, `f${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("folderCode", () => {
  it("changes with a module's bytes or name, not with tests or other files", () => {
    const base = { "a.ts": "export const a = 1;\n", "b.js": "export {};\n" };
    const code = folderCode([folder(base)]);
    expect(folderCode([folder(base)])).toBe(code);
    expect(folderCode([folder({ ...base, "a.ts": "export const a = 2;\n" })])).not.toBe(code);
    expect(folderCode([folder({ "c.ts": base["a.ts"], "b.js": base["b.js"] })])).not.toBe(code);
    expect(folderCode([folder({ ...base, "a.test.ts": "it()", "README.md": "x" })])).toBe(code);
    // A folder this build lacks adds nothing.
    expect(folderCode([folder(base), join(root, "no-such")])).toBe(code);
  });
});
