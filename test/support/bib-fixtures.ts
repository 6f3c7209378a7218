/**
 * The set-up every bibliography reader's fixture test shares: the recorded fixtures of
 * `../shared/fixtures/<folder>` (skipped, with a warning, when they are absent), a reader of one
 * by name, and the first check of each file: every entry a paper, each with its own id and key.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BibliographyImport } from "../../src/formats/index.js";
import { SHARED } from "./shared-files.js";

export const FIXTURES = join(SHARED, "fixtures");

/**
 * `describe`s the fixtures of `folder` read by `parse`: each file of `files` ([name, entries
 * counted by hand]) with all its entries made papers; `more` adds the reader's own tests, given
 * `read(name)`.
 * @example bibFixtureSuite("RIS", "ris", parseRis, [["ris/a.ris", 2]], (read) => { it(…) })
 */
export function bibFixtureSuite(
  label: string,
  folder: string,
  parse: (text: string, opts: { file: string }) => BibliographyImport,
  files: readonly [string, number][],
  more: (read: (name: string) => BibliographyImport) => void = () => {},
): void {
  const present = existsSync(join(FIXTURES, folder));
  if (!present)
    console.warn(`../shared/fixtures is missing (${FIXTURES}): ${label} fixture tests skipped`);
  const read = (name: string) => parse(readFileSync(join(FIXTURES, name), "utf8"), { file: name });
  describe.skipIf(!present)(`${label} fixtures`, () => {
    for (const [name, entries] of files) {
      it(`${name}: all ${entries} entries become papers, each with its own id and key`, () => {
        const r = read(name);
        expect(r.entries).toBe(entries);
        expect(r.papers).toHaveLength(entries);
        expect(r.notMapped).toBe(0);
        expect(r.diagnostics).toEqual([]);
        expect(new Set(r.papers.map((p) => p.id)).size).toBe(entries);
        expect(new Set(r.papers.map((p) => p.citekey)).size).toBe(entries);
      });
    }
    more(read);
  });
}
