/**
 * The index an import leaves when it hands the index the items it wrote (`writtenItems`, no file
 * read or parsed again) is the index a rebuild from the files gives: every row, every search
 * document and its terms in the full-text index, every file's stamp. Over the import fixtures,
 * the seed and the mli list, and many generated paper lists, each imported and then imported
 * again changed (replaced files, new ones, files no longer brought).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { importDocument } from "../../src/formats/index.js";
import {
  applyImport,
  initLibrary,
  libraryFiles,
  openIndex,
  serializeCategories,
  type WrittenItem,
  writtenItems,
} from "../../src/store/index.js";
import { REPO, SHARED } from "../support/shared-files.js";

const work = mkdtempSync(join(tmpdir(), "jingdu-written-index-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A small random number generator, so that a failing list can be made again. */
function randomOf(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

const WORDS = ["learning", "残差", "attention", "网络", "graph", "卷积", "deep", "diffusion"];

/**
 * A paper list in one of the shapes the importer reads, drawn from `seed`; another `variant` of
 * it keeps most titles (the same files, replaced when their fields changed), drops some and adds
 * some.
 */
function generatedList(seed: number, variant = 0): string {
  const r = randomOf(seed);
  const v = randomOf(seed * 31 + variant);
  const out = [`# List ${seed}`, ""];
  const n = 3 + r(40);
  const shape = r(3);
  if (shape === 2) out.push("| Paper | Links |", "| --- | --- |");
  for (let i = 0; i < n + variant * 3; i++) {
    if (shape !== 2 && i % (2 + r(6)) === 0) out.push("", `## ${WORDS[r(8)]} ${i}`, "");
    const title = `${WORDS[r(8)]} ${WORDS[r(8)]} number ${i} of ${seed}`;
    if (variant > 0 && v(6) === 0) continue;
    const year = 2000 + v(24);
    const id = `${10 + v(14)}${String(1 + v(12)).padStart(2, "0")}.${String(10000 + v(89999))}`;
    const link = [
      `[[pdf]](https://arxiv.org/pdf/${id})`,
      `[[paper]](https://doi.org/10.1000/${v(9999)})`,
      `[[page]](https://www.semanticscholar.org/paper/${"ab12".repeat(10)})`,
      "",
    ][v(4)];
    const stars = "⭐".repeat(v(6));
    const who = `A. Author${v(50)}`;
    if (shape === 0) out.push(`- **${title}** (${year}), ${who} et al. ${link} ${stars}`);
    else if (shape === 1)
      out.push(`**[${i + 1}]** ${who}. "${title}" (${year}) ${link} ${stars}`, "");
    else out.push(`| **${title}** | ${link} |`);
  }
  return `${out.join("\n")}\n`;
}

/** Every row of the index, the full-text index's terms by file, and the files' stamps. */
function dump(root: string) {
  const db = new Database(join(root, ".jingdu", "index.sqlite"), { readonly: true });
  try {
    const rows = (sql: string) => db.prepare(sql).all();
    db.exec("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search, 'instance')");
    return {
      files: rows("SELECT * FROM files ORDER BY path"),
      settings: rows("SELECT * FROM settings ORDER BY file"),
      categories: rows("SELECT * FROM categories ORDER BY file, ord, id"),
      papers: rows("SELECT * FROM papers ORDER BY file"),
      courses: rows("SELECT * FROM courses ORDER BY file"),
      episodes: rows("SELECT * FROM episodes ORDER BY file"),
      docs: rows(
        "SELECT file, kind, item_id, title, title_text, summary_text, body_text FROM search_docs ORDER BY file",
      ),
      terms: rows(
        "SELECT d.file, t.term, t.col, t.offset FROM temp.terms t JOIN search_docs d ON d.rowid = t.doc ORDER BY d.file, t.col, t.offset, t.term",
      ),
    };
  } finally {
    db.close();
  }
}

/**
 * `text` imported into the library at `root` (made when new) as `jingdu import` does, the index
 * refreshed with the written items; returns that index and the one a rebuild gives.
 */
async function importBoth(
  root: string,
  text: string,
  tamper?: (w: Map<string, WrittenItem>) => void,
  racyMs = 600_000,
) {
  const doc = importDocument(text, { file: "doc.md", courseId: "limu" });
  expect(doc.refused, doc.refused?.message).toBeUndefined();
  if (!existsSync(join(root, "jingdu.yaml")))
    await initLibrary(root, { title: doc.settings.title, language: doc.settings.language });
  writeFileSync(join(root, "categories.yaml"), serializeCategories(doc.categories));
  const parts = { papers: doc.papers, courses: doc.course ? [doc.course] : [] };
  const files = libraryFiles(parts);
  const applied = await applyImport(root, files, { name: "doc", wholeSource: true });
  const written = writtenItems(parts, files, applied);
  tamper?.(written);
  // A window longer than the test: every file written is inside it, for both indexes alike.
  const index = openIndex(root, { racyMs });
  try {
    await index.refresh(undefined, written);
    const handed = dump(root);
    await index.rebuild();
    const updated = applied.files.filter((f) => f.outcome === "updated").length;
    return { handed, rebuilt: dump(root), written: written.size, updated };
  } finally {
    index.close();
  }
}

const FIXTURES = join(REPO, "test", "fixtures", "import");
const documents: [string, string][] = [
  ...readdirSync(FIXTURES)
    .filter((f) => /\.(md|bib|ris|json)$/.test(f))
    .map((f): [string, string] => [f, readFileSync(join(FIXTURES, f), "utf8")]),
  ...[
    join(SHARED, "seeds", "000_f6b501323f8e2232.txt"),
    join(SHARED, "fixtures", "lists", "mli-paper-reading-README.md"),
  ]
    .filter((f) => existsSync(f))
    .map((f): [string, string] => [f, readFileSync(f, "utf8")]),
];

describe("the index from an import's written items", () => {
  it.each(documents)("is the rebuilt index for %s", async (name, text) => {
    const root = join(work, name.replace(/\W/g, "-"));
    const { handed, rebuilt, written } = await importBoth(root, text);
    expect(written).toBeGreaterThan(0);
    expect(handed).toEqual(rebuilt);
  });

  it("is the rebuilt index for 25 generated lists, each imported and then imported again changed", async () => {
    let replaced = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const root = join(work, `list-${seed}`);
      const first = await importBoth(root, generatedList(seed));
      expect(first.handed, `list ${seed}`).toEqual(first.rebuilt);
      expect(first.handed.papers.length).toBeGreaterThan(0);
      // The same source a while later: some items changed, some new, some gone.
      const again = await importBoth(root, generatedList(seed, 1));
      expect(again.handed, `list ${seed}, again`).toEqual(again.rebuilt);
      replaced += again.updated;
    }
    // The second imports replaced files (not only created new ones).
    expect(replaced).toBeGreaterThan(25);
  });

  /** The first written paper handed with another title than its file's. */
  const tamper = (written: Map<string, WrittenItem>) => {
    const [path, w] = [...written][0] as [string, WrittenItem];
    if (w.item.kind !== "paper") throw new Error("a generated list brings papers");
    const paper = { ...w.item.paper, title: "Not the file's" };
    written.set(path, { ...w, item: { kind: "paper", paper } });
  };

  it("the check can fail: an item handed that is not what its file holds shows", async () => {
    const { handed, rebuilt } = await importBoth(join(work, "tampered"), generatedList(7), tamper);
    expect(handed.papers).not.toEqual(rebuilt.papers);
    expect(handed.docs).not.toEqual(rebuilt.docs);
  });

  it("takes no item for a file outside the racy window: that file is read", async () => {
    const root = join(work, "settled");
    const { handed, rebuilt } = await importBoth(root, generatedList(8), tamper, 0);
    expect(handed).toEqual(rebuilt);
    // Outside the window the stamps are the files' own (inside it, size -1: read next time).
    expect(handed.files.every((f) => (f as { size: number }).size >= 0)).toBe(true);
  });
});
