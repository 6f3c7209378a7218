import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import {
  SEED_SKIP_REASON,
  seedAvailable,
  seedLibrary,
} from "../../test/fixtures/site/seed-library.js";
import { hostileModel, urlPayloads } from "../../test/fixtures/xss/url-corpus.js";
import { renderReadme } from "./readme.js";

const now = () => new Date("2024-07-10T08:00:00Z");
const isRow = (line: string) =>
  line.startsWith("| ") && !/^\| (---|日期|已录制|Date|Covered) /.test(line);

/** Splits the README at `## ` headings into named parts. */
function parts(md: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = "";
  for (const line of md.split("\n")) {
    if (line.startsWith("## ")) current = line.slice(3);
    out.set(current, [...(out.get(current) ?? []), line]);
  }
  return out;
}

(seedAvailable ? describe : describe.skip)(
  `jingdu readme on the seed${seedAvailable ? "" : ` — ${SEED_SKIP_REASON}`}`,
  () => {
    const library = seedAvailable ? seedLibrary() : undefined;
    const md = library ? renderReadme(library, { now }) : "";
    const all = parts(md);

    it("has 54 episode rows, newest first", () => {
      const rows = (all.get(library?.courses[0]?.title ?? "") ?? []).filter(isRow);
      expect(rows).toHaveLength(54);
      expect(rows[0]).toMatch(/^\| 2023-03-30 \| GPT-4/);
      expect(rows[53]).toMatch(/^\| 2021-10-06 \| 如何读论文/);
    });

    it("has 89 catalog rows in 12 sections, and the computed totals 89 / 58", () => {
      const catalog = all.get("所有论文") ?? [];
      expect(catalog.filter((l) => l.startsWith("### "))).toHaveLength(12);
      expect(catalog.filter(isRow)).toHaveLength(89);
      expect(catalog.filter((l) => l.startsWith("| ✅ |"))).toHaveLength(58);
      expect(md).toContain("论文总数 / 录制完成数: 89 / 58\n");
      // The seed's own text states 67 / 32; the README never copies it.
      expect(md).not.toContain("67 / 32");
      expect(md).not.toContain("总论文数 67");
    });

    it("recomputes the totals when the library changes", () => {
      if (!library) return;
      const fewer = { ...library, papers: library.papers.filter((p) => p.id !== "resnet") };
      expect(renderReadme(fewer, { now })).toContain(": 88 / 57\n");
    });

    it("uses no live badges", () => {
      expect(md).not.toMatch(/shields\.io|img\.shields|!\[/);
    });
  },
);

describe("renderReadme on a hand-built library", () => {
  it("escapes | in cells and prints counts as plain numbers with their date", () => {
    const md = renderReadme(fixtureLibrary("en"), {
      now,
      metrics: (kind, id) =>
        kind === "paper" && id === "resnet"
          ? { value: 212345, asOf: "2024-07-01" }
          : kind === "video" && id === "BV1P3411y7nn"
            ? { value: 98765, asOf: "2024-07-02" }
            : undefined,
    });
    expect(md).toContain(
      "| ✅ | 2015 | [ResNet](https://arxiv.org/pdf/1512.03385) | 残差连接 \\| shortcut | 212345 (2024-07-01) |",
    );
    expect(md).toContain(
      "[bilibili](https://www.bilibili.com/video/BV1P3411y7nn/) 98765 (2024-07-02)",
    );
    expect(md).toContain("|  |  | 参数服务器 |  | — |");
    expect(md).toContain("## All papers");
    expect(md).toContain("Papers / covered: 3 / 2\n");
  });
});

describe("jingdu readme with hostile URLs (a model built past the loader)", () => {
  const payloads = urlPayloads();
  const md = renderReadme(hostileModel(payloads), { now });
  // A previewer that trusts every link (markdown-it with its own check off): what it links is
  // what the README itself says.
  const previewer = new MarkdownIt();
  previewer.validateLink = () => true;
  const hrefs = [...previewer.render(md).matchAll(/href="([^"]*)"/g)].map((m) =>
    (m[1] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"'),
  );

  it("writes no link to a refused URL: its label stays, as text", () => {
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/\s/g, ""));
      if (scheme) expect(["http", "https", "mailto"], href).toContain(scheme[1]?.toLowerCase());
    }
    expect(md).toContain("| XSS 1 |");
  });

  it("keeps an allowed URL with spaces or parentheses inside one link destination", () => {
    expect(md).toContain("(<https://a.example/x)%20[y](javascript:top.__xss=1>)");
    expect(hrefs).toContain("https://a.example/x)%20%5By%5D(javascript:top.__xss=1");
  });
});
