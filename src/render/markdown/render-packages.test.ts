import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const RENDER = fileURLToPath(new URL("../index.ts", import.meta.url));

// In a process of its own: this one's require cache holds whatever other tests loaded.
const PROBE = `
import { createRequire } from "node:module";
const { createMarkdownProcessor } = await import(process.argv[2]);
const require = createRequire(import.meta.url);
const loaded = () =>
  Object.keys(require.cache)
    .filter((k) => /node_modules\\/(katex|markdown-it|sanitize-html)\\//.test(k))
    .map((k) => k.replace(/.*node_modules\\/([^/]+)\\/.*/, "$1"))
    .filter((name, i, all) => all.indexOf(name) === i)
    .sort();
const md = createMarkdownProcessor();
const made = loaded();
const plain = md.render("$x^2$ and *text*", { file: "a.md", kind: "paper" });
const rendered = loaded();
md.render("<b>raw</b> HTML", { file: "b.md", kind: "paper" });
console.log(JSON.stringify({ made, rendered, sanitized: loaded(), katex: plain.html.includes('class="katex"') }));
`;

describe("the renderer's packages", () => {
  it("load at a processor's first render, not with the module, and the sanitizer only for raw HTML", () => {
    const dir = mkdtempSync(join(tmpdir(), "jingdu-render-packages-"));
    try {
      const probe = join(dir, "probe.mjs");
      writeFileSync(probe, PROBE);
      const run = spawnSync(process.execPath, ["--import", "tsx", probe, RENDER], {
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual({
        made: [],
        rendered: ["katex", "markdown-it"],
        sanitized: ["katex", "markdown-it", "sanitize-html"],
        katex: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
