import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";

const md = createMarkdownProcessor();
const render = (text: string) => md.render(text, { file: "a.md", kind: "paper" }).html;

describe("figures", () => {
  it("makes an image alone in its paragraph a figure captioned by its alt", () => {
    expect(render("![网络结构对比](images/swin.webp)")).toBe(
      '<figure><img src="images/swin.webp" alt="网络结构对比" loading="lazy" decoding="async">' +
        "<figcaption>网络结构对比</figcaption></figure>\n",
    );
  });

  it("leaves out the caption when the alt is empty", () => {
    const html = render("![](/assets/images/20240712200220.png)");
    expect(html).toContain("<figure><img");
    expect(html).not.toContain("figcaption");
  });

  it("keeps an image inside a sentence inline", () => {
    const html = render("see ![icon](i.png) here");
    expect(html).toBe(
      '<p>see <img src="i.png" alt="icon" loading="lazy" decoding="async"> here</p>\n',
    );
  });

  it("renders Markdown in the caption and plain text in the alt", () => {
    const html = render('![**ResNet** block $F(x)+x$](r.png "title")');
    expect(html).toContain('alt="ResNet block F(x)+x"');
    expect(html).toContain('title="title"');
    expect(html).toMatch(/<figcaption><strong>ResNet<\/strong> block <span class="katex">/);
  });

  it("does not make a figure of an image that is a link", () => {
    expect(render("[![a](a.png)](https://example.com)")).not.toContain("<figure>");
  });

  it("escapes the caption", () => {
    const html = render('![a < b & "c"](a.png)');
    expect(html).toContain('alt="a &lt; b &amp; &quot;c&quot;"');
    expect(html).toContain("<figcaption>a &lt; b &amp; &quot;c&quot;</figcaption>");
  });
});
