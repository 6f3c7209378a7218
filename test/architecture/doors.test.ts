import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/shared-files.js";
import { type Cruised, cruise, violations } from "./cruise.js";

// Besides index.ts, four folders have a light door (`light.ts`, allowed by SIDE_DOORS in
// .dependency-cruiser.cjs) for start-up paths. A door is worth having only while it is a true
// subset of the folder's index and stays light; both are checked here, on the one cruise of src/
// that also checks every import against the layer rules (layers.test.ts shows those rules fail).

/** What loading `starts` loads: static value imports only (types are erased, `import()` waits). */
function loadedBy(graph: Cruised, ...starts: string[]): Set<string> {
  const bySource = new Map(graph.modules.map((m) => [m.source, m]));
  const seen = new Set(starts);
  const todo = [...starts];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    for (const d of bySource.get(next)?.dependencies ?? []) {
      if (d.dynamic || d.dependencyTypes.some((t) => t === "type-only" || t === "type-import"))
        continue;
      if (seen.has(d.resolved)) continue;
      seen.add(d.resolved);
      todo.push(d.resolved);
    }
  }
  return seen;
}

/** Each light door and what it must not load (npm packages by name, or src/ folders). */
const DOORS = [
  { folder: "store", heavy: ["better-sqlite3", "yaml", "zod", "src/store/parse-file.ts"] },
  { folder: "snapshots", heavy: ["htmlparser2", "src/net/", "src/snapshots/archive-html.ts"] },
  { folder: "sources", heavy: ["src/sources/http/", "src/sources/semantic-scholar/"] },
  { folder: "app", heavy: ["src/render/", "src/store/", "katex", "src/app/layout.ts"] },
];

function reaches(loaded: Set<string>, heavy: string): boolean {
  return [...loaded].some((path) =>
    heavy.startsWith("src/") ? path.startsWith(heavy) : path.includes(`node_modules/${heavy}/`),
  );
}

// One cruise of src/ (a few seconds) for all the tests below: the graph and its violations.
const graph = cruise(REPO);

describe("the folders of src/ are layers", () => {
  it("every import of src/ follows the layer rules (no wrong-way import, no cycle)", () => {
    expect(violations(graph)).toEqual([]);
    expect(graph.summary.error).toBe(0);
    // The cruise saw the tree: every folder's index and the imports between them.
    expect(graph.modules.length).toBeGreaterThan(300);
  });
});

describe("the light doors of store, snapshots and sources", () => {
  it.each(DOORS)(
    "src/$folder/light.ts loads none of its folder's heavy half",
    ({ folder, heavy }) => {
      const light = loadedBy(graph, `src/${folder}/light.ts`);
      const index = loadedBy(graph, `src/${folder}/index.ts`);
      for (const h of heavy) {
        expect(reaches(light, h), `src/${folder}/light.ts loads ${h}`).toBe(false);
        // The check can fail: the folder's index does load it.
        expect(reaches(index, h), `src/${folder}/index.ts loads ${h}`).toBe(true);
      }
      expect(light.size).toBeLessThan(index.size);
    },
  );

  it.each(DOORS)(
    "everything src/$folder/light.ts exports, index.ts exports too",
    async ({ folder }) => {
      const light = (await import(join(REPO, "src", folder, "light.ts"))) as Record<
        string,
        unknown
      >;
      const index = (await import(join(REPO, "src", folder, "index.ts"))) as Record<
        string,
        unknown
      >;
      expect(Object.keys(light).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(light)) {
        expect(index[name], `${name} is missing from src/${folder}/index.ts`).toBe(value);
      }
    },
  );
});

describe("the store's index door", () => {
  it("loads the SQLite index without zod, yaml or the parser, and index.ts exports it all", async () => {
    const door = loadedBy(graph, "src/store/index-door.ts");
    const index = loadedBy(graph, "src/store/index.ts");
    expect(reaches(door, "better-sqlite3")).toBe(true);
    for (const h of ["yaml", "zod", "src/store/parse-file.ts"]) {
      expect(reaches(door, h), `src/store/index-door.ts loads ${h}`).toBe(false);
      expect(reaches(index, h), `src/store/index.ts loads ${h}`).toBe(true);
    }
    const exported = (await import(join(REPO, "src/store/index-door.ts"))) as Record<
      string,
      unknown
    >;
    const all = (await import(join(REPO, "src/store/index.ts"))) as Record<string, unknown>;
    expect(Object.keys(exported).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(exported)) expect(all[name], name).toBe(value);
  });
});

describe("start-up through the doors", () => {
  it("`jingdu status` loads neither the server, the renderer, KaTeX nor SQLite", () => {
    // main.ts and the command run-cli.ts import() for `status`; the rest waits for its command.
    const loaded = loadedBy(graph, "src/cli/main.ts", "src/cli/commands/status.ts");
    expect(loaded.has("src/store/light.ts")).toBe(true);
    for (const heavy of ["src/server/", "src/render/", "src/site/", "katex", "better-sqlite3"]) {
      expect(reaches(loaded, heavy), `status loads ${heavy}`).toBe(false);
    }
    // The check can fail: the server's index does load what status must not.
    const server = loadedBy(graph, "src/server/index.ts");
    expect(reaches(server, "src/server/") && reaches(server, "src/render/")).toBe(true);
  });
});

describe("`jingdu import` of a file", () => {
  it("loads neither the sources' clients nor the safe fetcher (they wait for a URL or BBT JSON)", () => {
    const loaded = loadedBy(graph, "src/cli/main.ts", "src/cli/commands/import.ts");
    expect(reaches(loaded, "src/formats/")).toBe(true);
    for (const heavy of ["src/sources/", "src/net/"]) {
      expect(reaches(loaded, heavy), `import loads ${heavy}`).toBe(false);
    }
    // The check can fail: the Zotero import does load them.
    const zotero = loadedBy(graph, "src/cli/import-zotero.ts");
    expect(reaches(zotero, "src/sources/")).toBe(true);
  });
});
