// The folders of src/ are layers; this file is their dependency rules, checked in `npm test`
// (test/architecture/layers.test.ts) and written out in the README's Architecture section.
// A folder may import itself and the folders listed for it, nothing else.
/** @type {Record<string, string[]>} */
const ALLOWED = {
  core: [],
  base: ["core"],
  store: ["core", "base"],
  formats: ["core"],
  render: ["core"],
  study: ["core"],
  net: ["core", "base"],
  sources: ["core", "base"],
  snapshots: ["core", "base", "net"],
  app: ["core", "base", "store", "render", "study", "snapshots"],
  site: ["core", "base", "store", "render", "study", "snapshots", "sources", "app"],
  workspace: ["core", "base", "store", "study", "sources"],
  server: [
    "core",
    "base",
    "store",
    "formats",
    "render",
    "study",
    "snapshots",
    "app",
    "site",
    "workspace",
  ],
};
// The CLI, the top, may import every other folder: what the server may, and the net, the
// sources and the server themselves.
ALLOWED.cli = [...ALLOWED.server, "net", "sources", "server"];

const folders = Object.keys(ALLOWED);

// A folder is entered by its front door, `index.ts`, from any other folder. Besides it, these
// files are public too, each for start-up time (an index.ts barrel loads its whole folder):
// - `light.ts` of store, snapshots and sources: what start-up paths need without the folder's
//   heavy half (SQLite, yaml, the HTML archiver, the HTTP clients); a subset of index.ts, kept
//   light by test/architecture/doors.test.ts;
// - core's `schemas.ts` and `make-items.ts`: they load zod, which core's index must not.
// Lazy loading happens at the top only: the CLI `import()`s each command when it runs, and the
// use cases (workspace) and the server `import()` a heavy folder's door at first use (the store's
// SQLite index, the sources' clients), so `jingdu status` and the server's first page do not load
// them. Never past a door, and never lower down (rule lazy-loading-at-the-top).
const LAZY = ["cli", "workspace", "server"];
const SIDE_DOORS = {
  core: ["schemas.ts", "make-items.ts"],
  store: ["light.ts", "index-door.ts"],
  snapshots: ["light.ts"],
  sources: ["light.ts"],
  app: ["light.ts"],
};
const doors = [
  "^src/[^/]+/index\\.ts$",
  ...Object.entries(SIDE_DOORS).flatMap(([folder, files]) =>
    files.map((file) => `^src/${folder}/${file.replace(".", "\\.")}$`),
  ),
];

module.exports = {
  forbidden: [
    ...folders.map((from) => ({
      name: `layer-${from}`,
      comment: `src/${from} may import only ${ALLOWED[from].join(", ") || "nothing outside itself"}`,
      severity: "error",
      from: { path: `^src/${from}/` },
      to: {
        path: `^src/(?!(?:${[from, ...ALLOWED[from]].join("|")})/)[^/]+/`,
      },
    })),
    {
      name: "enter-by-index",
      comment: "another folder is imported through its index.ts (or a door named in SIDE_DOORS)",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { path: "^src/[^/]+/", pathNot: ["^src/$1/", ...doors] },
    },
    {
      name: "lazy-loading-at-the-top",
      comment: `only ${LAZY.join(", ")} import() another folder (start-up time is theirs to keep)`,
      severity: "error",
      from: { path: `^src/(?!(?:${LAZY.join("|")})/)([^/]+)/` },
      to: { dynamic: true, path: "^src/[^/]+/", pathNot: "^src/$1/" },
    },
    {
      name: "no-unknown-folder",
      comment: "every folder of src/ has its place in the layer table above",
      severity: "error",
      from: { path: `^src/(?!(?:${folders.join("|")})/)[^/]+/` },
      to: {},
    },
    {
      name: "no-circular",
      comment: "no import cycles between modules (type-only imports, erased at run time, aside)",
      severity: "error",
      from: { path: "^src/" },
      to: {
        circular: true,
        dependencyTypesNot: ["type-only", "type-import"],
        viaOnly: { dependencyTypesNot: ["type-only", "type-import"] },
      },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports are checked too: they name a folder's files as much as value imports do.
    tsPreCompilationDeps: true,
    // Colocated tests are checked too: a test imports its own folder's files freely and other
    // folders through their doors, like the code beside it.
    doNotFollow: { path: "node_modules" },
  },
};
