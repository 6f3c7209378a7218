/**
 * `jingdu import refs.ris` and `jingdu import refs.json` as a user runs them, end to end: every
 * record or item becomes a paper file, a second run changes no file, and the library exported as
 * the same format and imported into another folder makes the same paper files.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { SHARED } from "../support/shared-files.js";

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
