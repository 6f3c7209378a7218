import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "./import-document.js";

const DIR = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "import");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const load = (name: string, opts: { origin?: string } = {}) =>
  importDocument(read(name), { file: name, ...opts });
const count = (r: ReturnType<typeof load>, part: string) =>
  r.parts.find((p) => p.part === part)?.count ?? 0;

/**
 * Every fixture: its kind, the real-world shape it stands for, what it must make, and the lines
 * the report must name. Nothing else may be dropped: a list's prose is kept as descriptions.
 */
const CORPUS: {
  file: string;
  kind: string;
  shape: string;
  episodes?: number;
  papers?: number;
  categories?: number;
  withIds?: number;
  reported?: number[];
}[] = [
  { file: "course-log-calculus.md", kind: "course-log", shape: "course log", episodes: 4 },
  { file: "course-log-ml.md", kind: "course-log", shape: "course log", episodes: 3 },
  { file: "course-log-english.md", kind: "course-log", shape: "course log", episodes: 3 },
  { file: "course-log-parts.md", kind: "course-log", shape: "course log", episodes: 4 },
  { file: "course-log-paren-runtimes.md", kind: "course-log", shape: "course log", episodes: 3 },
  { file: "course-log-table.md", kind: "study-log", shape: "course log", episodes: 3 },
  { file: "course-log-checklist.md", kind: "course-log", shape: "course log", episodes: 4 },
  { file: "course-log-check-marks.md", kind: "course-log", shape: "course log", episodes: 4 },
  { file: "course-log-worded-runtimes.md", kind: "course-log", shape: "course log", episodes: 3 },
  { file: "notes-mle.md", kind: "notes-post", shape: "notes post" },
  { file: "notes-roadmap.md", kind: "notes-post", shape: "notes post" },
  { file: "notes-jekyll-liquid.md", kind: "notes-post", shape: "notes post" },
  {
    file: "papers-bullets.md",
    kind: "paper-list",
    shape: "awesome list",
    papers: 6,
    categories: 4,
    withIds: 4,
  },
  {
    file: "papers-awesome-nested.md",
    kind: "paper-list",
    shape: "awesome list",
    papers: 4,
    categories: 4,
    withIds: 4,
  },
  {
    file: "papers-italic-authors.md",
    kind: "paper-list",
    shape: "awesome list",
    papers: 4,
    categories: 2,
    withIds: 3,
  },
  {
    file: "papers-table-br-authors.md",
    kind: "paper-list",
    shape: "awesome list",
    papers: 4,
    categories: 1,
    withIds: 3,
  },
  {
    file: "papers-zh-book-quotes.md",
    kind: "paper-list",
    shape: "reading roadmap",
    papers: 2,
    withIds: 2,
  },
  {
    file: "papers-daily-headings.md",
    kind: "paper-list",
    shape: "weekly paper table",
    papers: 3,
    categories: 2,
    withIds: 3,
  },
  {
    file: "papers-numbered.md",
    kind: "paper-list",
    shape: "reading roadmap",
    papers: 4,
    categories: 4,
    withIds: 2,
  },
  {
    file: "papers-zh-roadmap.md",
    kind: "paper-list",
    shape: "reading roadmap",
    papers: 4,
    categories: 2,
    withIds: 4,
  },
  {
    file: "papers-checklist.md",
    kind: "paper-list",
    shape: "reading roadmap",
    papers: 5,
    categories: 2,
    withIds: 3,
  },
  {
    file: "papers-table.md",
    kind: "paper-list",
    shape: "weekly paper table",
    papers: 4,
    categories: 2,
    withIds: 4,
  },
  {
    file: "papers-weekly-dates.md",
    kind: "paper-list",
    shape: "weekly paper table",
    papers: 3,
    withIds: 2,
    reported: [11],
  },
  {
    file: "papers-apa-dois.md",
    kind: "paper-list",
    shape: "reference list",
    papers: 4,
    withIds: 4,
  },
  {
    file: "study-log-small.md",
    kind: "study-log",
    shape: "study log",
    episodes: 2,
    papers: 2,
    categories: 1,
    withIds: 2,
  },
];

