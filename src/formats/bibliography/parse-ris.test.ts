import { describe, expect, it } from "vitest";
import { bibFixtureSuite } from "../../../test/support/bib-fixtures.js";
import { parseRis } from "./parse-ris.js";

/** Every RIS fixture and the records it holds (counted by hand: `TY  -`/`PT` lines to `ER`). */
const RIS_FIXTURES: [string, number][] = [
  ["ris/astrocite-crlf.ris", 2],
  ["ris/astrocite-long.ris", 24],
  ["ris/astrocite-people_keywords.ris", 1],
  ["ris/astrocite-varied_page_numbers.ris", 5],
  // Eleven TY lines but one ER: one record whose TY is repeated (JabRef reads it so too).
  ["ris/jabref-RisImporterTest1.ris", 1],
  ["ris/jabref-RisImporterTest6.ris", 1],
  ["ris/jabref-RisImporterTestScience.ris", 1],
  ["ris/jabref-RisImporterTestScopus.ris", 1],
  ["ris/rispy-example_bom.ris", 1],
  ["ris/rispy-example_full.ris", 2],
  // Four lines start with ER, one is text (`ER then second line`): three records.
  ["ris/rispy-example_multiline.ris", 3],
  ["ris/rispy-example_utf_chars.ris", 1],
  ["ris/rispy-example_wos.ris", 2],
];

bibFixtureSuite("RIS", "ris", parseRis, RIS_FIXTURES, (read) => {
  it("reads Web of Science's tagged export: full names, wrapped titles, the day", () => {
    const r = read("ris/rispy-example_wos.ris");
    expect(r.papers[0]).toMatchObject({
      title:
        "Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria and its subunit (B820)",
      authors: ["PS Parkes-Loach", "AP Majeed", "CJ Law", "PA Loach"],
      venue: "BIOCHEMISTRY",
      date: "2004-06-08",
      volume: "43",
      issue: "22",
      pages: "7003–7016",
      publisher: "AMER CHEMICAL SOC",
      ids: { doi: "10.1021/bi049798f" },
      type: "article-journal",
    });
    expect(r.fieldsLeft.get("CR")).toBe(2);
  });

  it("CRLF, a BOM and Cyrillic read; SP and EP make one range", () => {
    const crlf = read("ris/astrocite-crlf.ris");
    expect(crlf.papers[0]).toMatchObject({
      title: "Herbicide injuries to trees-symptoms and solutions",
      authors: ["James R Feucht"],
      venue: "Journal of Arboriculture",
      pages: "215-219",
      year: 1988,
    });
    const utf = read("ris/rispy-example_utf_chars.ris");
    expect(utf.papers[0]?.short).toMatch(/^Состояние рецепторного аппарата/);
    expect(utf.papers[0]?.type).toBe("article-journal");
    expect(read("ris/rispy-example_bom.ris").papers[0]?.ids.doi).toBe("10.1186/s40981-020-0316-0");
    const pages = read("ris/astrocite-varied_page_numbers.ris").papers.map((p) => p.pages);
    expect(pages).toEqual(["25–30", "25–30", "25", "25", undefined]);
  });

  it("a value continued on the next lines is one value; ER inside text ends nothing", () => {
    const r = read("ris/rispy-example_multiline.ris");
    expect(r.papers.map((p) => p.abstract)).toEqual(
      Array(3).fill("first line, ER then second line and at the end the last line"),
    );
  });

  it("keywords, every URL and the most precise date", () => {
    const full = read("ris/rispy-example_full.ris");
    expect(full.papers[0]).toMatchObject({
      authors: ["Karl Marx", "Astrid Lindgren"],
      tags: ["Pippi", "Nordwind", "Piraten"],
      year: 2014,
      venue: "Lorem",
    });
    const six = read("ris/jabref-RisImporterTest6.ris").papers[0];
    expect(six?.date).toBe("2013-04-18");
    expect(read("ris/astrocite-long.ris").papers[1]?.links).toHaveLength(2);
    // Elsevier writes the DOI as its resolver's URL.
    const science = read("ris/jabref-RisImporterTestScience.ris").papers[0];
    expect(science?.ids.doi).toBe("10.1016/j.actamat.2016.09.028");
  });
});

describe("RIS text", () => {
  it("keeps the key ID, arXiv from AN, math and accents; names a record it cannot map", () => {
    const text = [
      "TY  - CONF",
      "ID  - godel2020",
      "TI  - Sorting in $O(n^2)$ by Gödel",
      "AU  - Hall, H. K., Jr.",
      "AN  - arXiv:2005.01234",
      "SN  - 0268-1242",
      "ER  - ",
      "",
      "TY  - JOUR",
      "VL  - 3",
      "ER  - ",
    ].join("\r\n");
    const r = parseRis(text, { file: "refs.ris" });
    expect(r.papers).toHaveLength(1);
    expect(r.papers[0]).toMatchObject({
      citekey: "godel2020",
      title: "Sorting in $O(n^2)$ by Gödel",
      authors: ["H. K. Hall Jr."],
      type: "paper-conference",
      ids: { arxiv: "2005.01234" },
    });
    expect(r.papers[0]?.ids.isbn).toBeUndefined();
    expect(r.fieldsLeft.get("SN")).toBe(1);
    expect(r.diagnostics.map((d) => [d.rule, d.line])).toEqual([["bib-entry-not-mapped", 9]]);
  });
});
