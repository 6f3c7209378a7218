import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";

// The real study log the product starts from, outside the repo: <repo>/../shared/seeds/….
const SEED = fileURLToPath(
  new URL("../../../../shared/seeds/000_f6b501323f8e2232.txt", import.meta.url),
);
const available = existsSync(SEED);

/** The note part of the seed: everything after the front matter. */
function seedBody(): string {
  const text = readFileSync(SEED, "utf8");
  const end = text.indexOf("\n---\n", 4);
  return text.slice(end + 5);
}

/** Formulas by plain regexes, independent of the plugin's parser. */
function extractFormulas(body: string): { display: string[]; inline: string[] } {
  const display = [...body.matchAll(/\$\$([\s\S]+?)\$\$/g)].map((m) => m[1] ?? "");
  const rest = body.replace(/\$\$[\s\S]+?\$\$/g, " ");
  const inline = [...rest.matchAll(/\$([^$\n]+?)\$/g)].map((m) => m[1] ?? "");
  return { display, inline };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe.skipIf(!available)(
  `seed math (${available ? SEED : "skipped: ../shared is absent"})`,
  () => {
    const md = createMarkdownProcessor();
    const context = { file: "seed.md", kind: "course" as const };

    it("finds the seed's formulas (10 display, 12 inline)", () => {
      const { display, inline } = extractFormulas(seedBody());
      expect(display).toHaveLength(10);
      expect(inline).toHaveLength(12);
    });

    it("renders every formula of the seed, in place, as KaTeX", () => {
      const body = seedBody();
      const { display, inline } = extractFormulas(body);
      const { html, diagnostics, hasMath } = md.render(body, context);
      expect(diagnostics.filter((d) => d.rule === "math-invalid")).toEqual([]);
      expect(hasMath).toBe(true);
      expect(count(html, 'class="katex"')).toBe(display.length + inline.length);
      expect(count(html, 'class="katex-display"')).toBe(display.length);
      expect(html).not.toContain("$$");
      expect(html).not.toContain("math-error");
    });

    it("renders each extracted formula on its own", () => {
      const { display, inline } = extractFormulas(seedBody());
      for (const tex of display) {
        const { html } = md.render(`$$\n${tex.trim()}\n$$`, context);
        expect(count(html, 'class="katex-display"'), tex).toBe(1);
        expect(html, tex).not.toContain("math-error");
      }
      for (const tex of inline) {
        const { html } = md.render(`see $${tex}$.`, context);
        expect(count(html, 'class="katex"'), tex).toBe(1);
        expect(html, tex).not.toContain("math-error");
        expect(html, tex).not.toMatch(/\$/);
      }
    });
  },
);

if (!available) {
  describe("seed math", () => {
    it.skip("SKIPPED: ../shared is missing (needs ../shared/seeds/000_f6b501323f8e2232.txt)", () => {});
  });
}
