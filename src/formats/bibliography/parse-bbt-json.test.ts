import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bibFixtureSuite } from "../../../test/support/bib-fixtures.js";
import { REPO } from "../../../test/support/shared-files.js";
import { parseBbtJson } from "./parse-bbt-json.js";

/** The recorded BBT JSON export (SOURCES-wave2.md) and its items, counted by hand. */
const BBT_FIXTURES: [string, number][] = [["better-bibtex/bbt-json-arxiv-preprint-2163.json", 12]];

bibFixtureSuite("Better BibTeX JSON", "better-bibtex", parseBbtJson, BBT_FIXTURES, (read) => {
  it("reads creators, dates, venues and the arXiv id BBT keeps in `extra`", () => {
    const r = read("better-bibtex/bbt-json-arxiv-preprint-2163.json");
    expect(r.papers[0]).toMatchObject({
      title: "On Solving Minimax Optimization Locally: A Follow-the-Ridge Approach",
      short: "On Solving Minimax Optimization Locally",
      authors: ["Yuanhao Wang", "Guodong Zhang", "Jimmy Ba"],
      date: "2019-11-25",
      year: 2019,
      type: "article-journal",
      ids: { arxiv: "1910.07512" },
      notes: "Comment: 21 pages",
      tags: [
        "Computer Science - Machine Learning",
        "Mathematics - Optimization and Control",
        "Statistics - Machine Learning",
      ],
    });
    expect(r.papers[1]).toMatchObject({
      type: "paper-conference",
      venue: "International Conference on Learning Representations",
      date: "2019-09-25",
    });
    // Zotero's bookkeeping is named as not kept, never silently dropped.
    expect(r.fieldsLeft.get("accessDate")).toBe(12);
    expect(r.fieldsLeft.get("libraryCatalog")).toBe(12);
  });
});

const SHAPED = join(REPO, "test", "fixtures", "import", "bbt-library.SHAPED.json");

describe("Better BibTeX JSON with keys, collections, notes and attachments (BBT's shape)", () => {
  const r = parseBbtJson(readFileSync(SHAPED, "utf8"), { file: "library.json" });

  it("makes each item a paper with its citation key and Zotero key; a standalone note is named", () => {
    expect(r.entries).toBe(5);
    expect(r.papers.map((p) => p.citekey)).toEqual([
      "he2016deep",
      "redmon2016yolo",
      "vaswani2017attention",
      "jurafsky2009speech",
    ]);
    expect(r.papers.map((p) => p.ids.zotero)).toEqual([
      "X42A7DEE",
      "Y7BQ2M4K",
      "Z9CC3N5L",
      "W1DD4P6M",
    ]);
    expect(r.generatedKeys).toEqual(new Set(["jurafsky2009speech"]));
    expect(r.notMapped).toBe(1);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ rule: "bib-entry-not-mapped", line: 93, level: "error" }),
    ]);
  });

  it("collections become categories by their path, and each paper is in its own", () => {
    expect(r.categories).toEqual([
      { id: "vision", name: "Vision", order: 0 },
      { id: "vision-detection", name: "Vision / Detection", order: 1 },
      { id: "语言模型", name: "语言模型", order: 2 },
    ]);
    expect(r.papers.map((p) => p.categories)).toEqual([
      ["vision"],
      ["vision", "vision-detection"],
      ["语言模型"],
      ["语言模型"],
    ]);
  });

  it("keeps notes, a file attachment where it is, a web attachment as a link, math as written", () => {
    const [resnet, yolo] = r.papers;
    expect(resnet).toMatchObject({
      title: "Deep Residual Learning for Image Recognition",
      short: "ResNet",
      authors: ["Kaiming He", "Xiangyu Zhang"],
      venue: "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)",
      pages: "770-778",
      ids: { doi: "10.1109/CVPR.2016.90", arxiv: "1512.03385", zotero: "X42A7DEE" },
      tags: ["residual", "classic"],
      notes: "<p>Read the <b>bottleneck</b> block again.</p>",
      attachments: [
        {
          path: "/home/me/Zotero/storage/ABCD1234/He et al. - 2016 - Deep Residual Learning.pdf",
          title: "Full Text PDF",
          contentType: "application/pdf",
        },
      ],
    });
    expect(yolo?.title).toBe(
      "You Only Look Once: Unified, Real-Time Object Detection in $O(n^2)$ steps",
    );
    expect(yolo?.authors).toEqual(["Joseph Redmon", "FAIR"]);
    expect(yolo?.ids.arxiv).toBe("1506.02640");
    expect(yolo?.attachments).toEqual([]);
    expect(yolo?.links.map((l) => l.url)).toEqual([
      "https://arxiv.org/abs/1506.02640",
      "https://arxiv.org/abs/1506.02640v5",
    ]);
    expect(yolo?.notes).toBe("<h1>YOLO</h1><p>One pass, a grid of boxes.</p>");
    expect(r.papers[3]).toMatchObject({
      type: "book",
      publisher: "Prentice Hall",
      ids: { isbn: "978-0-13-187321-6" },
    });
    // `extra` lines the model has no place for, and `language`, are named.
    expect(r.fieldsLeft.get("extra")).toBe(1);
    expect(r.fieldsLeft.get("language")).toBe(1);
    // The editor beside the authors is named, not dropped.
    expect(r.fieldsLeft.get("creator editor")).toBe(1);
  });

  it("names what it cannot keep: a date as typed, a file in Zotero's storage, its note, a list", () => {
    const item = {
      itemType: "journalArticle",
      title: "Deep Residual Learning",
      date: "June 27, 2016",
      creators: [{ creatorType: "author", lastName: "He" }],
      attachments: [{ path: "storage:resnet.pdf", note: "<p>my margin note</p>" }],
      relations: { "dc:relation": ["http://zotero.org/users/1/items/ABCD2345"] },
      seeAlso: ["x"],
      archived: true,
    };
    const r = parseBbtJson(JSON.stringify({ config: {}, items: [item] }), { file: "y.json" });
    expect(r.papers[0]?.year).toBe(2016);
    for (const field of [
      "date",
      "attachment",
      "attachment note",
      "relations",
      "seeAlso",
      "archived",
    ])
      expect([field, r.fieldsLeft.get(field)]).toEqual([field, 1]);
    // An empty list or object is nothing someone wrote.
    const empty = parseBbtJson(
      JSON.stringify({
        config: {},
        items: [{ ...item, relations: {}, seeAlso: [], date: "2016" }],
      }),
      { file: "z.json" },
    );
    expect([empty.fieldsLeft.get("relations"), empty.fieldsLeft.get("seeAlso")]).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("names a file that is not JSON with its message", () => {
    const bad = parseBbtJson('{"items": [', { file: "x.json" });
    expect(bad.papers).toEqual([]);
    expect(bad.diagnostics[0]).toMatchObject({ rule: "bbt-json-not-json", file: "x.json" });
  });
});
