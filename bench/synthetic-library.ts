/**
 * A deterministic synthetic library for the build benchmark: N notes (half paper notes, half
 * episode notes) with headings, paragraphs, a list, links, a table, one inline and one display
 * formula each (formulas varied, so the formula cache hits only where a real library would repeat
 * itself). The same content is written as a jingdu library, a Jekyll site and a Hugo site.
 * Neither Jekyll (kramdown, `math_engine: null`) nor Hugo renders the math: they leave it to the
 * browser, jingdu renders it with KaTeX at build time.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Category, Course, Episode, Library, Paper } from "../src/core/index.js";
import { makeCourse, makeEpisode, makePaper } from "../src/core/make-items.js";
import { libraryFiles } from "../src/store/index.js";

/** mulberry32: a tiny seeded PRNG, so every run generates the same library (or graph). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INLINE = [
  (n: number) => `x_{${n}}^2 + y_{${n % 7}}`,
  (n: number) => `\\frac{${n}}{n+${n % 13}}`,
  (n: number) => `\\sum_{k=1}^{${n}} k^{${n % 5}}`,
  (n: number) => `\\alpha_{${n}} \\cdot \\beta`,
  () => `\\mathcal{L}(\\theta)`,
];
const DISPLAY = [
  (n: number) =>
    `V(G, D) = \\int_x p_{data}(x) \\log D(x) dx + ${n} \\\\\n  = \\int_z p_z(z) \\log (1 - D(G(z))) dz`,
  (n: number) =>
    `\\mathcal{L}_q=-\\log \\frac{\\exp(q \\cdot k_{+} / \\tau)}{\\sum_{i=0}^{${n}} \\exp(q \\cdot k_i / \\tau)}`,
  (n: number) =>
    `P\\left(w_i \\mid w_1, \\ldots, w_{${n}}\\right) \\text{ and } y = \\frac{a}{a + ${n}}`,
  () => `D_{KL}(P||Q) = E_{x \\sim P} [\\log (\\frac{P(x)}{Q(x)})]`,
];
const WORDS =
  "residual attention transformer convolution embedding gradient optimizer dropout batch layer norm encoder decoder token pretraining contrastive diffusion sampling variance kernel".split(
    " ",
  );

/** One note of the synthetic library, in a form every generator's writer can use. */
export interface SyntheticNote {
  kind: "paper" | "episode";
  /** Paper id, or `course/number` for an episode. */
  ref: string;
  title: string;
  date: string;
  /** The note's Markdown; `link(ref, text)` writes a link to another note in each tool's syntax. */
  body(link: (ref: string, text: string) => string): string;
}

export interface SyntheticLibrary {
  library: Library;
  notes: SyntheticNote[];
}

const COURSES = 4;
const CATEGORIES = 12;

/**
 * Generates `count` notes: `count/2` papers in 12 categories and `count/2` episodes in 4 courses;
 * every episode covers one or two papers and links to one.
 * @example
 * const { library, notes } = syntheticLibrary(2000, 42);
 */