describe("importDocument on the corpus (test/fixtures/import)", () => {
  for (const c of CORPUS) {
    it(`${c.file}: a ${c.kind}, every line with text accounted for`, () => {
      const r = load(c.file);
      expect(r.refused).toBeUndefined();
      expect(r.kind).toBe(c.kind);
      expect(count(r, "episodes")).toBe(c.episodes ?? 0);
      expect(count(r, "papers")).toBe(c.papers ?? 0);
      expect(count(r, "categories")).toBe(c.categories ?? 0);
      expect(count(r, "papers with ids")).toBe(c.withIds ?? 0);
      // Coverage: the only lines in no item or note are the ones the report names.
      expect(r.coverage.dropped).toEqual(c.reported ?? []);
      const named = r.diagnostics.filter((d) => d.rule === "line-not-imported").map((d) => d.line);
      expect(named).toEqual(c.reported ?? []);
      expect(r.coverage.textLines).toBeGreaterThan(0);
      // Reading the same text again gives the same model (ids, order, notes).
      expect(JSON.stringify(load(c.file))).toBe(JSON.stringify(r));
    });
  }

  it("is at least 12 documents of ours of at least 6 shapes (with refs.bib)", () => {
    const shapes = new Set([...CORPUS.map((c) => c.shape), "BibTeX"]);
    expect(CORPUS.length + 1).toBeGreaterThanOrEqual(12);
    expect(shapes.size).toBeGreaterThanOrEqual(6);
  });

  it("refs.bib: read as BibTeX, every entry a paper with its citekey", () => {
    const r = load("refs.bib");
    expect(r.refused).toBeUndefined();
    expect(r.kindName).toBe("BibTeX");
    expect(r.papers.map((p) => [p.id, p.citekey, p.venue, p.year])).toEqual([
      ["he2016resnet", "he2016resnet", "CVPR", 2016],
      ["vaswani2017attention", "vaswani2017attention", "NeurIPS", 2017],
    ]);
    expect(r.coverage.dropped).toEqual([]);
  });

  it("refs-csl.json: read as CSL-JSON, its item a paper with its key and lines", () => {
    const r = load("refs-csl.json");
    expect(r.refused).toBeUndefined();
    expect(r.kindName).toBe("CSL-JSON");
    expect(r.papers.map((p) => [p.id, p.citekey, p.title, p.year])).toEqual([
      ["lecun2015", "lecun2015", "Deep learning", 2015],
    ]);
    expect(r.coverage).toMatchObject({ item: 1, dropped: [] });
  });

  it("refs.ris: read as RIS, its record a paper with a generated key", () => {
    const r = load("refs.ris");
    expect(r.refused).toBeUndefined();
    expect(r.kindName).toBe("RIS");
    expect(r.papers.map((p) => [p.id, p.title, p.authors, p.ids.doi])).toEqual([
      ["lecun2015deep", "Deep learning", ["Yann LeCun", "Yoshua Bengio"], "10.1038/nature14539"],
    ]);
    expect(r.coverage).toMatchObject({ item: 7, dropped: [] });
  });

  it("a JSON bibliography cut short is refused naming the line where it breaks", () => {
    const text = '[\n  {"type": "article", "title": "A"},\n  {"type": "article", "title": "B"\n';
    const r = importDocument(text, { file: "refs.json" });
    expect(r.refused?.message).toMatch(/^refs\.json:4: not JSON: .*; nothing imported$/);
    // A value V8 names no position for (`Unexpected token 'x', "…" is not valid JSON`): the
    // line is still the one it stands on.
    const bare = [
      "[",
      '  {"type": "article", "title": "A"},',
      '  {"type": "article", "title": "B"},',
      '  {"type": "article", "title": C},',
      '  {"type": "article", "title": "D"}',
      "]",
    ].join("\n");
    expect(importDocument(bare, { file: "refs.json" }).refused?.message).toMatch(
      /^refs\.json:4: not JSON: Unexpected token 'C'.*; nothing imported$/s,
    );
    // The same for a trailing comma before the array's end: the `]` on line 6.
    const comma = bare.replace('title": C}', 'title": "C"}').replace('"D"}', '"D"},');
    expect(importDocument(comma, { file: "refs.json" }).refused?.message).toMatch(
      /^refs\.json:6: not JSON: Unexpected token '\]'.*; nothing imported$/s,
    );
    // A Markdown document opening with a link is no broken JSON.
    expect(
      importDocument("[ResNet](https://arxiv.org/abs/1512.03385)\n", { file: "a.md" }).kind,
    ).not.toBe("csl-json");
  });

  it("a table of numbers is no document: refused", () => {
    expect(load("measurements.csv").refused?.message).toMatch(
      /^measurements\.csv: no episodes, papers, notes or categories found/,
    );
  });
});

