/**
 * Regenerates `templates/limu/` — the built-in 论文精读 demo library — from the seed study log
 * and the list it copies (Mu Li's paper-reading README, Apache-2.0). The template keeps the
 * seed's facts (catalog: names, years, links, categories, summaries; episodes: titles, dates,
 * runtimes, BVIDs, covered papers) but none of the learner's notes: those stay in the seed. The
 * list adds what the seed lost: each paper's Semantic Scholar id (from its citation badge) and
 * arXiv id (from its link), the papers and episodes newer than the seed, and each episode's
 * YouTube and zhihu links. The example notes below are our own, written to show what a note holds.
 *
 * Run: node --import tsx scripts/make-limu-template.ts [SEED] [OUT] [LIST]
 * `test/limu-template.test.ts` fails when the committed template drifts from this script's output.
 */
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/base/index.js";
import {
  type Episode,
  type Library,
  normalizeTitle,
  type Paper,
  parseRuntime,
  slugify,
} from "../src/core/index.js";
import { parseStudyLog } from "../src/formats/index.js";
import { libraryFiles } from "../src/store/serialize.js";
import { type MliEpisodeRow, type MliListFacts, mliListFacts } from "./mli-list.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SEED = join(repo, "..", "shared", "seeds", "000_f6b501323f8e2232.txt");
export const MLI_LIST = join(
  repo,
  "..",
  "shared",
  "fixtures",
  "lists",
  "mli-paper-reading-README.md",
);
export const MLI_LICENSE = join(
  repo,
  "..",
  "shared",
  "fixtures",
  "lists",
  "mli-paper-reading-LICENSE",
);

/** Where the list came from, kept with the template as its license asks (Apache-2.0 §4). */
const MLI_NOTICE = `论文列表、引用徽章里的 Semantic Scholar 编号和视频链接来自
[mli/paper-reading](https://github.com/mli/paper-reading)（README.md，提交
8f4300e37b436ce40e3218a4a9a32e916b934814，2024-11-18），按 Apache License 2.0 使用；
许可证全文见 [files/mli-paper-reading-LICENSE](files/mli-paper-reading-LICENSE)。
jingdu 改写了它的格式（每篇论文一个文件），内容未改。
`;

/** Our own example notes, keyed by what they attach to. */
const EXAMPLE_NOTES = {
  course: `李沐（Mu Li）的「论文精读」系列：深度学习经典、新论文逐段精读。

- 视频合集：<https://www.bilibili.com/video/BV1H44y1t75x/>
- 论文列表：<https://github.com/mli/paper-reading>

读论文的三遍法：第一遍读标题、摘要、结论和图表，决定要不要读下去；第二遍通读，
跳过证明细节；第三遍逐段精读，想象自己来做这件事会怎么做。
`,
  /** Episode notes, by the id of the paper the episode covers (the latest such episode gets it). */
  episodes: {
    resnet: `残差块学的是 $\\mathcal{F}(x) = H(x) - x$，输出是 $\\mathcal{F}(x) + x$：
恒等映射让很深的网络也训得动。

![残差块：两层卷积加一条恒等捷径](files/residual-block.svg)

- [12:30] 为什么更深的「plain」网络反而训练误差更高（退化问题）
- [31:05] 瓶颈结构（1×1 → 3×3 → 1×1）把 152 层的计算量压下来
- 论文：[[resnet]]，与 [[vgg]] 的对比见表 1。
`,
    gan: `生成器 $G$ 和判别器 $D$ 的极小极大博弈：

$$
\\min_G \\max_D V(D, G) = \\mathbb{E}_{x \\sim p_{\\text{data}}}[\\log D(x)]
  + \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G(z)))]
$$

固定 $G$ 时最优判别器是 $D^*(x) = \\dfrac{p_{\\text{data}}(x)}{p_{\\text{data}}(x) + p_g(x)}$。

- [18:40] 价值函数逐项解释
- 30:12 全局最优 $p_g = p_{\\text{data}}$ 的证明
`,
    transformer: `编码器—解码器结构，完全用注意力替代循环。

- [46:18] 缩放点积注意力为什么要除以 $\\sqrt{d_k}$
- 1:02:03 多头注意力：$h = 8$ 个头，每个头 $d_k = d_v = 64$
- 对照阅读：[[transformer]]；位置编码一节可以和 [[bert]] 的做法对比。
`,
  } as Record<string, string>,
  papers: {
    transformer: `自注意力：$\\operatorname{Attention}(Q, K, V) = \\operatorname{softmax}\\!\\left(\\dfrac{QK^\\top}{\\sqrt{d_k}}\\right) V$

> 精读三遍：① 标题、摘要、图 1；② 方法与实验；③ 逐段，自己推一遍多头注意力的维度。

原文：<https://arxiv.org/abs/1706.03762>
`,
  } as Record<string, string>,
};

