import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseStudyLog } from "./parse-study-log.js";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/study-log/", import.meta.url));

function parseFixture(name: string) {
  const result = parseStudyLog(readFileSync(`${FIXTURES}${name}`, "utf8"), { file: name });
  return { ...result, episodes: result.course?.episodes ?? [] };
}
const rules = (r: { diagnostics: { rule: string; line: number; level: string }[] }) =>
  r.diagnostics.map((d) => `${d.level} ${d.line} ${d.rule}`);

describe("parseStudyLog on scenario fixtures", () => {
  it("takes a lone time line near the top of a section as its runtime, not as a note", () => {
    const r = parseFixture("episode heading with runtime on next line.md");
    expect(r.episodes.map((e) => [e.number, e.title, e.runtime])).toEqual([
      [1, "Lecture one", 750],
      [2, "Lecture two", 3723],
      [3, "Lecture three", 2707],
      [4, "Lecture four", 480],
    ]);
    expect(r.episodes[0]?.notes).toBe("First lecture notes.");
    expect(r.episodes[1]?.notes).toBe(
      "[Slides](https://example.com/slides.pdf)\n\nNotes right after the runtime line.",
    );
    expect(r.episodes[2]?.notes).toBe(
      "A paragraph before the runtime.\nAnother line of it.\n\n![Overview](/img/a.png)\n\n" +
        "Notes after the image.\n\n46:18 is a timestamp inside the notes and stays.",
    );
    expect(r.episodes[3]?.notes).toContain("### A sub-heading\n\n10:00");
    expect(r.course).toMatchObject({
      title: "Deep learning course",
      state: "in-progress",
      tags: ["dl", "video"],
      links: ["https://www.bilibili.com/video/BV1xx411c7mD/", "https://github.com/example/course"],
    });
    expect(r.settings.language).toBe("en");
    expect(r.diagnostics).toEqual([]);
  });

  it("numbers P-parts by their own number and records 完成/跳过 as progress", () => {
    const r = parseFixture("numbered parts with done and skipped.md");
    const id = "numbered-parts-with-done-and-skipped";
    expect(r.episodes.map((e) => [e.number, e.label, e.title, e.runtime])).toEqual([
      [1, "P1 [1.1]", "课程介绍", 605],
      [2, "P2 [1.2]", "什么是模式识别", 760],
      [3, "P3 [1.3]", "贝叶斯决策", 1500],
      [16, "P16 [2.11.1]", "支持向量机（兵王问题程序设计）", 519],
    ]);
    expect(r.progress.episodes[id]).toEqual({
      1: { status: "done" },
      2: { status: "skipped" },
      3: { status: "done" },
    });
    expect(r.episodes[0]?.notes).toBe("");
    expect(r.episodes[2]?.notes).toBe(String.raw`贝叶斯公式 $P(A|B) = \frac{P(B|A)P(A)}{P(B)}$。`);
    expect(r.course?.title).toBe("模式识别");
    expect(r.course?.state).toBe("in-progress");
    expect(r.course?.tags).toEqual(["课程", "大学课程"]);
    expect(r.course?.notes).toContain("## 第一章 引言\n\n本章介绍基本概念。");
    expect(r.settings.language).toBe("zh");
    expect(rules(r)).toEqual(["info 27 heading-dropped"]);
  });

  it("reports broken YAML front matter at its line and still imports the body", () => {
    const r = parseFixture("broken front matter.md");
    expect(rules(r)).toEqual(["error 2 front-matter-invalid"]);
    expect(r.episodes.map((e) => e.title)).toEqual(["Episode A", "Episode B"]);
    expect(r.course?.title).toBe("broken front matter");
    expect(r.course?.notes).toBe("Intro line.");
  });

  it("refuses front matter in another language than YAML, never running it", () => {
    const r = parseFixture("front matter in javascript.md");
    expect(rules(r)).toEqual(["error 1 front-matter-language"]);
    expect(r.course?.title).toBe("front matter in javascript");
    expect(r.episodes).toHaveLength(1);
    expect(r.course?.notes).not.toContain("require");
  });

  it("imports a table row with missing cells and warns at its line", () => {
    const r = parseFixture("table row with missing cells.md");
    expect(rules(r)).toEqual(["warning 8 table-missing-cells"]);
    expect(r.episodes.map((e) => [e.number, e.title, e.date, e.runtime])).toEqual([
      [1, "First talk", "2023-03-10", 600],
      [2, "Second talk", "2023-03-23", 900],
      [3, "Third talk", "2023-03-30", 1200],
    ]);
    expect(r.episodes[1]?.videos).toEqual([]);
    expect(r.episodes[0]?.videos).toEqual([
      { site: "youtube", id: "dQw4w9WgXcQ", url: "https://youtu.be/dQw4w9WgXcQ" },
    ]);
    expect(r.course?.title).toBe("Recorded videos");
    expect(r.course?.links).toEqual([]);
  });

  it("keeps an invalid runtime in the title or notes and reports it at its line", () => {
    const r = parseFixture("heading with invalid runtime.md");
    expect(rules(r)).toEqual(["warning 5 runtime-invalid", "warning 11 runtime-invalid"]);
    expect(r.episodes.map((e) => [e.title, e.runtime])).toEqual([
      ["Good episode", 600],
      ["Broken episode 61:99", undefined],
      ["Episode with bad runtime line", undefined],
    ]);
    expect(r.episodes[2]?.notes).toBe("99:99\nMore notes.");
  });

  it("turns image includes (also split over two lines) into figures in their own paragraph", () => {
    const r = parseFixture("image include split over two lines.md");
    expect(r.episodes[0]?.notes).toBe(
      [
        "Before the figure.",
        "",
        String.raw`![Figure \[1\] of the paper](</assets/img/fig 1.png>)`,
        "",
        "After the figure.",
        "",
        "![](/assets/img/plain.png)",
        "",
        "Inline",
        "",
        "![Inline](/assets/img/inline.png)",
        "",
        "text.",
      ].join("\n"),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it("removes other Liquid and scripts with a warning naming each line", () => {
    const r = parseFixture("liquid and script in notes.md");
    expect(rules(r)).toEqual([
      "warning 4 liquid-removed",
      "warning 5 liquid-removed",
      "warning 7 liquid-removed",
      "warning 8 script-removed",
    ]);
    expect(r.episodes[0]?.notes).toBe(
      [
        "See [the paper](https://arxiv.org/abs/1706.03762).",
        "Site root is here.",
        String.raw`Math $\frac{{a}}{b}$ stays.`,
        "Last line.",
      ].join("\n"),
    );
  });

  it("reads a catalog with en headers, reference definitions, <br> and anchors", () => {
    const r = parseFixture("catalog with reference definitions.md");
    expect(r.categories).toEqual([
      { id: "cnn", name: "CNN", order: 0, aliases: ["convnets"] },
      { id: "transformers", name: "Transformers", order: 1 },
    ]);
    expect(r.papers.map((p) => [p.id, p.year, p.covered, p.links[0]?.url, p.unresolved])).toEqual([
      ["alexnet", 2012, true, "https://papers.nips.cc/paper/4824-imagenet.pdf", undefined],
      ["vgg", 2014, false, "https://arxiv.org/abs/1409.1556", undefined],
      ["resnet", 2015, false, "https://arxiv.org/pdf/1512.03385", undefined],
      ["unknown", 2016, false, undefined, true],
      ["transformer", 2017, true, "https://arxiv.org/abs/1706.03762", undefined],
    ]);
    expect(r.papers[0]?.summary).toBe("The start of it all");
    expect(r.papers[2]?.title).toBe("Deep Residual Learning");
    expect(r.papers[2]?.links[0]?.kind).toBe("pdf");
    expect(r.papers[4]?.summary).toBe("Attention | all you need");
    expect(r.stats.stated).toEqual({ papers: 3, covered: 2 });
    expect(rules(r)).toEqual(["info 12 unresolved-reference", "warning 20 stated-count-mismatch"]);
    expect(r.course).toBeUndefined();
    // The prose outside the catalog is handed back for the caller to keep (a course note).
    expect(r.post?.notes).not.toBe("");
  });

  it("aligns sections with an en table; an unmatched section becomes its own episode", () => {
    const r = parseFixture("sections and table in english.md");
    expect(r.episodes.map((e) => [e.number, e.title, e.runtime, e.papers])).toEqual([
      [1, "How to read papers", 399, []],
      [2, "A talk the table does not list", 720, []],
      [3, "ResNet paper reading", 3226, ["resnet"]],
      [4, "Transformer paper reading", 5225, ["transformer"]],
    ]);
    expect(r.episodes.map((e) => e.notes)).toEqual([
      "Three passes.",
      "Orphan notes.",
      "Residual notes.",
      "",
    ]);
    expect(r.episodes[0]?.videos[0]).toEqual({
      site: "bilibili",
      id: "BV1H44y1t75x",
      part: 2,
      url: "https://www.bilibili.com/video/BV1H44y1t75x/?p=2",
    });
    expect(r.episodes[2]?.videos[0]?.id).toBe("abcDEF12345");
    expect(r.episodes[3]?.videos[0]?.site).toBe("zhihu");
    expect(r.stats).toMatchObject({ sections: 3, matchedSections: 2, unmatchedSections: 1 });
    expect(rules(r)).toEqual(["warning 11 section-unmatched", "info 26 row-without-section"]);
    expect(r.course?.notes).toBe("Intro of the series.");
  });
});

describe("parseStudyLog on the original list's video cells", () => {
  it("takes the links around view-count badges as the videos, not the badge images", () => {
    const r = parseFixture("video cell with view-count badge.md");
    expect(r.episodes[0]?.videos.map((v) => [v.site, v.id])).toEqual([
      ["bilibili", "BV1pu411o7BE"],
      ["zhihu", "1432354694829486080"],
      ["youtube", "nzqlFIcCSWQ"],
    ]);
    expect(r.episodes[0]).toMatchObject({ title: "Transformer 逐段精读", date: "2021-10-27" });
  });
});

describe("parseStudyLog on bad input", () => {
  it("reports an empty file as an error and returns an empty result", () => {
    const r = parseStudyLog("  \n\n", { file: "empty.md" });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ level: "error", rule: "empty-file", file: "empty.md", line: 1 }),
    ]);
    expect(r.course).toBeUndefined();
    expect(r.papers).toEqual([]);
  });

  it("refuses binary (a NUL byte) with not-text at its line, CRLF and CR counted", () => {
    const nul = parseStudyLog("## A 10:00\nok\nbad\u0000byte", { file: "bin.md" });
    expect(nul.diagnostics).toEqual([
      expect.objectContaining({ level: "error", rule: "not-text", line: 3 }),
    ]);
    expect(nul.course).toBeUndefined();
    const crlf = parseStudyLog("## A 10:00\r\nok\rx\r\n\u0000", { file: "bin.md" });
    expect(crlf.diagnostics[0]).toMatchObject({ rule: "not-text", line: 4 });
  });

  it("imports text holding a valid U+FFFD after the first line (it is not binary)", () => {
    const text = "## 第一集 10:00\n\n笔记\n\n## 第二集 12:00\n\n坏字符 \uFFFD 留着\n";
    const r = parseStudyLog(text, { file: "log.md", courseId: "c" });
    expect(r.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(r.course?.episodes.map((e) => e.notes)).toEqual(["笔记", "坏字符 \uFFFD 留着"]);
  });

  it("never throws on odd input", () => {
    const odd = [
      "---\n",
      "---\ntitle: x\n",
      "| a | b |\n| - |",
      "## 61:99",
      "{% include image.html %}",
      "## P1\n完成。",
      "```\n## not a heading 10:00\n```",
      "[^x]: footnote only",
    ];
    for (const text of odd) {
      const r = parseStudyLog(text, { file: "odd.md" });
      for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
    }
  });

  it("uses the given course id and derives one from the file name otherwise", () => {
    const text = "## Intro 10:00\n\nhi";
    expect(parseStudyLog(text, { file: "a/b/My Log.md" }).course?.id).toBe("my-log");
    expect(
      parseStudyLog(text, { file: "x.md", courseId: "limu" }).course?.episodes[0]?.courseId,
    ).toBe("limu");
  });
});