describe("course logs", () => {
  it("reads labels, glued runtimes, done markers, notes headings, state and ?p=N", () => {
    const r = load("course-log-calculus.md");
    const course = r.course;
    expect(course?.title).toBe("高等数学 -- 宋浩老师");
    expect(course?.state).toBe("in-progress");
    expect(
      course?.episodes.map((e) => [e.number, e.label, e.title, e.runtime, e.videos[0]?.url]),
    ).toEqual([
      [1, "1-1", "映射与函数", 2110, "https://www.bilibili.com/video/BV1Eb411u7Fw?p=1"],
      [2, "1.5", "极限运算准则（修后）", 2524, "https://www.bilibili.com/video/BV1Eb411u7Fw?p=2"],
      [
        3,
        "【十-4】",
        "傅里叶级数介绍 135:25",
        undefined,
        "https://www.bilibili.com/video/BV1Eb411u7Fw?p=3",
      ],
      [4, "2.1", "导数的概念", 1727, "https://www.bilibili.com/video/BV1Eb411u7Fw?p=4"],
    ]);
    // `## 第一章小结` has no runtime: the notes of the episode above, with its escape kept in the note.
    expect(course?.episodes[1]?.notes).toContain("## 第一章小结");
    expect(course?.episodes[1]?.notes).toContain("完成。鞍点？");
    expect(r.progress.episodes["course-log-calculus"]).toEqual({
      1: { status: "done" },
      2: { status: "done" },
      3: { status: "done" },
      4: { status: "skipped" },
    });
    expect(r.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual([
      "22 notes-heading",
      "26 runtime-implausible",
    ]);
  });

  it("keeps P-numbers as numbers, sets a finished course, and removes Markdown escapes", () => {
    const r = load("course-log-ml.md");
    expect(r.course?.state).toBe("finished");
    expect(r.course?.episodes.map((e) => [e.number, e.label, e.title])).toEqual([
      [16, "P16 [2.11.1]", "支持向量机"],
      [17, "P17 [2.11.2]", "核函数"],
      [45, "P45 [5.2.1]", "强化学习（深度强化学习）"],
    ]);
    expect(r.course?.episodes[2]?.videos[0]?.url).toBe(
      "https://www.bilibili.com/video/BV1dJ411B7gh?p=45",
    );
    const escaped = importDocument("## a\\_b 1:00\n\nx\n\n## c 2:00\n", { file: "e.md" });
    expect(escaped.course?.episodes[0]?.title).toBe("a_b");
  });

  it("reads `Done.` with words after it as done, keeping the words", () => {
    const r = load("course-log-english.md");
    expect(r.course?.state).toBe("in-progress");
    expect(r.progress.episodes["course-log-english"]).toEqual({
      1: { status: "done" },
      2: { status: "done" },
    });
    expect(r.course?.episodes[1]?.notes).toContain("Need to redo the derivation");
  });
});

describe("notes posts", () => {
  it("become a course note with their math, figures and links", () => {
    const r = load("notes-mle.md");
    expect(r.course?.episodes).toEqual([]);
    expect(r.course?.title).toBe("极大似然估计的推导");
    expect(r.course?.tags).toEqual(["统计", "机器学习"]);
    const notes = r.course?.notes ?? "";
    expect(notes).toContain("$$\nL(\\theta) = \\prod_{i=1}^{n} p(x_i \\mid \\theta)\n$$");
    expect(notes).toContain("![似然函数随参数变化的曲线](/assets/images/mle/likelihood.png)");
    expect(notes).toContain("https://en.wikipedia.org/wiki/Maximum_likelihood_estimation");
  });
});

describe("paper lists", () => {
  it("bullets: title, year, authors, pdf/code links, ids, sub-headings as categories", () => {
    const r = load("papers-bullets.md");
    const resnet = r.papers.find((p) => p.year === 2016);
    expect(resnet).toMatchObject({
      short: "Deep residual learning for image recognition",
      authors: ["K. He et al."],
      ids: { arxiv: "1512.03385" },
      categories: ["image-classification", "convolutional-neural-network-models"],
    });
    const faster = r.papers.find((p) => p.short.startsWith("Faster R-CNN"));
    expect(faster?.links.map((l) => l.kind)).toEqual(["pdf", "code"]);
    expect(r.papers[1]?.notes).toBe("- Adversarial examples before they were called that.");
    expect(r.categories.map((c) => c.name)).toEqual([
      "Understanding / Generalization",
      "Convolutional Neural Network Models",
      "Image classification",
      "Object detection",
    ]);
  });

  it("numbered entries: ⭐ becomes the rating (title without its final period), a DOI link the doi, two works of one title stay two", () => {
    const r = load("papers-numbered.md");
    expect(r.papers.map((p) => [p.short, p.year, p.rating, p.authors[0]])).toEqual([
      ["Deep learning", 2015, 5, "Yoshua Bengio"],
      ["Deep learning", 2015, 5, "Yann LeCun"],
      [
        "Dropout: a simple way to prevent neural networks from overfitting",
        2014,
        3,
        "Nitish Srivastava",
      ],
      [
        "Batch normalization: Accelerating deep network training by reducing internal covariate shift",
        2015,
        4,
        "Sergey Ioffe",
      ],
    ]);
    expect(r.papers[1]?.ids.doi).toBe("10.1038/nature14539");
    expect(r.papers[1]?.summary).toBe("Nature 521.7553");
  });

  it("tables with other columns: every link of a cell, S2 ids from pages and badges", () => {
    const r = load("papers-table.md");
    expect(r.papers.map((p) => p.ids)).toEqual([
      { arxiv: "1706.03762", s2: "204e3073870fae3d05bcbc2f6a8e263d9b72e776" },
      { arxiv: "1810.04805", doi: "10.18653/v1/N19-1423" },
      { arxiv: "2106.09685" },
      { arxiv: "2001.08361", s2: "e6c561d02500b2596a230b341a8eb8b921ca5bf2" },
    ]);
    expect(r.papers[0]?.links).toHaveLength(3);
    expect(r.papers[2]?.summary).toBe("笔记: 低秩分解，只训练 A 和 B");
    expect(r.categories.map((c) => c.name)).toEqual(["第 1 周", "第 2 周"]);
  });
});
