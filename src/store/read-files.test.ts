import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contentHash } from "../base/index.js";
import { readStampedFileSync } from "./read-files.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("readStampedFileSync", () => {
  it("reads every size as readFileSync does, with the file's own stamp", () => {
    const root = mkdtempSync(join(tmpdir(), "jingdu-read-"));
    dirs.push(root);
    const sizes = [0, 1, 2, 4095, 4096, 4097, 8192, 70_000, 1 << 20];
    for (const size of sizes) {
      // Chinese, emoji and ASCII: multi-byte sequences across every buffer boundary.
      const text = "残差 learning 🙂 ".repeat(Math.ceil(size / 20) + 1).slice(0, size);
      writeFileSync(join(root, `f${size}.md`), text);
    }
    writeFileSync(join(root, "bad.md"), Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a]));
    for (const name of [...sizes.map((s) => `f${s}.md`), "bad.md"]) {
      const path = join(root, name);
      const read = readStampedFileSync(root, name);
      const bytes = readFileSync(path);
      const st = statSync(path);
      expect(read?.text, name).toBe(bytes.toString("utf8"));
      expect(read?.hash, name).toBe(contentHash(bytes));
      expect([read?.size, read?.mtimeMs, read?.ctimeMs], name).toEqual([
        st.size,
        st.mtimeMs,
        st.ctimeMs,
      ]);
    }
    expect(readStampedFileSync(root, "bad.md")?.notUtf8Line).toBe(2);
    expect(readStampedFileSync(root, "gone.md")).toBeUndefined();
  });
});
