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
  net: ["core"],
  sources: ["core", "base"],
  snapshots: ["core", "base", "net"],
  app: ["core", "base", "store", "render", "study", "snapshots"],
  site: ["core", "base", "store", "render", "study", "snapshots", "sources", "app"],
  workspace: ["core", "base", "store", "study", "sources"],
  server: ["core", "base", "store", "render", "study", "snapshots", "app", "site", "workspace"],
  cli: [
    "core",
    "base",
    "store",
    "formats",
    "render",
    "study",
    "net",
    "sources",
    "snapshots",
    "app",
    "site",
    "workspace",
    "server",
  ],
};

const folders = Object.keys(ALLOWED);

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
      name: "no-unknown-folder",
      comment: "every folder of src/ has its place in the layer table above",
      severity: "error",
      from: { path: `^src/(?!(?:${folders.join("|")})/)[^/]+/` },
      to: {},
    },
    {
      name: "no-circular",
      comment: "no import cycles between modules",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.ts$" },
    doNotFollow: { path: "node_modules" },
  },
};
