/** A generated library for the split search tests: English and Chinese notes, a few hundred items. */

import { createRandom as random } from "../../bench/paper-library.js";
import type { Library } from "../../src/core/index.js";
import { makeCourse, makeEpisode, makeLibrary, makePaper } from "../../src/core/make-items.js";

const EN = [
  "residual",
  "attention",
  "transformer",
  "gradient",
  "network",
  "kernel",
  "sparse",
  "diffusion",
  "contrastive",
  "retrieval",
  "token",
  "layer",
];
const ZH = [
  "残差网络",
  "注意力机制",
  "梯度下降",
  "卷积神经",
  "扩散模型",
  "对比学习",
  "检索增强",
  "稀疏注意",
  "语言模型",
  "强化学习",
];

export function splitLibrary(papers: number, seed = 7): Library {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => (r() < 0.5 ? pick(EN) : pick(ZH)));
  const list = Array.from({ length: papers }, (_, i) =>
    makePaper({
      id: `p${i}`,
      short: `P${i} ${pick(EN)}`,
      title: `${words(3).join(" ")}`,
      summary: r() < 0.5 ? `${pick(ZH)}的${pick(ZH)}` : "",
      tags: r() < 0.3 ? [pick(EN)] : [],
      notes: `## Notes\n\n${words(20).join(" ")}。本文讨论${pick(ZH)}与${pick(ZH)}。\n\n${words(30).join(", ")}`,
    }),
  );
  const course = makeCourse({
    id: "course",
    title: "精读 course",
    episodes: Array.from({ length: 20 }, (_, n) =>
      makeEpisode({
        courseId: "course",
        number: n + 1,
        title: `${pick(ZH)} ${pick(EN)}`,
        notes: words(25).join(" "),
      }),
    ),
  });
  return makeLibrary({ papers: list, courses: [course] });
}

/** Twenty queries: English words and prefixes, 1-, 2- and 4-character Chinese, and mixed. */
export const QUERIES = [
  "residual",
  "attention",
  "transformer network",
  "gradient",
  "kern",
  "sparse diffusion",
  "残",
  "注",
  "学",
  "模",
  "残差",
  "注意",
  "模型",
  "学习",
  "残差网络",
  "注意力机",
  "扩散模型",
  "检索增强",
  "残差 residual",
  "语言模型 token",
];
