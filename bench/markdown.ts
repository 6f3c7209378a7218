/**
 * Renders 2,000 generated notes (headings, paragraphs, lists, links, one inline and one display
 * formula each, formulas varied so the cache does not hit everything) with one processor,
 * single-threaded, and prints notes per second.
 * Run: node --import tsx bench/markdown.ts [notes]
 */
import { performance } from "node:perf_hooks";
import { createMarkdownProcessor } from "../src/render/index.js";

const NOTES = Number(process.argv[2] ?? 2000);

const INLINE = [
  (i: number) => `x_{${i}}^2 + y_{${i % 7}}`,
  (i: number) => `\\frac{${i}}{n+${i % 13}}`,
  (i: number) => `\\sum_{k=1}^{${i}} k^{${i % 5}}`,
  (i: number) => `\\alpha_{${i}} \\cdot \\beta`,
  () => `\\mathcal{L}(\\theta)`,
];
const DISPLAY = [
  (i: number) =>
    `V(G, D) = \\int_x p_{data}(x) \\log D(x) dx + ${i} \\\\\n  = \\int_z p_z(z) \\log (1 - D(G(z))) dz`,
  (i: number) =>
    `\\mathcal{L}_q=-\\log \\frac{\\exp(q \\cdot k_{+} / \\tau)}{\\sum_{i=0}^{${i}} \\exp(q \\cdot k_i / \\tau)}`,
  (i: number) =>
    `P\\left(w_i \\mid w_1, \\ldots, w_{${i}}\\right) \\text{ 和 } y = \\frac{a}{a + ${i}}`,
  () => `D_{KL}(P||Q) = E_{x \\sim P} [\\log (\\frac{P(x)}{Q(x)})]`,
];

function note(i: number): string {
  const inline = INLINE[i % INLINE.length]?.(i) ?? "x";
  const display = DISPLAY[i % DISPLAY.length]?.(i % 500) ?? "y";
  return `# 第 ${i} 篇论文笔记

## 摘要 ${i}

残差连接让深层网络可以训练，见 [ResNet](https://arxiv.org/abs/1512.03385) 和
[讲解视频](https://www.bilibili.com/video/BV1H44y1t75x/)。损失为 $${inline}$，**注意**归一化。

- 第一点：*title* → abstract → intro
- 第二点：\`code\` 与 [[resnet]]
- 第三点：<https://github.com/mli/paper-reading>

$$
${display}
$$

### 实验

| 模型 | Top-1 |
|---|--:|
| ResNet-${i % 152} | ${(70 + (i % 10)).toFixed(1)} |

1. 在 46:18 讲到 ImageNet，
2. 最后的结论。
`;
}

const notes = Array.from({ length: NOTES }, (_, i) => note(i));
const context = {
  file: "bench.md",
  kind: "episode" as const,
  episodeVideo: { site: "bilibili" as const, id: "BV1H44y1t75x" },
  resolveItem: (ref: string) => ({ href: `/papers/${ref}/`, title: ref }),
};

function run(label: string, sanitize: "raw-html" | "always"): void {
  // A fresh processor per run: its formula cache starts empty.
  const md = createMarkdownProcessor({ sanitize });
  const results = [];
  const start = performance.now();
  for (const text of notes) results.push(md.render(text, context));
  const ms = performance.now() - start;

  let formulas = 0;
  let bytes = 0;
  for (const result of results) {
    if (result.diagnostics.length > 0) throw new Error(JSON.stringify(result.diagnostics[0]));
    bytes += result.html.length;
    for (let at = result.html.indexOf('class="katex"'); at !== -1; formulas++) {
      at = result.html.indexOf('class="katex"', at + 1);
    }
  }
  const rate = Math.round((NOTES / ms) * 1000);
  console.log(
    `${label}: ${NOTES} notes, ${formulas} formulas, ${(bytes / 1e6).toFixed(1)} MB HTML: ` +
      `${ms.toFixed(0)} ms = ${rate} notes/s single-threaded`,
  );
}

run("markdown (sanitize raw-html)", "raw-html");
run("markdown (sanitize always)  ", "always");
