import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../support/shared-files.js";

// The layer rules of src/ live in .dependency-cruiser.cjs and are written out in the README;
// dependency-cruiser checks every import of src/ against them.
const CONFIG = join(REPO, ".dependency-cruiser.cjs");
// The package exports no subpath for its bin; it is installed with the project (npm ci).
const CRUISER = join(REPO, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

function cruise(cwd: string): { code: number; out: string } {
  const r = spawnSync(
    process.execPath,
    [CRUISER, "src", "--config", CONFIG, "--output-type", "err"],
    { cwd, encoding: "utf8" },
  );
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe("the folders of src/ are layers", () => {
  it("every import of src/ follows the layer rules (no wrong-way import, no cycle)", () => {
    const r = cruise(REPO);
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.code).toBe(0);
  });

  it("fails on a wrong-way import, naming the rule and both files", () => {
    const dir = mkdtempSync(join(tmpdir(), "jingdu-layers-"));
    temp.push(dir);
    mkdirSync(join(dir, "src", "core"), { recursive: true });
    mkdirSync(join(dir, "src", "server"), { recursive: true });
    writeFileSync(
      join(dir, "tsconfig.json"),
      '{"compilerOptions":{"module":"nodenext","moduleResolution":"nodenext"}}',
    );
    writeFileSync(join(dir, "src", "server", "port.ts"), "export const port = 4000;\n");
    writeFileSync(
      join(dir, "src", "core", "model.ts"),
      'import { port } from "../server/port.js";\nexport const p = port;\n',
    );
    const r = cruise(dir);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("layer-core: src/core/model.ts → src/server/port.ts");
  });

  it("fails on a reach past another folder's index.ts or a lazy load low down; passes the door", () => {
    const dir = mkdtempSync(join(tmpdir(), "jingdu-layers-"));
    temp.push(dir);
    mkdirSync(join(dir, "src", "store"), { recursive: true });
    mkdirSync(join(dir, "src", "app"), { recursive: true });
    writeFileSync(
      join(dir, "tsconfig.json"),
      '{"compilerOptions":{"module":"nodenext","moduleResolution":"nodenext"}}',
    );
    writeFileSync(join(dir, "src", "store", "layout.ts"), "export const papers = 'papers';\n");
    writeFileSync(join(dir, "src", "store", "index.ts"), 'export * from "./layout.js";\n');
    const page = join(dir, "src", "app", "page.ts");
    // app may import the store (layer-app allows it), but only through src/store/index.ts.
    writeFileSync(page, 'import { papers } from "../store/layout.js";\nexport const p = papers;\n');
    const reached = cruise(dir);
    expect(reached.code).not.toBe(0);
    expect(reached.out).toContain("enter-by-index: src/app/page.ts → src/store/layout.ts");
    expect(reached.out).not.toContain("layer-app");

    writeFileSync(page, 'import { papers } from "../store/index.js";\nexport const p = papers;\n');
    const entered = cruise(dir);
    expect(entered.out).toMatch(/no dependency violations found/);
    expect(entered.code).toBe(0);

    // Loading a folder lazily is for the CLI, the use cases and the server, not for the pages.
    writeFileSync(page, 'export const load = () => import("../store/index.js");\n');
    const lazy = cruise(dir);
    expect(lazy.code).not.toBe(0);
    expect(lazy.out).toContain("lazy-loading-at-the-top: src/app/page.ts → src/store/index.ts");
  });

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
