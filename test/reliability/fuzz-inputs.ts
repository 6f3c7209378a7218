import { readFileSync } from "node:fs";
import fc from "fast-check";
import { HAS_SEED, SEED } from "../support/shared-files.js";

/**
 * Generators for the fuzzer (fuzz.test.ts): Markdown-ish study logs built from the seed's own
 * lines and the constructs that broke readers before, YAML and front matter, and HTTP requests.
 */

/** Up to 600 distinct non-blank lines of the real study log, when ../shared has it. */
const seedLines: string[] = HAS_SEED
  ? [
      ...new Set(
        readFileSync(SEED, "utf8")
          .split("\n")
          .filter((l) => l.trim() !== ""),
      ),
    ].slice(0, 600)
  : [];

/** Pieces that made a reader throw, hang, backtrack or misread before. */
const HOSTILE_PIECES = [
  "---",
  "---js",
  "...",
  "title: 论文精读（进行中）",
  "tags: [a, [b]]",
  "a: &a [x, y]",
  `b: [${Array(120).fill("*a").join(", ")}]`,
  `deep: ${"[".repeat(3000)}`,
  "{%",
  "%}",
  "{% include image.html url='/a.png' caption='图' %}",
  "{% include relref_bili.html %}",
  "{% raw %}{{ x }}{% endraw %}",
  "{{ site.url }}",
  "{{a|b}}",
  "<script>alert(1)</script>",
  "<script",
  "```",
  "~~~",
  "$$",
  "$x$",
  "| 日期 | 标题 | 时长 | 视频 |",
  "| -- | -- | -- | -- |",
  "| 1/2/22 | 标题 | 61:99 | [video](https://www.bilibili.com/video/BV1ab4y1s7rc/) |",
  "## P1 [2.11.1] -- 标题 08:39",
  "## 一集 10:00",
  "### 录制完成的论文",
  "完成",
  "跳过",
  "[^1]: 脚注",
  "[^1]",
  "[[resnet]]",
  "[@resnet]",
  "[a](",
  "\uFFFD",
  "\u0000",
  " ".repeat(2000),
  "\t\t",
  "\r",
  "<hr class='reviewline'>",
  "<p class='ref_snapshot'>参考资料快照</p>",
  "- [https://a.example/](https://web.archive.org/x)",
  "<a name='resnet'></a>",
];

const piece = fc.oneof(
  { weight: 3, arbitrary: seedLines.length ? fc.constantFrom(...seedLines) : fc.string() },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: "binary" }) },
);

const body = fc
  .array(fc.tuple(piece, fc.constantFrom("\n", "\n", "\n\n", " ", "\r\n")), { maxLength: 80 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(""));

const YAML_PIECES = [
  "short: X",
  "title: T",
  "year: 2015",
  "year: soon",
  "number: 1",
  "number: -3",
  "runtime: '61:99'",
  "tags: [a, b]",
  "links:",
  "  - url: https://a.example/",
  "  - { url: 'javascript:alert(1)', kind: pdf }",
  "a: &a [x, y]",
  `b: [${Array(150).fill("*a").join(", ")}]`,
  `bomb: &b [x, y]\nboom: [${Array(150).fill("*b").join(", ")}]`,
  "c: !!js/function 'function () {}'",
  "d: !foo x",
  "? [a, b]",
  ": c",
  "e: |",
  "  literal",
  'f: "unclosed',
  "- item",
  "- { a: 1 }",
  "[[[[",
  "{a: 1",
  `nest: ${"[".repeat(500)}${"]".repeat(500)}`,
  "episodes:",
  "  limu:",
  "    1: { status: done }",
  "    x: { status: nope }",
  "papers:",
  "  resnet: { passes: [1, 2] }",
  "cards:",
  "  papers/resnet.md: { due: 2026-01-01 }",
  "- id: cnn",
  "  name: CNN",
  "short: X\nshort: Y",
  "%YAML 1.1",
  "---",
  "\uFEFF",
];

const yamlLine = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...YAML_PIECES) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("short", "title", "year", "ids", "summary", "x"), fc.jsonValue())
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: "grapheme" }) },
);

