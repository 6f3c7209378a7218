import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import {
  emptyLibrary,
  richLibrary,
  samplePaper,
  withoutProvenance,
  writeTempLibrary,
} from "../../test/fixtures/libraries/sample-libraries.js";
import type { Episode, Library, Paper } from "../core/index.js";
import { makeCourse, makeEpisode } from "../core/make-items.js";
import { loadLibrary } from "./load-library.js";
import { libraryFiles } from "./serialize.js";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function roundTrip(library: Library): Promise<Library> {
  const root = await writeTempLibrary(libraryFiles(library));
  roots.push(root);
  const loaded = await loadLibrary(root);
  expect(loaded.diagnostics).toEqual([]);
  return withoutProvenance(loaded.library);
}

const STRINGS = [
  "plain",
  "卷麻了",
  "a: b",
  "# hash",
  "x #y",
  "'single'",
  '"double"',
  "null",
  "true",
  "1.0",
  "007",
  "2024-07-09",
  "1:27:05",
  "- dash",
  "[bracket]",
  "{brace}",
  "*star",
  "!bang",
  "|pipe",
  "line\nbreak",
  "  spaced  ",
  "---",
  "...",
  "tab\tin",
  "emoji 🎓",
];
const NOTES = ["", "---", "$$\nx\n$$", "---\nfoo: bar\n---\n", "a\n\n---\n\nb\n", "\n", "x\r\ny"];

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A random library of tricky strings; structure follows the model's invariants. */
function randomLibrary(seed: number): Library {
  const rand = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const maybe = <T>(value: T): T | undefined => (rand() < 0.5 ? value : undefined);
  const papers: Paper[] = Array.from({ length: 5 }, (_, i) => {
    const p = samplePaper(`p-${i}-论文`, {
      short: pick(STRINGS),
      authors: rand() < 0.5 ? [pick(STRINGS), pick(STRINGS)] : [],
      ids: maybe({ arxiv: "2101.00010" }) ?? {},
      links: rand() < 0.5 ? [{ url: `https://x.org/${i}?a=b#c`, kind: "pdf" }] : [],
      covered: rand() < 0.5,
      notes: pick(NOTES),
    });
    const title = maybe(pick(STRINGS));
    if (title !== undefined) p.title = title;
    const summary = maybe(pick(STRINGS));
    if (summary !== undefined) p.summary = summary;
    return p;
  });
  const episodes: Episode[] = Array.from({ length: 3 }, (_, i) => {
    const e: Episode = makeEpisode({
      courseId: "课程",
      number: i + 1,
      title: pick(STRINGS),
      videos: [{ site: "bilibili", id: "BV1pu411o7BE", part: i + 1, url: "https://b23.tv/x" }],
      papers: [papers[i]?.id ?? "p-0-论文"],
      notes: pick(NOTES),
    });
    if (rand() < 0.7) e.runtime = Math.floor(rand() * 20000);
    if (rand() < 0.5) e.label = pick(STRINGS);
    return e;
  });
  return {
    ...emptyLibrary(),
    papers,
    courses: [
      makeCourse({
        id: "课程",
        title: pick(STRINGS),
        tags: [pick(STRINGS)],
        notes: pick(NOTES),
        episodes,
      }),
    ],
  };
}

describe("libraryFiles → loadLibrary", () => {
  it("round-trips an empty library", async () => {
    expect(await roundTrip(emptyLibrary())).toEqual(emptyLibrary());
  });

  it("round-trips a rich library (CJK ids, math, `---` in notes, progress, references)", async () => {
    expect(await roundTrip(richLibrary())).toEqual(richLibrary());
  });

  it("round-trips random libraries of tricky strings", async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const library = randomLibrary(seed);
      expect(await roundTrip(library), `seed ${seed}`).toEqual(library);
    }
  });

  it("writes readable files in the documented shape", () => {
    const files = libraryFiles(richLibrary());
    expect(files.get("papers/resnet.md")).toBe(
      `${[
        "---",
        "short: ResNet",
        "title: Deep Residual Learning for Image Recognition",
        "year: 2015",
        "venue: CVPR",
        "authors: [Kaiming He, Xiangyu Zhang]",
        'ids: {arxiv: "1512.03385", doi: 10.1109/CVPR.2016.90, corpusId: 206594692}',
        "links:",
        "  - {url: https://arxiv.org/pdf/1512.03385, kind: pdf}",
        // A long URL stays on one line (no folding).
        `  - {url: https://example.com/${"a-very-long-path/".repeat(10)}?q=1&r=2#x}`,
        "categories: [计算机视觉-cnn]",
        "summary: 构建深层网络都要有的残差连接。",
        "covered: true",
        "---",
        "Notes with math $x^2$ and",
      ].join("\n")}\n\n$$\nE = mc^2\n$$\n\n---\ntitle: not front matter\n---\n\n`,
    );
    expect(files.get("courses/limu/episodes/007.md")).toContain(
      'runtime: "1:27:05"\ndate: 2021-10-27\n',
    );
    expect(files.get("progress.yaml")).toContain(
      "episodes:\n  limu:\n    1: {status: done, date: 2024-07-09}\n",
    );
    expect([...files.keys()].sort()).toEqual([
      "categories.yaml",
      "courses/limu/course.md",
      "courses/limu/episodes/001.md",
      "courses/limu/episodes/007.md",
      "jingdu.yaml",
      "papers/dall-e-2.md",
      "papers/resnet.md",
      "papers/transformer.md",
      "papers/参数服务器.md",
      "progress.yaml",
      "references.yaml",
    ]);
  });
});

describe("the catalog order", () => {
  it("lists papers oldest first, by id within a year, papers without a year last", async () => {
    const library = {
      ...emptyLibrary(),
      papers: [
        samplePaper("vgg", { year: 2014 }),
        samplePaper("efficientnet", { year: 2019 }),
        samplePaper("no-year"),
        samplePaper("googlenet", { year: 2014 }),
        samplePaper("alexnet", { year: 2012 }),
      ],
    };
    const loaded = await roundTrip(library);
    expect(loaded.papers.map((p) => p.id)).toEqual([
      "alexnet",
      "googlenet",
      "vgg",
      "efficientnet",
      "no-year",
    ]);
  });
});
