/**
 * `jingdu import refs.ris` and `jingdu import refs.json` as a user runs them, end to end: every
 * record or item becomes a paper file, a second run changes no file, and the library exported as
 * the same format and imported into another folder makes the same paper files. A Better BibTeX
 * JSON export also brings its collections, notes and attachments.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/store/index.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { REPO, SHARED } from "../support/shared-files.js";

const FIXTURES = join(SHARED, "fixtures");
const HAS_FIXTURES = existsSync(join(FIXTURES, "ris"));
if (!HAS_FIXTURES)
  console.warn(`../shared/fixtures is missing (${FIXTURES}): RIS/CSL-JSON import tests skipped`);

/** A file of each shape, the kind the report names, its entries, and the export format. */
const FILES: [string, string, number, "ris" | "csl-json"][] = [
  ["ris/astrocite-long.ris", "RIS", 24, "ris"],
  ["ris/rispy-example_wos.ris", "RIS", 2, "ris"],
  ["ris/astrocite-crlf.ris", "RIS", 2, "ris"],
  ["csl-json/citationjs-biblatex-mapping.csl.json", "CSL-JSON", 28, "csl-json"],
  ["csl-json/citationjs-doi-org-csl-response-wrapped.json", "CSL-JSON", 4, "csl-json"],
];

async function importJson(args: string[], cwd: string) {
  const run = await runCliInProcess(["import", ...args, "--json"], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** Every paper file of a library, by name. */
function paperFiles(lib: string): Record<string, string> {
  const dir = join(lib, "papers");
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

describe.skipIf(!HAS_FIXTURES)("jingdu import of RIS and CSL-JSON files", () => {
  for (const [name, kindName, entries, format] of FILES) {
    it(`${name}: ${entries} papers; again, no file changes; exported and imported elsewhere, the same files`, async () => {
      const work = tempDir();
      const lib = join(work, "lib");
      const file = join(FIXTURES, name);
      const first = await importJson([file, "--into", lib], work);
      expect(first.kindName).toBe(kindName);
      expect(first.papers).toMatchObject({ created: entries, updated: 0, total: entries });
      expect(first.parts).toContainEqual({ part: "entries", count: entries });
      expect(first.parts).toContainEqual({ part: "entries not mapped", count: 0 });
      const made = paperFiles(lib);
      expect(Object.keys(made)).toHaveLength(entries);

      const again = await importJson([file, "--into", lib], work);
      expect(again.papers).toMatchObject({ created: 0, updated: 0, unchanged: entries });
      expect(paperFiles(lib)).toEqual(made);

      const out = join(work, `out.${format === "ris" ? "ris" : "json"}`);
      const exported = await runCliInProcess(["export", "--format", format, "--out", out], {
        cwd: lib,
      });
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toContain(`Exported ${entries} papers`);
      const copy = join(work, "copy");
      const back = await importJson([out, "--into", copy], work);
      expect(back.papers.created).toBe(entries);
      expect(paperFiles(copy)).toEqual(made);
    });
  }
});

const BBT = join(REPO, "test", "fixtures", "import", "bbt-library.SHAPED.json");

describe("jingdu import of a Better BibTeX JSON export", () => {
  it("makes papers with their keys, categories, notes and files; again, no file changes; exported and imported elsewhere, the same works", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const first = await importJson([BBT, "--into", lib], work);
    expect(first.kindName).toBe("Better BibTeX JSON");
    expect(first.papers).toMatchObject({ created: 4, updated: 0, total: 4 });
    expect(first.parts).toContainEqual({ part: "entries", count: 5 });
    expect(first.parts).toContainEqual({ part: "entries not mapped", count: 1 });
    expect(first.categories).toEqual({ total: 3, created: 3 });
    expect(first.coverage.dropped).toEqual([]);
    const standalone = first.warnings.find(
      (w: { rule: string }) => w.rule === "bib-entry-not-mapped",
    );
    expect(standalone).toMatchObject({ line: 93, file: BBT });

    const { library } = await loadLibrary(lib);
    expect(library.categories.map((c) => c.name)).toEqual([
      "Vision",
      "Vision / Detection",
      "语言模型",
    ]);
    const resnet = library.papers.find((p) => p.citekey === "he2016deep");
    expect(resnet).toMatchObject({
      categories: ["vision"],
      ids: { zotero: "X42A7DEE", doi: "10.1109/CVPR.2016.90", arxiv: "1512.03385" },
      attachments: [
        expect.objectContaining({ title: "Full Text PDF", contentType: "application/pdf" }),
      ],
    });
    // Zotero's HTML notes as Markdown, as `jingdu import zotero` writes them.
    expect(resnet?.notes).toBe("Read the **bottleneck** block again.");
    const yolo = library.papers.find((p) => p.citekey === "redmon2016yolo");
    expect(yolo?.notes).toBe("# YOLO\n\nOne pass, a grid of boxes.");
    const made = paperFiles(lib);

    const again = await importJson([BBT, "--into", lib], work);
    expect(again.papers).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(paperFiles(lib)).toEqual(made);

    const out = join(work, "out.bib");
    const exported = await runCliInProcess(["export", "--format", "biblatex", "--out", out], {
      cwd: lib,
    });
    expect(exported.code, exported.stderr).toBe(0);
    const copy = join(work, "copy");
    const back = await importJson([out, "--into", copy], work);
    expect(back.papers.created).toBe(4);
    const works = (root: string) =>
      loadLibrary(root).then(({ library: l }) =>
        l.papers.map((p) => [p.citekey, p.title, p.authors, p.year, p.ids.doi, p.ids.arxiv]),
      );
    expect(await works(copy)).toEqual(await works(lib));
  });
});
