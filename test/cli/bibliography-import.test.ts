/**
 * `jingdu import refs.bib` as a user runs it: every entry becomes a paper file, a second run
 * changes nothing, a paper the person edited is kept, and a paper the library already has (same
 * citekey or ids) is the one updated, never a duplicate.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
