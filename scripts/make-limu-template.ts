/**
 * Regenerates `templates/limu/` — the built-in 论文精读 demo library — from the seed study log.
 * The template keeps the seed's facts (catalog: names, years, links, categories, summaries;
 * episodes: titles, dates, runtimes, BVIDs, covered papers) but none of the learner's notes:
 * those stay in the seed. The example notes below are our own, written to show what a note holds.
 *
 * Run: node --import tsx scripts/make-limu-template.ts [SEED] [OUT]
 * `test/limu-template.test.ts` fails when the committed template drifts from this script's output.
 */
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/base/index.js";
import type { Library } from "../src/core/index.js";
import { parseStudyLog } from "../src/formats/index.js";
import { libraryFiles } from "../src/store/serialize.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SEED = join(repo, "..", "shared", "seeds", "000_f6b501323f8e2232.txt");

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

/** The template library: the seed's facts with our example notes instead of the learner's. */
export function limuTemplate(seedText: string): {
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
  const episodes = course.episodes.map((ep) => ({ ...ep, notes: noteOf.get(ep.number) ?? "" }));
  const library: Library = {
    settings: {
      title: "论文精读",
      language: "zh",
      version: 1,
      description: "跟李沐学 AI：深度学习论文逐段精读（内置示例库）",
    },
    categories: parsed.categories,
    papers: parsed.papers.map((p) => ({ ...p, notes: EXAMPLE_NOTES.papers[p.id] ?? "" })),
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
        notes: EXAMPLE_NOTES.course,
        episodes,
      },
    ],
    progress: { episodes: {}, papers: {} },
    references: [],
  };
  return { library, extraFiles: new Map([["files/residual-block.svg", RESIDUAL_BLOCK_SVG]]) };
}

/** All files of the template, path → content. */
export function limuTemplateFiles(seedText: string): Map<string, string> {
  const { library, extraFiles } = limuTemplate(seedText);
  return new Map([...libraryFiles(library), ...extraFiles]);
}

async function main(): Promise<void> {
  const seed = resolve(process.argv[2] ?? SEED);
  const out = resolve(process.argv[3] ?? join(repo, "templates", "limu"));
  const files = limuTemplateFiles(await readFile(seed, "utf8"));
  await rm(out, { recursive: true, force: true });
  for (const [path, content] of files) await writeFileAtomic(join(out, path), content);
  process.stdout.write(`wrote ${files.size} files to ${out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