/** A YAML text: a mix of the library's own keys, hostile constructs and arbitrary values. */
export const yamlText = fc
  .array(yamlLine, { maxLength: 14 })
  .map((lines) => `${lines.join("\n")}\n`);

/** A study log: lines from the seed and hostile pieces, after front matter half of the time. */
export const studyLog = fc
  .tuple(fc.option(yamlText, { freq: 2 }), body)
  .map(([front, text]) => (front === null ? text : `---\n${front}---\n${text}`));

/** A library file as bytes: front matter and a body for Markdown, YAML for the list files. */
export const libraryFile = fc
  .tuple(
    fc.constantFrom(
      "papers/fuzz.md",
      "papers/Bad Name.md",
      "courses/limu/course.md",
      "courses/limu/episodes/001.md",
      "courses/limu/episodes/x.md",
      "progress.yaml",
      "categories.yaml",
      "references.yaml",
      "reviews.yaml",
    ),
    yamlText,
    studyLog,
    fc.constantFrom("utf8", "utf8", "utf8", "latin1", "bom"),
  )
  .map(([path, yaml, body, encoding]) => {
    const text = path.endsWith(".md") ? `---\n${yaml}---\n${body.slice(0, 400)}\n` : yaml;
    const bytes =
      encoding === "latin1"
        ? Buffer.from(text, "latin1")
        : Buffer.from(encoding === "bom" ? `\uFEFF${text}` : text);
    return { path, bytes };
  });

/** The API routes of the web app, with and without their expected bodies. */
const API_PATHS = [
  "/api/search",
  "/api/preview",
  "/api/notes",
  "/api/revisions",
  "/api/restore",
  "/api/progress",
  "/api/pass",
  "/api/review",
  "/api/review/mark",
  "/api/add/paper",
  "/api/add/course",
  "/api/add/..%2f..",
  "/api/nope",
  "/api/events",
];

const somePage = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "/papers/resnet/",
      "/papers/alexnet/",
      "/courses/limu/1/",
      "/courses/limu/",
      "/",
      "/../../etc/passwd",
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** A JSON body shaped like the app's own requests, with any value in any field. */
const apiBody = fc.record(
  {
    page: somePage,
    markdown: fc.oneof(studyLog, fc.string()),
    body: fc.oneof(studyLog, fc.string()),
    baseHash: fc.oneof(fc.string(), fc.constant("")),
    course: fc.oneof(fc.constant("limu"), fc.string()),
    number: fc.oneof(fc.integer(), fc.string(), fc.double()),
    status: fc.constantFrom("todo", "watching", "done", "skipped", "bogus"),
    position: fc.oneof(fc.constantFrom("46:18", "61:99", ""), fc.string()),
    paper: fc.oneof(fc.constant("resnet"), fc.string()),
    pass: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.string()),
    note: fc.oneof(fc.constant("papers/resnet.md"), fc.string()),
    rating: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.string()),
    file: fc.oneof(
      fc.constantFrom("papers/resnet.md", "../jingdu.yaml", "/etc/passwd"),
      fc.string(),
    ),
    revision: fc.string(),
    input: fc.string(),
  },
  { requiredKeys: [] },
);

/** One HTTP request to the app: method, path, headers (token right, wrong or missing) and body. */
export const apiRequest = fc.record({
  method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH"),
  path: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...API_PATHS) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 40 }).map((q) => `/api/search?q=${encodeURIComponent(q)}`),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 20 }).map((s) => `/api/${encodeURIComponent(s)}`),
    },
  ),
  token: fc.constantFrom("right", "right", "right", "right", "right", "right", "wrong", "none"),
  host: fc.constantFrom("own", "own", "own", "own", "own", "own", "own", "evil.example"),
  contentType: fc.constantFrom(
    "application/json",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "none",
  ),
  body: fc.oneof(
    { weight: 4, arbitrary: apiBody.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "null", "[]", '{"page":', "\u0000") },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  ),
});
