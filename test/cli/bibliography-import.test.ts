/**
 * `jingdu import refs.bib` as a user runs it: every entry becomes a paper file, a second run
 * changes nothing, a paper the person edited is kept, and a paper the library already has (same
 * citekey or ids) is the one updated, never a duplicate.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/store/index.js";
import { BIBTEX_FIXTURES as BIB_FIXTURES } from "../support/bib-fixtures.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { SHARED } from "../support/shared-files.js";

const FIXTURES = join(SHARED, "fixtures");
const HAS_FIXTURES = existsSync(join(FIXTURES, "bibtex"));
if (!HAS_FIXTURES)
  console.warn(`../shared/fixtures is missing (${FIXTURES}): import tests skipped`);
const MATH_BIB = join(
  FIXTURES,
  "bibtex",
  "bbt-import-overline-1467-8-entries-math-accents-braces.bib",
);

async function importJson(args: string[], cwd: string) {
  const run = await runCliInProcess(["import", ...args, "--json"], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** Every BibTeX/BibLaTeX fixture and its entries (counted by hand: `grep -c '^@'`). */

describe.skipIf(!HAS_FIXTURES)("jingdu import --dry-run of every BibTeX fixture", () => {
  // The parser's test counts its papers; this is the command a user runs on each file: told
  // apart as BibTeX (whatever its extension), every entry a paper, none left unmapped.
  for (const [name, entries] of BIB_FIXTURES) {
    it(`${name}: ${entries} entries, ${entries} papers`, async () => {
      const work = tempDir();
      const run = await runCliInProcess(["import", join(FIXTURES, name), "--dry-run", "--json"], {
        cwd: work,
      });
      expect(run.code, run.stderr).toBe(0);
      const plan = JSON.parse(run.stdout) as {
        kind: string;
        parts: { part: string; count: number }[];
      };
      expect(plan.kind).toBe("bibtex");
      const count = (part: string) => plan.parts.find((p) => p.part === part)?.count;
      expect(count("entries")).toBe(entries);
      expect(count("papers")).toBe(entries);
      expect(count("entries not mapped")).toBe(0);
    });
  }
});

describe.skipIf(!HAS_FIXTURES)("jingdu import of a BibTeX file", () => {
  it("makes one paper per entry; again, changes nothing; an edited paper is kept", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const first = await importJson([MATH_BIB, "--into", lib], work);
    expect(first.kindName).toBe("BibTeX");
    expect(first.papers).toMatchObject({ created: 8, updated: 0, total: 8 });
    expect(first.parts).toContainEqual({ part: "entries", count: 8 });
    const held = readFileSync(join(lib, "papers", "held-1998.md"), "utf8");
    expect(held).toContain("citekey: Held_1998");
    expect(held).toContain(
      "title: N-Limited Versus Ga-Limited Growth on $\u007b\\rm GaN}(000\\bar{1})$",
    );
    expect(readFileSync(join(lib, "papers", "zywietz-1998.md"), "utf8")).toContain(
      "Jörg Neugebauer",
    );

    const again = await importJson([MATH_BIB, "--into", lib], work);
    expect(again.papers).toMatchObject({ created: 0, updated: 0, unchanged: 8, conflicts: 0 });

    const path = join(lib, "papers", "keller-2014.md");
    const edited = readFileSync(path, "utf8").replace(
      "venue: Semicond. Sci. Technol.",
      "venue: SST",
    );
    writeFileSync(path, edited);
    const third = await importJson([MATH_BIB, "--into", lib], work);
    expect(third.papers.created).toBe(0);
    expect(readFileSync(path, "utf8")).toContain("venue: SST");
  });

  it("updates the paper the library has by the same DOI instead of adding another", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    expect((await runCliInProcess(["init", lib], { cwd: work })).code).toBe(0);
    writeFileSync(
      join(lib, "papers", "gan-growth.md"),
      "---\nshort: GaN growth\nids: {doi: 10.1142/S0218625X98001274}\n---\nMy notes.\n",
    );
    const r = await importJson([MATH_BIB], lib);
    expect(r.papers.created).toBe(7);
    expect(existsSync(join(lib, "papers", "held-1998.md"))).toBe(false);
    expect(readFileSync(join(lib, "papers", "gan-growth.md"), "utf8")).toContain("My notes.");
  });
});

