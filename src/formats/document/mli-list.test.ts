/**
 * The list the seed copies (../shared/fixtures/lists/mli-paper-reading-README.md, Apache-2.0):
 * every column of it must arrive. Needs ../shared; skips, saying so, when it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDocument } from "./import-document.js";

const LIST = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "..",
  "shared",
  "fixtures",
  "lists",
  "mli-paper-reading-README.md",
);
const HAS_LIST = existsSync(LIST);

if (!HAS_LIST) describe("the mli list", () => it.skip(`../shared is missing (${LIST})`, () => {}));

describe.skipIf(!HAS_LIST)("the mli list", () => {
  const text = HAS_LIST ? readFileSync(LIST, "utf8") : "";
  const origin = "https://raw.githubusercontent.com/mli/paper-reading/main/";
  const r = importDocument(text, { file: "README.md", courseId: "limu", origin });
  const episodes = r.course?.episodes ?? [];
  const rows = text.split("\n").filter((l) => /^\| \d+\/\d+\/\d+ \|/.test(l));

  it("is a study log: 59 episodes, each with its bilibili link, YouTube/zhihu where the row has them", () => {
    expect(r.kind).toBe("study-log");
    expect(episodes).toHaveLength(59);
    for (const e of episodes)
      expect(e.videos.some((v) => v.site === "bilibili" && v.id)).toBe(true);
    const youtubeRows = rows.filter((l) => /youtu\.?be/.test(l)).length;
    const zhihuRows = rows.filter((l) => /zhihu\.com\/zvideo/.test(l)).length;
    expect(episodes.filter((e) => e.videos.some((v) => v.site === "youtube"))).toHaveLength(
      youtubeRows,
    );
    expect(episodes.filter((e) => e.videos.some((v) => v.site === "zhihu"))).toHaveLength(
      zhihuRows,
    );
  });

  it("keeps every cover, resolved against the origin", () => {
    expect(episodes.filter((e) => e.cover)).toHaveLength(59);
    expect(episodes.at(-1)?.cover).toBe(`${origin}imgs/llama3-process.jpg`);
    const bare = importDocument(text, { file: "README.md", courseId: "limu" });
    expect(bare.course?.episodes.at(-1)?.cover).toBe("imgs/llama3-process.jpg");
    expect(bare.diagnostics.find((d) => d.rule === "cover-relative")?.message).toMatch(/^59 /);
  });

  it("has 90 papers in 12 categories, 59 ✅, 90 with an S2 id, an arXiv id for every arXiv link", () => {
    expect(r.papers).toHaveLength(90);
    expect(r.categories).toHaveLength(12);
    expect(r.papers.filter((p) => p.covered)).toHaveLength(59);
    expect(r.papers.filter((p) => /^[0-9a-f]{40}$/.test(p.ids.s2 ?? ""))).toHaveLength(90);
    const arxivLinked = r.papers.filter((p) => p.links.some((l) => /arxiv\.org/.test(l.url)));
    expect(arxivLinked.length).toBeGreaterThan(60);
    for (const p of arxivLinked) expect(p.ids.arxiv, p.id).toMatch(/^\d{4}\.\d{4,5}$/);
    expect(r.papers.find((p) => p.id === "resnet")?.ids).toEqual({
      arxiv: "1512.03385",
      s2: "2c03df8b48bf3fa39054345bafabfeff15bfd11d",
    });
  });

  it("reports the stated 67/32 against the tables' 90/59", () => {
    expect(r.stats.stated).toEqual({ papers: 67, covered: 32 });
    expect(r.diagnostics.some((d) => d.rule === "stated-count-mismatch")).toBe(true);
  });

  it("keeps the footnote's works and the title links outside the catalog with their URLs", () => {
    const transformer = episodes.find((e) => e.title.startsWith("Transformer"));
    expect(transformer?.mentions).toContain(
      "斯坦福100+作者的200+页综述 <https://arxiv.org/abs/2108.07258>",
    );
    const gpt4 = episodes.find((e) => e.title === "GPT-4");
    expect(gpt4?.mentions).toEqual(["GPT-4 <https://openai.com/research/gpt-4>"]);
    const outside = episodes.filter((e) => (e.mentions ?? []).some((m) => /<https?:/.test(m)));
    expect(outside.length).toBeGreaterThanOrEqual(15);
  });

  it("accounts for every line: only two rows name text in the report", () => {
    expect(r.coverage.dropped).toEqual([44, 60]);
    expect(r.coverage.textLines).toBeGreaterThan(170);
  });
});
