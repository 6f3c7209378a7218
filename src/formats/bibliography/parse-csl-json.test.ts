import { describe, expect, it } from "vitest";
import { bibFixtureSuite } from "../../../test/support/bib-fixtures.js";
import { parseCslJson } from "./parse-csl-json.js";
import { writeCslJson } from "./write-csl-json.js";

/** Every CSL-JSON fixture and the items it holds (counted by hand: SOURCES-wave2.md). */
const CSL_FIXTURES: [string, number][] = [
  ["csl-json/bbt-better-csl-json-dates-360-811.csl.json", 15],
  ["csl-json/bbt-better-csl-json-pandoc-schomd.csl.json", 4],
  ["csl-json/citationjs-biblatex-mapping.csl.json", 28],
  ["csl-json/citationjs-bibtex-mapping.csl.json", 16],
  ["csl-json/citationjs-doi-org-csl-response-wrapped.json", 4],
  ["csl-json/obsidian-citation-library.csl.json", 5],
];

bibFixtureSuite("CSL-JSON", "csl-json", parseCslJson, CSL_FIXTURES, (read) => {
  it("keeps Better CSL JSON's keys, drops CSL's markup and keeps accents", () => {
    const r = read("csl-json/bbt-better-csl-json-pandoc-schomd.csl.json");
    const adams = r.papers.find((p) => p.citekey === "Adams2001");
    expect(adams).toMatchObject({
      title: "The physical volcanology of the 1600 eruption of Huaynaputina, southern Peru",
      venue: "Bulletin of Volcanology",
      date: "2014-12-31",
      pages: "493–518",
      type: "article-journal",
    });
    expect(adams?.authors[0]).toBe("Nancy K Adams");
    const berndt = r.papers.find((p) => p.citekey === "Berndt1994");
    expect(berndt?.title).toMatch(/^Skizze zur Auslegungsgeschichte der Bücher Prouerbia und/);
    expect(berndt?.ids.doi).toBe("10.1484/J.SE.2.303788");
    expect(r.accounted.get(2)).toBe("entry Adams2001");
  });

  it("reads doi.org's answers by DOI: Crossref types, suffixes, a superscript", () => {
    const r = read("csl-json/citationjs-doi-org-csl-response-wrapped.json");
    const hall = r.papers.find((p) => p.ids.doi === "10.1021/ja01577a030");
    expect(hall).toMatchObject({
      title: "Correlation of the Base Strengths of Amines¹",
      authors: ["H. K. Hall Jr."],
      type: "article-journal",
      date: "1957-10",
      venue: "Journal of the American Chemical Society",
    });
    expect(r.papers.map((p) => p.type)).toEqual([
      "article-journal",
      "article",
      "article",
      "article",
    ]);
    // Crossref's own variables have no place in the model: named in the report, not kept.
    expect(r.fieldsLeft.get("reference-count")).toBe(3);
  });

  it("a date range, a season or a BC year: the start kept, the rest named", () => {
    const r = read("csl-json/bbt-better-csl-json-dates-360-811.csl.json");
    expect(r.papers.find((p) => p.citekey === "t1")).toMatchObject({
      date: "2014-12-31",
      year: 2014,
    });
    const bc = r.papers.find((p) => p.citekey === "t5");
    expect(bc?.year).toBeUndefined();
    expect(bc?.title).toBe("BC tests: -0333");
    expect(r.fieldsLeft.get("issued (end of a range)")).toBe(5);
    expect(r.fieldsLeft.get("issued")).toBe(2);
  });
});

describe("CSL-JSON text", () => {
  it("keeps `$O(n^2)$` and accents as written, reads arXiv from note, writes them back", () => {
    const text = JSON.stringify([
      {
        id: "godel2020",
        type: "paper-conference",
        title: "Sorting in $O(n^2)$ by Gödel and Čech",
        author: [{ given: "Kurt", family: "Gödel" }, { literal: "OpenAI" }],
        issued: { "date-parts": [["2020", "5", "3"]] },
        note: "arXiv: 2005.01234",
        keyword: "sorting, math",
      },
    ]);
    const r = parseCslJson(text, { file: "x.json" });
    expect(r.papers[0]).toMatchObject({
      citekey: "godel2020",
      title: "Sorting in $O(n^2)$ by Gödel and Čech",
      authors: ["Kurt Gödel", "OpenAI"],
      date: "2020-05-03",
      ids: { arxiv: "2005.01234" },
      tags: ["sorting", "math"],
    });
    const keys = new Map([[r.papers[0]?.id as string, "godel2020"]]);
    const again = parseCslJson(writeCslJson(r.papers, keys), { file: "again.json" });
    expect(again.papers).toEqual(r.papers);
  });

  it("names an item it cannot map with its line, and a file that is not JSON", () => {
    const text =
      '[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b", "type": "book"}\n]';
    const r = parseCslJson(text, { file: "refs.json" });
    expect(r.papers.map((p) => p.citekey)).toEqual(["a"]);
    expect(r.notMapped).toBe(1);
    expect(r.diagnostics.map((d) => [d.rule, d.line])).toEqual([["bib-entry-not-mapped", 3]]);
    const bad = parseCslJson('[\n{"id": "a",\n}', { file: "bad.json" });
    expect(bad.diagnostics.map((d) => [d.rule, d.line])).toEqual([["csl-json-not-json", 3]]);
  });
});
