import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/shared-files.js";
import { type Cruised, cruise, violations } from "./cruise.js";

// The layer rules of src/ live in .dependency-cruiser.cjs and are written out in the README;
// dependency-cruiser checks every import of src/ against them. That src/ keeps them is checked
// in doors.test.ts, on the one cruise of src/ the door checks read too; here a small tree that
// breaks each rule once shows that the check fails, in one cruise of its own.
const CONFIG = join(REPO, ".dependency-cruiser.cjs");

/** A tree whose src/ breaks each rule once, beside imports that keep them. */
const WRONG: Record<string, string> = {
  "tsconfig.json": '{"compilerOptions":{"module":"nodenext","moduleResolution":"nodenext"}}',
  "src/server/port.ts": "export const port = 4000;\n",
  // core imports nothing outside itself.
  "src/core/model.ts": 'import { port } from "../server/port.js";\nexport const p = port;\n',
  "src/store/layout.ts": "export const papers = 'papers';\n",
  "src/store/index.ts": 'export * from "./layout.js";\n',
  // app may import the store (layer-app allows it), but only through src/store/index.ts.
  "src/app/page.ts": 'import { papers } from "../store/layout.js";\nexport const p = papers;\n',
  "src/app/entered.ts": 'import { papers } from "../store/index.js";\nexport const p = papers;\n',
  // Loading a folder lazily is for the CLI, the use cases and the server, not for the pages.
  "src/app/lazy.ts": 'export const load = () => import("../store/index.js");\n',
};

let dir: string;
let broken: Cruised;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jingdu-layers-"));
  for (const [path, text] of Object.entries(WRONG)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  broken = cruise(dir);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the layer check fails where a rule is broken", () => {
  it("on a wrong-way import, naming the rule and both files", () => {
    expect(broken.summary.error).toBeGreaterThan(0);
    expect(violations(broken)).toContain("layer-core: src/core/model.ts → src/server/port.ts");
  });

  it("on a reach past another folder's index.ts or a lazy load low down; passes the door", () => {
    const found = violations(broken);
    expect(found).toContain("enter-by-index: src/app/page.ts → src/store/layout.ts");
    expect(found.filter((v) => v.startsWith("layer-app"))).toEqual([]);
    expect(found).toContain("lazy-loading-at-the-top: src/app/lazy.ts → src/store/index.ts");
    // The same import through the door is no violation.
    expect(found.filter((v) => v.includes("src/app/entered.ts"))).toEqual([]);
    // Nothing else was found (core's import reaches past server's index.ts as well).
    expect([...found].sort()).toEqual([
      "enter-by-index: src/app/page.ts → src/store/layout.ts",
      "enter-by-index: src/core/model.ts → src/server/port.ts",
      "layer-core: src/core/model.ts → src/server/port.ts",
      "lazy-loading-at-the-top: src/app/lazy.ts → src/store/index.ts",
    ]);
  });
});

describe("the layer rules", () => {
  it("the README states the same rules as the configuration", () => {
    const config = readFileSync(CONFIG, "utf8");
    const table = /const ALLOWED = \{([\s\S]*?)\n\};/.exec(config)?.[1] ?? "";
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const rows = [...table.matchAll(/^\s*(\w+): \[([^\]]*)\]/gm)];
    expect(rows.length).toBeGreaterThan(10);
    for (const [, folder, list] of rows) {
      const allowed = [...(list ?? "").matchAll(/"(\w+)"/g)].map((m) => m[1]).join(", ");
      expect(readme).toContain(`- \`src/${folder}\` → ${allowed || "nothing"}`);
    }
  });
});
