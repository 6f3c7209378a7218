/**
 * The real-world shapes beyond the first corpus: each fixture in test/fixtures/import is a shape
 * people keep (awesome-lists with nested bullets and badges, a checkbox reading roadmap, a dated
 * weekly table, an APA reference list with DOIs, a Jekyll post, a course log with `P1`/`第3集`
 * labels), and a paper list's prose is kept as descriptions rather than only reported.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "./import-document.js";

const DIR = join(import.meta.dirname, "..", "..", "..", "test", "fixtures", "import");
const load = (name: string) =>
  importDocument(readFileSync(join(DIR, name), "utf8"), { file: name });

describe("a paper list's prose", () => {
  it("the introduction is the list's description, a category's blurb its description", () => {
    const r = load("papers-awesome-nested.md");
    expect(r.settings.title).toBe("Awesome Self-Supervised Learning");
    const intro = r.settings.description ?? "";
    expect(intro).toContain("A curated list of self-supervised methods.");
    // Badges stay as written (Markdown), and a section without papers keeps its heading.
    expect(intro).toContain(
      "[![License: CC0](https://img.shields.io/badge/License-CC0-lightgrey.svg)](https://creativecommons.org/publicdomain/zero/1.0/)",
    );
    expect(intro).toContain(
      "## License\n\n[![CC0](https://licensebuttons.net/p/zero/1.0/88x31.png)]",
    );
    expect(r.categories.find((c) => c.id === "computer-vision")?.description).toBe(
      "Methods that learn visual features without labels.",
    );
    expect(r.diagnostics.filter((d) => d.rule === "line-not-imported")).toEqual([]);
    // The report says where the prose went.
    expect(r.parts).toContainEqual({ part: "list description", count: 1 });
    expect(r.parts).toContainEqual({ part: "category descriptions", count: 1 });
  });

  it("keeps paragraphs as paragraphs", () => {
    const r = importDocument(
      "# L\n\nOne\ntwo.\n\nThree.\n\n## A\n\n- **P** (2020) [pdf](https://arxiv.org/abs/2001.00001)\n\nAfter the paper.\n\n- **Q** (2021) [pdf](https://arxiv.org/abs/2101.00001)\n",
      { file: "l.md" },
    );
    expect(r.kind).toBe("paper-list");
    expect(r.settings.description).toBe("One\ntwo.\n\nThree.");
    expect(r.categories[0]?.description).toBe("After the paper.");
  });
});

describe("paper-list shapes", () => {
  it("awesome-list: a bullet that is no paper is the category of the papers nested under it", () => {
    const r = load("papers-awesome-nested.md");
    expect(r.categories.map((c) => c.id)).toEqual([
      "computer-vision",
      "contrastive",
      "masked-modeling",
      "natural-language-processing",
    ]);
    expect(r.papers.map((p) => [p.short, p.categories, p.summary])).toEqual([
      [
        "A Simple Framework for Contrastive Learning of Visual Representations",
        ["contrastive", "computer-vision"],
        "SimCLR, Chen et al. ICML",
      ],
      [
        "Momentum Contrast for Unsupervised Visual Representation Learning",
        ["contrastive", "computer-vision"],
        "MoCo",
      ],
      [
        "Masked Autoencoders Are Scalable Vision Learners",
        ["masked-modeling", "computer-vision"],
        "MAE",
      ],
      [
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        ["natural-language-processing"],
        undefined,
      ],
    ]);
    // A description after a dash is no author list; a stars badge is no link.
    expect(r.papers[0]?.authors).toEqual([]);
    expect(r.papers[0]?.links.map((l) => l.url)).toEqual(["https://arxiv.org/abs/2002.05709"]);
    expect(r.papers[2]?.notes).toBe("Mask 75% of the patches and reconstruct them.");
    expect(r.papers[3]?.ids.s2).toBe("df2b0e26d0599ce3e70df8a9da02e51594e0e992");
  });

  it("reading roadmap with checkboxes: [x] is the list's ✅, a box with a year and no link is a paper", () => {
    const r = load("papers-checklist.md");
    expect(r.papers.map((p) => [p.short, p.year, p.covered])).toEqual([
      ["Efficient Estimation of Word Representations in Vector Space", 2013, true],
      ["GloVe: Global Vectors for Word Representation", 2014, true],
      ["Deep contextualized word representations", 2018, false],
      ["Attention Is All You Need", undefined, true],
      ["Language Models are Unsupervised Multitask Learners", 2019, false],
    ]);
    expect(r.papers.every((p) => p.authors.length === 0 && p.summary === undefined)).toBe(true);
    expect(r.papers[4]?.unresolved).toBe(true);
  });

  it("weekly table with dates: the date is the day read, the year comes from the venue", () => {
    const r = load("papers-weekly-dates.md");
    expect(r.settings.title).toBe("Reading group 2024");
    expect(r.papers.map((p) => [p.year, p.venue, p.authors, p.summary])).toEqual([
      [2024, "COLM 2024", ["Albert Gu", "Tri Dao"], "Date: 2024-03-04; Presenter: Lin"],
      [2023, "NeurIPS 2023", ["Rafailov et al."], "Date: 2024-03-11; Presenter: Zhou"],
      [2023, "NeurIPS 2023", ["Muennighoff et al."], "Date: 2024-03-25; Presenter: Wang"],
    ]);
    expect(r.papers[1]?.links.map((l) => l.kind)).toEqual(["page", "code"]);
    // The week without a paper is no paper: named in the report.
    const named = r.diagnostics.filter((d) => d.rule === "line-not-imported");
    expect(named.map((d) => d.line)).toEqual([11]);
    expect(named[0]?.message).toContain("no meeting: spring break");
  });

  it("APA references: authors, year, title, venue, volume, issue, pages; doi: and arXiv: as ids", () => {
    const r = load("papers-apa-dois.md");
    expect(
      r.papers.map((p) => [p.short, p.authors, p.year, p.venue, p.volume, p.issue, p.pages, p.ids]),
    ).toEqual([
      [
        "Reducing the dimensionality of data with neural networks",
        ["G. E. Hinton", "R. R. Salakhutdinov"],
        2006,
        "Science",
        "313",
        "5786",
        "504–507",
        { doi: "10.1126/science.1127647" },
      ],
      [
        "Deep learning",
        ["Y. LeCun", "Y. Bengio", "G. Hinton"],
        2015,
        "Nature",
        "521",
        "7553",
        "436–444",
        { doi: "10.1038/nature14539" },
      ],
      [
        "Mastering the game of Go with deep neural networks and tree search",
        ["D. Silver", "A. Huang", "C. J. Maddison et al."],
        2016,
        "Nature",
        "529",
        undefined,
        "484–489",
        { doi: "10.1038/nature16961" },
      ],
      [
        "Adam: A method for stochastic optimization",
        ["D. P. Kingma", "J. Ba"],
        2015,
        "ICLR",
        undefined,
        undefined,
        undefined,
        { arxiv: "1412.6980" },
      ],
    ]);
    expect(r.settings.description).toBe("Reading list for the seminar (APA style, one per line)");
  });
});

describe("more paper-list shapes", () => {
  it("bold title, italic authors, then venue and year: each in its field", () => {
    const r = load("papers-italic-authors.md");
    expect(r.papers.map((p) => [p.short, p.authors.length, p.authors[0], p.venue, p.year])).toEqual(
      [
        [
          "Graph Neural Networks: A Review of Methods and Applications",
          6,
          "Jie Zhou",
          "AI Open",
          2020,
        ],
        ["A Comprehensive Survey on Graph Neural Networks", 6, "Zonghan Wu", "IEEE TNNLS", 2020],
        [
          "Semi-Supervised Classification with Graph Convolutional Networks",
          2,
          "Thomas N. Kipf",
          "ICLR",
          2017,
        ],
        ["Graph Attention Networks", 1, "Petar Veličković et al.", "ICLR", 2018],
      ],
    );
    expect(r.papers.every((p) => p.summary === undefined)).toBe(true);
    expect(r.papers[2]?.links.map((l) => l.kind)).toEqual(["page", "code"]);
  });

  it("`<br>` between title and authors, in a table cell and in a `+` bullet", () => {
    const r = load("papers-table-br-authors.md");
    expect(r.papers.map((p) => [p.short, p.authors, p.venue, p.year])).toEqual([
      [
        "Denoising Diffusion Probabilistic Models",
        ["Jonathan Ho", "Ajay Jain", "Pieter Abbeel"],
        "NeurIPS",
        2020,
      ],
      [
        "High-Resolution Image Synthesis with Latent Diffusion Models",
        ["Robin Rombach et al."],
        "CVPR",
        2022,
      ],
      [
        "Score-Based Generative Modeling through Stochastic Differential Equations",
        ["Yang Song et al."],
        "ICLR",
        2021,
      ],
      [
        "Elucidating the Design Space of Diffusion-Based Generative Models",
        ["Tero Karras et al."],
        "NeurIPS",
        2022,
      ],
    ]);
    expect(r.papers.every((p) => p.summary === undefined)).toBe(true);
  });

  it("《书名号》 titles with the author and year after them", () => {
    const r = load("papers-zh-book-quotes.md");
    expect(r.papers.map((p) => [p.short, p.authors, p.year, p.ids.arxiv])).toEqual([
      [
        "Rich feature hierarchies for accurate object detection and semantic segmentation",
        ["Ross Girshick"],
        2014,
        "1311.2524",
      ],
      [
        "You Only Look Once: Unified, Real-Time Object Detection",
        ["Joseph Redmon"],
        2016,
        "1506.02640",
      ],
    ]);
    expect(r.papers[0]?.links.map((l) => l.kind)).toEqual(["page", "code"]);
  });

  it("daily headings: each date a category, bullets and a table under them", () => {
    const r = load("papers-daily-headings.md");
    expect(r.categories.map((c) => c.name)).toEqual(["2024-03-04", "2024-03-05"]);
    expect(r.papers.map((p) => [p.short, p.categories[0], p.summary])).toEqual([
      ["Genie: Generative Interactive Environments", "2024-03-04", "world models from video"],
      ["The Era of 1-bit LLMs", "2024-03-04", undefined],
      ["Stable Diffusion 3", "2024-03-05", "TL;DR: rectified flow transformers; Votes: 120"],
    ]);
  });
});

describe("more course-log shapes", () => {
  it("runtimes in parentheses leave the title: `第1讲 课程安排（12:30）`", () => {
    const r = load("course-log-paren-runtimes.md");
    expect(r.course?.episodes.map((e) => [e.label, e.title, e.runtime])).toEqual([
      ["第1讲", "课程安排", 750],
      ["第2讲", "深度学习介绍", 1268],
      ["第3讲", "安装", 614],
    ]);
  });

  it("a check list of a course: each item an episode, a ticked box done, one BVID's parts", () => {
    const r = load("course-log-checklist.md");
    expect(r.kind).toBe("course-log");
    expect(r.course?.episodes.map((e) => [e.number, e.label, e.title, e.runtime])).toEqual([
      [1, "P1 1-1", "欢迎", 418],
      [2, "P2 1-2", "什么是机器学习", 435],
      [3, "P3 1-3", "监督学习", 749],
      [4, "P4 1-4", "无监督学习", 848],
    ]);
    expect(r.course?.episodes[3]?.videos[0]?.url).toBe(
      "https://www.bilibili.com/video/BV164411b7dx?p=4",
    );
    expect(r.progress.episodes["course-log-checklist"]).toEqual({
      1: { status: "done" },
      2: { status: "done" },
    });
    // A list that is mostly not episodes stays what it is.
    const notes = importDocument("# Plan\n\n- read 10:00 chapter\n- one\n- two\n- three\n", {
      file: "plan.md",
    });
    expect(notes.course?.episodes).toEqual([]);
  });

  it("a ✅ closing a heading is done; `时长：1:14:20` under a heading is its runtime", () => {
    const r = load("course-log-check-marks.md");
    expect(r.course?.episodes.map((e) => [e.title, e.runtime])).toEqual([
      ["Lecture 1: Introduction", 3472],
      ["Lecture 2: Image Classification", 3571],
      ["Lecture 3: Loss Functions and Optimization", 4460],
      ["Lecture 4 – Backprop", 4386],
    ]);
    expect(r.course?.episodes[2]?.notes).toBe("SVM loss, softmax");
    expect(r.progress.episodes["course-log-check-marks"]).toEqual({
      1: { status: "done" },
      2: { status: "done" },
    });
  });

  it("runtimes in words: `（23分15秒）`", () => {
    const r = load("course-log-worded-runtimes.md");
    expect(r.course?.episodes.map((e) => [e.label, e.title, e.runtime])).toEqual([
      ["第1集", "随机事件", 1395],
      ["第2集", "概率的定义", 1862],
      ["第3集", "条件概率", 1720],
    ]);
  });

  it("a table with a runtime column is episodes, not papers; its ✅ column is progress", () => {
    const r = load("course-log-table.md");
    expect(r.papers).toEqual([]);
    expect(r.course?.title).toBe("线性代数 MIT 18.06");
    expect(r.course?.episodes.map((e) => [e.number, e.title, e.runtime])).toEqual([
      [1, "方程组的几何解释", 2389],
      [2, "矩阵消元", 2861],
      [3, "乘法和逆矩阵", 2808],
    ]);
    expect(r.progress.episodes["course-log-table"]).toEqual({
      1: { status: "done" },
      2: { status: "done" },
    });
  });
});

describe("a Jekyll post", () => {
  it("keeps highlight blocks as code, raw text as written, and links post_url to its course", () => {
    const r = load("notes-jekyll-liquid.md");
    expect(r.kind).toBe("notes-post");
    expect(r.course?.title).toBe("手写一个 softmax 回归");
    expect(r.course?.tags).toEqual(["机器学习", "softmax", "分类"]);
    const notes = r.course?.notes ?? "";
    expect(notes).toContain(
      "```python\ndef softmax(X):\n    X_exp = X.exp()\n    return X_exp / X_exp.sum(1, keepdim=True)\n```",
    );
    expect(notes).toContain("模板里写 {{ 变量 }} 不会被展开。");
    expect(notes).toContain("[线性回归](../linear-regression/)");
    expect(notes).toContain("![交叉熵损失](/assets/images/softmax/loss.png)");
    expect(notes).toContain("![训练集和测试集上的准确率](/assets/images/softmax/acc.png)");
    expect(notes).not.toMatch(/\{%|\{:toc\}|^\* TOC/m);
    expect(r.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual([
      "9 liquid-post-url",
      "18 liquid-removed",
      "18 image-site-relative",
      "30 image-site-relative",
    ]);
  });
});

describe("a course log with P1 / 第3集 labels and h:mm:ss runtimes", () => {
  it("reads each label, the runtime, and done / skipped", () => {
    const r = load("course-log-parts.md");
    expect(r.course?.episodes.map((e) => [e.number, e.label, e.title, e.runtime])).toEqual([
      [1, "P1", "课程介绍", 3723],
      [2, "P2", "线性回归", 3490],
      [3, "第3集", "逻辑回归", 4540],
      [4, "第4集", "神经网络基础（上）", 2825],
    ]);
    expect(r.course?.episodes[3]?.videos[0]?.url).toBe(
      "https://www.bilibili.com/video/BV1Y7411d7Ys?p=4",
    );
    expect(r.progress.episodes["course-log-parts"]).toEqual({
      1: { status: "done" },
      3: { status: "skipped" },
    });
  });
});
