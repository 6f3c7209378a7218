import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";

const md = createMarkdownProcessor();
const render = (text: string) => md.render(text, { file: "a.md", kind: "course" });

describe("heading anchors", () => {
  it("gives headings CJK-keeping ids, a # link and a toc", () => {
    const { html, toc } = render("## 如何读论文 06:39\n\n### ResNet `code` $x^2$\n");
    expect(html).toContain(
      '<h2 id="如何读论文-06-39">如何读论文 06:39 <a class="anchor" href="#如何读论文-06-39" aria-hidden="true">#</a></h2>',
    );
    expect(toc).toEqual([
      { level: 2, id: "如何读论文-06-39", text: "如何读论文 06:39" },
      { level: 3, id: "resnet-code-x-2", text: "ResNet code x^2" },
    ]);
  });

  it("makes ids unique within a note", () => {
    const { toc } = render("# Intro\n\n## Intro\n\nIntro\n---\n\n## !!!\n\n## ???");
    expect(toc.map((e) => e.id)).toEqual(["intro", "intro-2", "intro-3", "section", "section-2"]);
  });

  it("starts over in every note", () => {
    render("# Same");
    expect(render("# Same").toc[0]?.id).toBe("same");
  });
});
