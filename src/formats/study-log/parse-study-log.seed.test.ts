import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Episode } from "../../core/index.js";
import { parseStudyLog } from "./parse-study-log.js";
import type { StudyLogImport } from "./types.js";

const SEED = fileURLToPath(
  new URL("../../../../shared/seeds/000_f6b501323f8e2232.txt", import.meta.url),
);
const FILE = "000_f6b501323f8e2232.txt";
const suite = existsSync(SEED) ? describe : describe.skip;
const title = existsSync(SEED)
  ? "the real study log (seed)"
  : `the real study log (seed) — SKIPPED: ../shared is missing (${SEED} not found)`;

suite(title, () => {
  let result: StudyLogImport;
  let episodes: Episode[];
  const byTitle = (start: string): Episode => {
    const found = episodes.find((e) => e.title.startsWith(start));
    if (!found) throw new Error(`no episode titled ${start}…`);
    return found;
  };
  const sectionOf = (e: Episode) => result.matches.find((m) => m.number === e.number);

  beforeAll(() => {
    result = parseStudyLog(readFileSync(SEED, "utf8"), { file: FILE });
    episodes = result.course?.episodes ?? [];
  });

  it("reads the course from the front matter: title, in progress, tags, links, source", () => {
    const course = result.course;
    expect(course?.title).toBe("机器学习 -- 跟李沐学 AI【论文精读】");
    expect(course?.state).toBe("in-progress");
    expect(course?.tags).toEqual(["机器学习", "机器学习课程", "review"]);
    expect(course?.links).toEqual([
      "https://www.bilibili.com/video/BV1H44y1t75x/",
      "https://github.com/mli/paper-reading",
    ]);
    expect(course?.source).toEqual({
      kind: "import",
      id: FILE,
      url: "https://www.bilibili.com/video/BV1H44y1t75x/",
    });
    expect(result.settings).toEqual({
      title: "机器学习 -- 跟李沐学 AI【论文精读】",
      language: "zh",
    });
    expect(course?.notes.startsWith("AI 论文精读")).toBe(true);
  });

  it("has 54 episodes, one per table row, each with date, runtime and a bilibili BVID", () => {
    expect(episodes).toHaveLength(54);
    expect(episodes.map((e) => e.number)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
    for (const e of episodes) {
      expect(e.date).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(e.runtime).toBeGreaterThan(0);
      expect(e.videos[0]?.site).toBe("bilibili");
      expect(e.videos[0]?.id).toMatch(/^BV[0-9A-Za-z]{10}$/);
    }
    const dates = episodes.map((e) => e.date ?? "");
    expect([...dates].sort()).toEqual(dates);
  });

  it("numbers episodes oldest first: episode 1 is 如何读论文, 2021-10-06, 399 s", () => {
    expect(episodes[0]).toMatchObject({
      number: 1,
      title: "如何读论文",
      date: "2021-10-06",
      runtime: 399,
    });
    expect(episodes[0]?.videos[0]?.id).toBe("BV1H44y1t75x");
    expect(episodes[53]).toMatchObject({ title: "GPT-4", date: "2023-03-30", runtime: 4838 });
  });

  it("matches all 53 sections, each to the right row; one row has no section", () => {
    expect(result.stats).toMatchObject({
      sections: 53,
      matchedSections: 53,
      unmatchedSections: 0,
      tableRows: 54,
      episodes: 54,
    });
    const alexUp = byTitle("9 年后重读深度学习奠基作之一：AlexNet");
    expect(sectionOf(alexUp)?.sectionTitle).toBe("9 年后重读深度学习奠基作之一：AlexNet【上】");
    expect(alexUp.runtime).toBe(19 * 60 + 59);
    expect(sectionOf(alexUp)?.runtimeSeen).toBe(18 * 60 + 59);
    const alexDown = byTitle("AlexNet 论文逐段精读");
    expect(sectionOf(alexDown)?.sectionTitle).toBe("9 年后重读深度学习奠基作之一：AlexNet【下】");
    const gpt = byTitle("GPT, GPT-2, GPT-3");
    expect(sectionOf(gpt)?.sectionTitle).toBe("GPT，GPT-2，GPT-3 论文精读");
    const whisper = byTitle("OpenAI Whisper 精读");
    expect(whisper.date).toBe("2022-11-14");
    expect(sectionOf(whisper)?.sectionTitle).toBe("OpenAI Whisper 精读");
    expect(sectionOf(byTitle("指导数学直觉"))?.sectionTitle).toBe(
      "Deepmind 用机器学习指导数学直觉论文逐段精读",
    );
    expect(sectionOf(byTitle("跟读者建立联系"))?.sectionTitle).toBe(
      "一 · 跟读者建立联系【论文写作】",
    );
    const withoutSection = result.matches.filter((m) => m.sectionLine === undefined);
    expect(withoutSection).toHaveLength(1);
    expect(episodes[(withoutSection[0]?.number ?? 0) - 1]?.title).toBe(
      "在讲 OpenAI Whisper 前先做了一个剪视频小工具",
    );
  });

  it("reports runtimes that differ from the table by more than 5 s, at the section's line", () => {
    const mismatches = result.diagnostics.filter((d) => d.rule === "runtime-mismatch");
    expect(mismatches.map((d) => d.line)).toEqual([36, 335, 534]);
    expect(mismatches.every((d) => d.file === FILE)).toBe(true);
  });

  it("gives 18 episodes notes, with math, figures and no Liquid or runtime lines", () => {
    expect(result.stats.episodesWithNotes).toBe(18);
    const gan = byTitle("GAN 逐段精读");
    expect(gan.notes).toContain(String.raw`D(x)^* = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}`);
    expect(gan.notes).toContain(String.raw`\text{ 取其对应极大值。}`);
    expect(gan.notes).not.toMatch(/^46:18$/m);
    expect(gan.notes).toContain(
      "[数学基础 —— 生成模型必备知识](https://www.bilibili.com/video/BV1Hw4m117Ka/)",
    );
    expect(byTitle("Swin Transformer").notes).toContain("![网络结构对比](");
    expect(byTitle("MoCo").notes).toContain(String.raw`\mathcal{L}_q`);
    expect(byTitle("CLIP 逐段精读").notes).toContain("<li>itap of a {}.</li>");
    expect(byTitle("如何找研究想法 1").notes).toContain("### 暗通道先验去雾算法");
    for (const e of episodes) {
      expect(e.notes).not.toContain("{%");
      expect(e.notes).not.toContain("reviewtip");
    }
    expect(result.course?.notes).not.toContain("{%");
    expect(result.course?.notes).not.toContain("参考资料快照");
  });

  it("links episodes to the catalog papers they name", () => {
    expect(byTitle("GPT, GPT-2, GPT-3").papers).toEqual(["gpt", "gpt-2", "gpt-3"]);
    expect(byTitle("ResNet 论文逐段精读").papers).toEqual(["resnet"]);
    expect(byTitle("零基础多图详解").papers).toEqual(["图神经网络介绍"]);
    expect(byTitle("参数服务器").papers).toEqual(["参数服务器"]);
    expect(byTitle("MoCo").papers).toEqual(["mocov1"]);
    expect(byTitle("OpenAI Codex").papers).toEqual(["codex"]);
    expect(byTitle("DALL·E 2").papers).toEqual(["dall-e-2"]);
    expect(byTitle("对比学习").papers).toEqual([]);
    expect(byTitle("Transformer 逐段精读").mentions).toEqual([
      "斯坦福 100+ 作者的 200+ 页综述",
      "对 LayerNorm 的新研究",
      "对 Attention 在 Transformer 里面作用的研究",
    ]);
    expect(byTitle("Transformer 逐段精读").notes).toBe("");
    const missing = result.diagnostics.filter((d) => d.rule === "paper-not-in-catalog");
    expect(missing.map((d) => d.message).join("\n")).toContain("Helm");
  });

  it("reads the catalog: 89 papers in 12 categories, 58 covered", () => {
    expect(result.stats).toMatchObject({ papers: 89, categories: 12, covered: 58 });
    expect(result.papers).toHaveLength(89);
    expect(result.categories[0]).toEqual({
      id: "计算机视觉-cnn",
      name: "计算机视觉 - CNN",
      order: 0,
    });
    const contrastive = result.categories.find((c) => c.name === "计算机视觉 - 对比学习");
    expect(contrastive?.aliases).toEqual(["contrastive_learning"]);
    const alexnet = result.papers.find((p) => p.id === "alexnet");
    expect(alexnet).toMatchObject({ short: "AlexNet", year: 2012, covered: true });
    expect(alexnet?.links[0]?.kind).toBe("pdf");
    const vgg = result.papers.find((p) => p.id === "vgg");
    expect(vgg).toMatchObject({ short: "VGG", unresolved: true, covered: false, links: [] });
    const vggLine = result.diagnostics.find(
      (d) => d.rule === "unresolved-reference" && d.message.includes("VGG"),
    );
    expect(vggLine?.line).toBe(670);
    expect(new Set(result.papers.map((p) => p.id)).size).toBe(89);
  });

  it("reports the stale stated counts (67 / 32) at their line", () => {
    expect(result.stats.stated).toEqual({ papers: 67, covered: 32 });
    const d = result.diagnostics.find((x) => x.rule === "stated-count-mismatch");
    expect(d).toMatchObject({ level: "warning", line: 661, file: FILE });
  });

  it("maps the 参考资料快照 list to references with archived paths", () => {
    expect(result.references.length).toBeGreaterThanOrEqual(90);
    expect(result.references).toContainEqual({
      url: "https://zhuanlan.zhihu.com/p/418174496",
      archived: "/backup/2024-07-09-ml-DL-limu.md/zhuanlan.zhihu.com/bec1f496.html",
      origin: FILE,
    });
  });

  it("gives every diagnostic the file and a 1-based line", () => {
    for (const d of result.diagnostics) {
      expect(d.file).toBe(FILE);
      expect(d.line).toBeGreaterThanOrEqual(1);
    }
    expect(result.diagnostics.filter((d) => d.level === "error")).toEqual([]);
  });
});
