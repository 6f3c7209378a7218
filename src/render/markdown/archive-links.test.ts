import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";
import type { ArchivedLink } from "./render-env.js";

const md = createMarkdownProcessor();
const archive = (url: string): ArchivedLink | undefined =>
  url === "https://zhuanlan.zhihu.com/p/418174496"
    ? {
        href: "/snapshots/objects/ab/ab12.html",
        label: "存档",
        title: "存档于 2025-12-01",
        preferSnapshot: false,
        liveLabel: "原链接",
      }
    : url === "https://dead.example/gone"
      ? {
          href: "/snapshots/objects/cd/cd34.html",
          label: "存档",
          title: "存档于 2025-11-02",
          preferSnapshot: true,
          liveLabel: "原链接（已失效）",
        }
      : undefined;

describe("archived copies of cited links", () => {
  it("adds a small link to the snapshot after a live link", () => {
    const { html } = md.render("暗通道去雾 <https://zhuanlan.zhihu.com/p/418174496>", {
      file: "n.md",
      kind: "paper",
      archive,
    });
    expect(html).toContain('href="https://zhuanlan.zhihu.com/p/418174496"');
    expect(html).toContain(
      '<a class="archived-link" href="/snapshots/objects/ab/ab12.html" title="存档于 2025-12-01" rel="noopener noreferrer">存档</a>',
    );
  });

  it("points a dead link at its snapshot first and keeps the live URL after it", () => {
    const { html, links } = md.render(
      "见 [旧文章](https://dead.example/gone)。<b>raw html too</b>",
      { file: "n.md", kind: "paper", archive },
    );
    expect(html).toMatch(
      /<a href="\/snapshots\/objects\/cd\/cd34\.html" class="ext dead"[^>]*>旧文章<\/a>/,
    );
    expect(html).toContain('<a class="live-link" href="https://dead.example/gone"');
    expect(html).toContain("原链接（已失效）");
    expect(links).toEqual(["https://dead.example/gone"]);
  });

  it("leaves links without a snapshot as they were", () => {
    const { html } = md.render("[x](https://a.org/p)", { file: "n.md", kind: "paper", archive });
    expect(html).not.toContain("archived-link");
  });
});