describe.skipIf(!HAS_FIXTURES)("jingdu export", () => {
  it("writes the imported papers back; importing that file elsewhere makes the same files", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    await importJson([MATH_BIB, "--into", lib], work);
    for (const format of ["bibtex", "biblatex"]) {
      const out = join(work, `out-${format}.bib`);
      const run = await runCliInProcess(["export", "--format", format, "--out", out], { cwd: lib });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("Exported 8 papers");
      const text = readFileSync(out, "utf8");
      expect(text).toContain("@article{Held_1998,");
      expect(text).toContain("$\u007b\\rm GaN}(000\\bar{1})$");
      expect(text).toContain(format === "bibtex" ? 'J{\\"o}rg' : "Jörg");
      const copy = join(work, `copy-${format}`);
      const again = await importJson([out, "--into", copy], work);
      expect(again.papers.created).toBe(8);
      for (const id of ["held-1998", "zywietz-1998", "song-2014"]) {
        expect(readFileSync(join(copy, "papers", `${id}.md`), "utf8")).toBe(
          readFileSync(join(lib, "papers", `${id}.md`), "utf8"),
        );
      }
    }
  });

  it("writes CSL-JSON and RIS that carry each paper's key, title, authors, year and ids", async () => {
    // No CSL-JSON or RIS reader yet: what a user checks is each record against the paper.
    const work = tempDir();
    const lib = join(work, "lib");
    await importJson([MATH_BIB, "--into", lib], work);
    const { library } = await loadLibrary(lib);
    expect(library.papers).toHaveLength(8);
    const exported = async (format: string) => {
      const out = join(work, `out.${format}`);
      const run = await runCliInProcess(["export", "--format", format, "--out", out], { cwd: lib });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`Exported 8 papers as ${format}`);
      return readFileSync(out, "utf8");
    };
    const csl = JSON.parse(await exported("csl-json")) as Record<string, unknown>[];
    const records = (await exported("ris")).split(/^ER {2}- *$/m).filter((r) => r.trim() !== "");
    expect(csl).toHaveLength(8);
    expect(records).toHaveLength(8);
    for (const paper of library.papers) {
      const key = paper.citekey as string;
      const item = csl.find((i) => i.id === key) as
        | {
            title?: string;
            author?: unknown[];
            issued?: { "date-parts": number[][] };
            DOI?: string;
          }
        | undefined;
      expect(item, key).toBeDefined();
      expect(item?.title, key).toBe(paper.title);
      expect(item?.author?.length, key).toBe(paper.authors.length);
      expect(item?.issued?.["date-parts"][0]?.[0], key).toBe(paper.year);
      if (paper.ids.doi) expect(item?.DOI, key).toBe(paper.ids.doi);
      const record = records.find((r) => r.includes(`\nID  - ${key}\n`));
      expect(record, key).toBeDefined();
      expect(record, key).toContain(`\nTI  - ${paper.title}\n`);
      expect(record?.match(/^AU {2}- /gm), key).toHaveLength(paper.authors.length);
      expect(record, key).toContain(`\nPY  - ${paper.year}\n`);
      if (paper.ids.doi) expect(record, key).toContain(`\nDO  - ${paper.ids.doi}\n`);
    }
    // Math and accents as the person wrote them, in UTF-8: CSL and RIS have no TeX.
    expect(csl.map((i) => i.title).join("\n")).toContain("$\u007b\\rm GaN}(000\\bar{1})$");
    expect(JSON.stringify(csl)).toContain("Jörg");
  });

  it("refuses an unknown format or category with a usage error", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    await importJson([MATH_BIB, "--into", lib], work);
    const format = await runCliInProcess(["export", "--format", "endnote"], { cwd: lib });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format endnote: no such format");
    const category = await runCliInProcess(["export", "--format", "ris", "--category", "x"], {
      cwd: lib,
    });
    expect(category.code).toBe(2);
    expect(category.stderr).toContain("--category x: no such category");
  });
});