const RESIDUAL_BLOCK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 220" width="320" height="220" font-family="sans-serif" font-size="13">
  <title>残差块 (residual block)</title>
  <rect x="110" y="30" width="100" height="32" rx="6" fill="#e8f0fe" stroke="#3367d6"/>
  <text x="160" y="51" text-anchor="middle">weight layer</text>
  <rect x="110" y="100" width="100" height="32" rx="6" fill="#e8f0fe" stroke="#3367d6"/>
  <text x="160" y="121" text-anchor="middle">weight layer</text>
  <circle cx="160" cy="178" r="12" fill="#fff" stroke="#333"/>
  <text x="160" y="183" text-anchor="middle">+</text>
  <path d="M160 10 V30 M160 62 V100 M160 132 V166 M160 190 V214" stroke="#333" fill="none"/>
  <path d="M160 18 H260 V178 H172" stroke="#d93025" fill="none" stroke-dasharray="4 3"/>
  <text x="266" y="100" fill="#d93025">x</text>
  <text x="170" y="86">relu</text>
  <text x="60" y="121" text-anchor="middle">F(x)</text>
  <text x="200" y="210">F(x) + x</text>
</svg>
`;

/** Names compared without case, punctuation or spaces: `为什么Momentum有效` = `为什么 Momentum 有效`. */
const nameKeyOf = (name: string) => normalizeTitle(name).replace(/\s+/g, "");

/** The link's kind as the catalog shows it: a PDF when it is one, else the paper's page. */
function linkOf(url: string): Paper["links"][number] {
  return /\.pdf$|arxiv\.org\/pdf\//i.test(url) ? { url, kind: "pdf" } : { url, kind: "page" };
}

/**
 * The seed's catalog completed from the list: ids on every paper the list names, its link where
 * the seed had none (then it is no longer `unresolved`), and the list's papers the seed lacks.
 */
function withListPapers(
  papers: Paper[],
  categories: Library["categories"],
  list: MliListFacts,
): Paper[] {
  const rows = new Map(list.papers.map((r) => [nameKeyOf(r.name), r]));
  const out = papers.map((p) => {
    const row = rows.get(nameKeyOf(p.short));
    if (!row) return p;
    rows.delete(nameKeyOf(p.short));
    const { unresolved: _unresolved, ...rest } = p;
    const links = p.links.length > 0 || !row.link ? p.links : [linkOf(row.link)];
    const resolved = Object.keys(row.ids).length > 0 || links.length > 0;
    return {
      ...(resolved ? rest : p),
      ids: { ...row.ids, ...p.ids },
      links,
      covered: p.covered || row.covered,
      ...(p.summary || !row.summary ? {} : { summary: row.summary }),
    };
  });
  const taken = new Set(out.map((p) => p.id));
  for (const row of rows.values()) {
    const category = categories.find((c) => nameKeyOf(c.name) === nameKeyOf(row.category));
    let id = slugify(row.name);
    for (let n = 2; taken.has(id); n++) id = `${slugify(row.name)}-${n}`;
    taken.add(id);
    out.push({
      id,
      short: row.name,
      ...(row.year ? { year: row.year } : {}),
      authors: [],
      ids: row.ids,
      links: row.link ? [linkOf(row.link)] : [],
      categories: category ? [category.id] : [],
      tags: [],
      attachments: [],
      ...(row.summary ? { summary: row.summary } : {}),
      covered: row.covered,
      notes: "",
    } as Paper);
  }
  return out;
}

/** An episode's videos: its bilibili one as the seed has it, then YouTube and zhihu from the list. */
function videosOf(row: MliEpisodeRow | undefined, seed: Episode["videos"]): Episode["videos"] {
  const videos = [...seed];
  if (row?.bilibili && !videos.some((v) => v.site === "bilibili")) {
    videos.push({
      site: "bilibili",
      id: row.bilibili,
      url: `https://www.bilibili.com/video/${row.bilibili}/`,
    });
  }
  if (row?.youtube && !videos.some((v) => v.site === "youtube")) {
    videos.push({
      site: "youtube",
      id: row.youtube,
      url: `https://www.youtube.com/watch?v=${row.youtube}`,
    });
  }
  if (row?.zhihu && !videos.some((v) => v.site === "zhihu")) {
    videos.push({ site: "zhihu", id: row.zhihu, url: `https://www.zhihu.com/zvideo/${row.zhihu}` });
  }
  return videos;
}

