import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIBTEX_FIXTURES as BIB_FIXTURES } from "../../../test/support/bib-fixtures.js";
import { SHARED } from "../../../test/support/shared-files.js";
import { parseBibtex } from "./parse-bibtex.js";

const FIXTURES = join(SHARED, "fixtures");
const HAS_FIXTURES = existsSync(join(FIXTURES, "bibtex"));
if (!HAS_FIXTURES)
  console.warn(`../shared/fixtures is missing (${FIXTURES}): BibTeX fixture tests skipped`);

const read = (name: string) =>
  parseBibtex(readFileSync(join(FIXTURES, name), "utf8"), { file: name });

describe.skipIf(!HAS_FIXTURES)("BibTeX fixtures", () => {
  for (const [name, entries] of BIB_FIXTURES) {
    it(`${name}: all ${entries} entries become papers, each with its key`, () => {
      const r = read(name);
      expect(r.entries).toBe(entries);
      expect(r.papers).toHaveLength(entries);
      expect(r.notMapped).toBe(0);
      expect(new Set(r.papers.map((p) => p.id)).size).toBe(entries);
      expect(new Set(r.papers.map((p) => p.citekey)).size).toBe(entries);
    });
  }

  it("keeps math as written, decodes accents and drops protective braces", () => {
    const r = read(BIB_FIXTURES[0]?.[0] as string);
    const held = r.papers.find((p) => p.citekey === "Held_1998");
    expect(held?.title).toBe(
      "N-Limited Versus Ga-Limited Growth on $\u007b\\rm GaN}(000\\bar{1})$ by MBE Using NH³",
    );
    expect(held).toMatchObject({ year: 1998, date: "1998-06", pages: "913–934", volume: "05" });
    expect(held?.ids.doi).toBe("10.1142/S0218625X98001274");
    const zywietz = r.papers.find((p) => p.citekey === "Zywietz_1998");
    expect(zywietz?.authors).toEqual(["Tosja Zywietz", "Jörg Neugebauer", "Matthias Scheffler"]);
    const song = r.papers.find((p) => p.citekey === "Song_2014");
    expect(song?.title).toContain("(000$\\overline{1}$) GaN");
  });

  it("reads BibLaTeX date and eprint with eprinttype arXiv into ids.arxiv, keeps BBT keys", () => {
    const r = read("better-bibtex/bbt-export-arxiv-preprint-2163.biblatex");
    const he = r.papers.find((p) => p.citekey === "_preprinthe_delving_deep_into_rectifiers_2015");
    expect(he?.ids.arxiv).toBe("1502.01852");
    expect(he?.type).toBe("manuscript");
    expect(he?.year).toBe(2015);
  });

  it("an entry without a title is named by its short title or key", () => {
    const r = read("better-bibtex/bbt-pull-export-3258-skiptitle.biblatex");
    for (const p of r.papers) expect(p.title).toBeUndefined();
    expect(r.papers.filter((p) => p.short === p.citekey).length).toBeGreaterThan(0);
  });
});

describe("BibTeX text", () => {
  it("names an entry it cannot map, or read only in part, with its line; imports the rest", () => {
    const text = [
      "@article{good, title = {Good {BERT}}, year = 2019}",
      "",
      "@article{empty, year = 2019}",
      "@article{broken, title = {Broken} year = 2019}",
      "",
    ].join("\n");
    const r = parseBibtex(text, { file: "refs.bib" });
    expect(r.papers.map((p) => p.citekey)).toEqual(["good", "broken"]);
    expect(r.papers[0]?.title).toBe("Good BERT");
    expect(r.entries).toBe(3);
    expect(r.notMapped).toBe(1);
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.file])).toEqual([
      ["bib-entry-problem", 4, "refs.bib"],
      ["bib-entry-not-mapped", 3, "refs.bib"],
    ]);
  });

  it("decodes accents, keeps `$O(n^2)$`, names the fields it did not keep", () => {
    const r = parseBibtex(
      '@inproceedings{k, title = {Sorting in $O(n^2)$ by G{\\"o}del and {\\v{C}}ech}, author = {G{\\"o}del, Kurt}, booktitle = {Proc. {ICML}}, file = {a.pdf}, date = {2020-05-03}}',
      { file: "x.bib" },
    );
    expect(r.papers[0]).toMatchObject({
      title: "Sorting in $O(n^2)$ by Gödel and Čech",
      authors: ["Kurt Gödel"],
      venue: "Proc. ICML",
      type: "paper-conference",
      date: "2020-05-03",
      year: 2020,
    });
    expect([...r.fieldsLeft]).toEqual([["file", 1]]);
  });
});