export function syntheticLibrary(count: number, seed = 20240709): SyntheticLibrary {
  const random = createRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const int = (max: number) => Math.floor(random() * max);
  const sentence = (n: number) =>
    Array.from({ length: n }, () => pick(WORDS)).join(" ") + (random() < 0.5 ? "." : ";");

  const paperCount = Math.ceil(count / 2);
  const episodeCount = count - paperCount;
  const categories: Category[] = Array.from({ length: CATEGORIES }, (_, i) => ({
    id: `cat-${i + 1}`,
    name: `Category ${i + 1}`,
    order: i,
  }));
  const paperId = (i: number) => `p-${String(i + 1).padStart(5, "0")}`;
  const date = (i: number) => {
    const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000);
    return d.toISOString().slice(0, 10);
  };

  const notes: SyntheticNote[] = [];
  const noteBody = (i: number, links: string[]) => {
    // Formula parameters repeat every few hundred notes, as real notes repeat common formulas.
    const inline = pick(INLINE)(int(400));
    const display = pick(DISPLAY)(int(300));
    const words = [sentence(12), sentence(15), sentence(9), sentence(11)];
    const year = 2010 + int(14);
    // Every random choice is made here, once: the writers only fill in the links.
    const text = `## Summary ${i}

${words[0]} See [the paper](https://arxiv.org/abs/${year % 100}${String(int(12) + 1).padStart(2, "0")}.${String(int(99999)).padStart(5, "0")}) and ${links.map((ref) => `⟦${ref}⟧`).join(", ")}. The loss is $${inline}$, **note** the ${pick(WORDS)}.

- first: *${pick(WORDS)}* → ${pick(WORDS)} → ${pick(WORDS)}
- second: \`${pick(WORDS)}_${int(100)}\` and ${words[1]}
- third: <https://github.com/example/repo-${int(1000)}>

$$
${display}
$$

### Experiments

${words[2]} ${words[3]}

| model | top-1 |
|---|--:|
| ${pick(WORDS)}-${int(152)} | ${(70 + random() * 10).toFixed(1)} |

1. ${sentence(6)}
2. ${sentence(8)}
`;
    return (link: (ref: string, text: string) => string) =>
      text.replace(/⟦([^⟧]+)⟧/g, (_, ref: string) => link(ref, ref));
  };

  const papers: Paper[] = [];
  for (let i = 0; i < paperCount; i++) {
    const id = paperId(i);
    const short = `${pick(WORDS)}-${i + 1}`;
    const related = paperId(int(paperCount));
    const body = noteBody(i, [related]);
    const title = `${sentence(6).replace(/[.;]$/, "")} (${short})`;
    papers.push(
      makePaper({
        id,
        short,
        title,
        year: 2010 + int(14),
        authors: [`Author ${int(500)}`, `Author ${int(500)}`],
        links: [{ url: `https://arxiv.org/abs/2001.${String(i).padStart(5, "0")}`, kind: "page" }],
        categories: [categories[i % CATEGORIES]?.id ?? "cat-1"],
        summary: sentence(8),
        covered: random() < 0.6,
        notes: body((ref) => `[[${ref}]]`),
      }),
    );
    notes.push({ kind: "paper", ref: id, title: short, date: date(i), body });
  }

  const courses: Course[] = Array.from({ length: COURSES }, (_, c) =>
    makeCourse({ id: `course-${c + 1}`, title: `Course ${c + 1}`, tags: ["synthetic"] }),
  );
  for (let i = 0; i < episodeCount; i++) {
    const course = courses[i % COURSES] as Course;
    const number = course.episodes.length + 1;
    const covers = [paperId(int(paperCount))];
    if (random() < 0.3) covers.push(paperId(int(paperCount)));
    const body = noteBody(paperCount + i, covers);
    const bvid = `BV1${String(i).padStart(9, "0")}`;
    const episode: Episode = makeEpisode({
      courseId: course.id,
      number,
      title: `${pick(WORDS)} ${pick(WORDS)} ${number}`,
      runtime: 600 + int(3600),
      date: date(i),
      videos: [{ site: "bilibili", id: bvid, url: `https://www.bilibili.com/video/${bvid}/` }],
      papers: [...new Set(covers)],
      notes: body((ref) => `[[${ref}]]`),
    });
    course.episodes.push(episode);
    notes.push({
      kind: "episode",
      ref: `${course.id}/${number}`,
      title: episode.title,
      date: episode.date ?? date(i),
      body,
    });
  }

  const progress: Library["progress"] = { episodes: {}, papers: {} };
  for (const course of courses) {
    const statuses: Library["progress"]["episodes"][string] = {};
    for (const ep of course.episodes)
      if (ep.number % 3 === 0) statuses[ep.number] = { status: "done" };
    progress.episodes[course.id] = statuses;
  }

  return {
    library: {
      settings: { title: `Synthetic library (${count} notes)`, language: "en", version: 1 },
      categories,
      papers,
      courses,
      progress,
      references: [],
    },
    notes,
  };
}

function writeAll(root: string, files: ReadonlyMap<string, string>): void {
  rmSync(root, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** Writes the library as a jingdu library folder (what `jingdu build` reads). */
export function writeJingduLibrary(root: string, { library }: SyntheticLibrary): void {
  writeAll(root, libraryFiles(library));
}

const slug = (ref: string) => ref.replace("/", "-");
const yamlString = (s: string) => JSON.stringify(s);

/**
 * Writes the same notes as a Jekyll site: one post per note, a minimal layout, kramdown with
 * `math_engine: null` (math left as written, like Hugo).
 */
export function writeJekyllSite(root: string, { notes, library }: SyntheticLibrary): void {
  const files = new Map<string, string>();
  files.set(
    "_config.yml",
    `title: ${yamlString(library.settings.title)}
markdown: kramdown
kramdown:
  input: GFM
  math_engine: null
permalink: /:title/
defaults:
  - scope: { path: "" }
    values: { layout: default }
exclude: [Gemfile, Gemfile.lock]
`,
  );
  files.set(
    "_layouts/default.html",
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }} · {{ site.title }}</title></head>
<body><header><a href="{{ '/' | relative_url }}">{{ site.title }}</a></header>
<main><h1>{{ page.title }}</h1>{{ content }}</main></body></html>
`,
  );
  files.set(
    "index.html",
    `---
title: Home
---
<ul>{% for post in site.posts %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>{% endfor %}</ul>
`,
  );
  for (const note of notes) {
    files.set(
      `_posts/${note.date}-${slug(note.ref)}.md`,
      `---\ntitle: ${yamlString(note.title)}\n---\n${note.body((ref, text) => `[${text}](/${slug(ref)}/)`)}`,
    );
  }
  writeAll(root, files);
}

/** Writes the same notes as a Hugo site: content/*.md, minimal layouts, math left to the browser. */
export function writeHugoSite(root: string, { notes, library }: SyntheticLibrary): void {
  const files = new Map<string, string>();
  files.set(
    "hugo.toml",
    `baseURL = "http://example.org/"
languageCode = "en"
title = ${yamlString(library.settings.title)}
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = true
`,
  );
  const head = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>`;
  files.set(
    "layouts/_default/single.html",
    `${head}\n<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n`,
  );
  const list = `${head}\n<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n`;
  files.set("layouts/_default/list.html", list);
  files.set("layouts/index.html", list.replaceAll(".Pages", ".Site.RegularPages"));
  for (const note of notes) {
    const section = note.kind === "paper" ? "papers" : "episodes";
    files.set(
      `content/${section}/${slug(note.ref)}.md`,
      `---\ntitle: ${yamlString(note.title)}\ndate: ${note.date}\n---\n${note.body(
        (ref, text) => `[${text}](/${ref.includes("/") ? "episodes" : "papers"}/${slug(ref)}/)`,
      )}`,
    );
  }
  writeAll(root, files);
}