/**
 * The seed's episodes with the list's links, then the list's episodes the seed lacks (newer ones),
 * numbered on after the seed's in date order; a new episode covers the catalog paper its title
 * starts with (`Llama 3.1论文精读 · 2` → `llama-3-1`).
 */
function withListEpisodes(
  episodes: Episode[],
  papers: Paper[],
  list: MliListFacts,
  courseId: string,
): Episode[] {
  const byBvid = new Map(list.episodes.filter((e) => e.bilibili).map((e) => [e.bilibili, e]));
  const out = episodes.map((ep) => {
    const bvid = ep.videos.find((v) => v.site === "bilibili")?.id;
    const row = bvid ? byBvid.get(bvid) : undefined;
    if (bvid) byBvid.delete(bvid);
    return { ...ep, videos: videosOf(row, ep.videos) };
  });
  const fresh = [...byBvid.values()].sort((a, b) => a.date.localeCompare(b.date));
  let number = Math.max(0, ...out.map((e) => e.number));
  for (const row of fresh) {
    const title = nameKeyOf(row.title);
    const covers = papers.filter((p) => {
      const k = nameKeyOf(p.short);
      return k.length >= 3 && title.startsWith(k);
    });
    const runtime = parseRuntime(row.runtime);
    out.push({
      number: ++number,
      title: row.title,
      ...(runtime === undefined ? {} : { runtime }),
      date: row.date,
      videos: videosOf(row, []),
      papers: covers.map((p) => p.id),
      notes: "",
      courseId,
    } as Episode);
  }
  return out;
}

/** The template library: the seed's facts, completed from the list, with our example notes. */
export function limuTemplate(
  seedText: string,
  listText: string,
  licenseText: string,
): {
  library: Library;
  extraFiles: Map<string, string>;
} {
  const parsed = parseStudyLog(seedText, { file: "limu", courseId: "limu" });
  const course = parsed.course;
  if (!course) throw new Error("the seed has no course");
  const noteOf = new Map<number, string>();
  for (const [paperId, note] of Object.entries(EXAMPLE_NOTES.episodes)) {
    const latest = course.episodes.filter((ep) => ep.papers.includes(paperId)).at(-1);
    if (latest) noteOf.set(latest.number, note);
  }
  const list = mliListFacts(listText);
  const papers = withListPapers(parsed.papers, parsed.categories, list);
  const episodes = withListEpisodes(course.episodes, papers, list, "limu").map((ep) => ({
    ...ep,
    notes: noteOf.get(ep.number) ?? "",
  }));
  const library: Library = {
    settings: {
      title: "论文精读",
      language: "zh",
      version: 1,
      description: "跟李沐学 AI：深度学习论文逐段精读（内置示例库）",
    },
    categories: parsed.categories,
    papers: papers.map((p) => ({ ...p, notes: EXAMPLE_NOTES.papers[p.id] ?? "" })),
    courses: [
      {
        ...course,
        title: "论文精读",
        source: {
          kind: "bilibili",
          id: "BV1H44y1t75x",
          url: "https://www.bilibili.com/video/BV1H44y1t75x/",
        },
        tags: ["机器学习", "深度学习"],
        links: ["https://github.com/mli/paper-reading"],
        state: "in-progress",
        notes: `${EXAMPLE_NOTES.course}\n${MLI_NOTICE}`,
        episodes,
      },
    ],
    progress: { episodes: {}, papers: {} },
    references: [],
  };
  return {
    library,
    extraFiles: new Map([
      ["files/residual-block.svg", RESIDUAL_BLOCK_SVG],
      ["files/mli-paper-reading-LICENSE", licenseText],
    ]),
  };
}

/** All files of the template, path → content. */
export function limuTemplateFiles(
  seedText: string,
  listText: string,
  licenseText: string,
): Map<string, string> {
  const { library, extraFiles } = limuTemplate(seedText, listText, licenseText);
  return new Map([...libraryFiles(library), ...extraFiles]);
}

async function main(): Promise<void> {
  const seed = resolve(process.argv[2] ?? SEED);
  const out = resolve(process.argv[3] ?? join(repo, "templates", "limu"));
  const listFile = resolve(process.argv[4] ?? MLI_LIST);
  const files = limuTemplateFiles(
    await readFile(seed, "utf8"),
    await readFile(listFile, "utf8"),
    await readFile(join(dirname(listFile), "mli-paper-reading-LICENSE"), "utf8"),
  );
  await rm(out, { recursive: true, force: true });
  for (const [path, content] of files) await writeFileAtomic(join(out, path), content);
  process.stdout.write(`wrote ${files.size} files to ${out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
