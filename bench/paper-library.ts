/**
 * A deterministic library of N papers with short notes (one formula each), in `categories`
 * categories, plus one 20-episode course: the library `bench:serve` and `bench:scale` measure.
 * Titles, summaries and notes are drawn from a small vocabulary with Chinese words (`残差`), so
 * every search term of the benches has many hits.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a seeded PRNG, so every run generates the same library. */
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

/** The vocabulary of titles, summaries and notes. */
export const WORDS =
  "residual attention transformer convolution embedding gradient optimizer dropout batch layer norm encoder decoder token pretraining contrastive diffusion sampling variance kernel 残差 注意力 卷积 扩散 对比学习".split(
    " ",
  );

/** `n` zero-padded to `w` digits: paper ids are `p00042`. */
export const pad = (n: number, w = 5) => String(n).padStart(w, "0");

/** The id of the `i`th paper: `p00042` (wider past 100,000 papers). */
export const paperId = (i: number, papers: number) =>
  `p${pad(i, Math.max(5, String(papers - 1).length))}`;

/**
 * Writes the library into `root`: `papers` paper files with notes, paper i in category
 * `c{i % categories}`, and the course `bench` whose episode n covers paper n.
 * @example writePaperLibrary("/tmp/lib", { papers: 20_000, categories: 40 })
 */
export function writePaperLibrary(
  root: string,
  opts: { papers: number; categories: number; seed?: number },
): void {
  const { papers, categories } = opts;
  const random = createRandom(opts.seed ?? 20240709);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  mkdirSync(join(root, "papers"), { recursive: true });
  mkdirSync(join(root, "courses", "bench", "episodes"), { recursive: true });
  writeFileSync(join(root, "jingdu.yaml"), "title: Bench\nlanguage: en\nversion: 1\n");
  writeFileSync(
    join(root, "categories.yaml"),
    Array.from(
      { length: categories },
      (_, i) => `- id: c${pad(i, 2)}\n  name: Category ${i}\n`,
    ).join(""),
  );
  writeFileSync(join(root, "progress.yaml"), "episodes: {}\npapers: {}\n");
  for (let i = 0; i < papers; i++) {
    const id = paperId(i, papers);
    const note = `## Notes\n\n${sentence(30)}.\n\nThe loss is $x_{${i % 97}}^2 + ${i % 13}$ and ${sentence(20)}.\n\n- ${sentence(8)}\n- ${sentence(8)}\n`;
    writeFileSync(
      join(root, "papers", `${id}.md`),
      `---\nshort: Paper ${i}\ntitle: ${sentence(6)} ${i}\nyear: ${1990 + (i % 35)}\ncategories: [c${pad(i % categories, 2)}]\nsummary: ${sentence(10)}\n---\n${note}`,
    );
  }
  writeFileSync(join(root, "courses", "bench", "course.md"), "---\ntitle: Bench course\n---\n");
  for (let n = 1; n <= 20; n++) {
    writeFileSync(
      join(root, "courses", "bench", "episodes", `${pad(n, 3)}.md`),
      `---\nnumber: ${n}\ntitle: Episode ${n}\nruntime: "40:00"\npapers: [${paperId(n, papers)}]\n---\n${sentence(40)} at 12:34.\n`,
    );
  }
}
