import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";
import { siteOfHost } from "./site-table.js";

const md = createMarkdownProcessor();
const render = (text: string) => md.render(text, { file: "a.md", kind: "course" });

describe("site badges", () => {
  it("tags a bilibili link with its site, rel and a label", () => {
    const { html } = render("[大白话讲 GAN](https://www.bilibili.com/video/BV1jh411472S/)");
    expect(html).toBe(
      '<p><a href="https://www.bilibili.com/video/BV1jh411472S/" class="ext" ' +
        'rel="noopener noreferrer" data-site="bilibili">大白话讲 GAN' +
        '<span class="site-label">bilibili</span></a></p>\n',
    );
  });

  it.each([
    ["https://alberthg.github.io/2018/05/05/introduction-gan/", "github"],
    ["https://github.com/mli/paper-reading", "github"],
    ["https://arxiv.org/pdf/1512.03385", "arxiv"],
    ["https://zhuanlan.zhihu.com/p/418174496", "zhihu"],
    ["https://blog.csdn.net/zcyzcyjava/article/details/127006287", "csdn"],
    ["https://mp.weixin.qq.com/s/abc", "weixin"],
    ["https://www.cnblogs.com/x/p/1.html", "cnblogs"],
    ["https://openreview.net/forum?id=YicbFdNTTy", "openreview"],
    ["https://www.semanticscholar.org/paper/abc", "semanticscholar"],
    ["https://youtu.be/nzqlFIcCSWQ", "youtube"],
  ])("knows %s as %s", (url, site) => {
    expect(render(`<${url}>`).html).toContain(`data-site="${site}"`);
  });

  it("marks an unknown external host as external without a site", () => {
    const { html } = render("[x](https://example.org/a)");
    expect(html).toContain('class="ext" rel="noopener noreferrer">x</a>');
    expect(html).not.toContain("data-site");
    expect(html).not.toContain("site-label");
  });

  it("leaves relative and fragment links alone", () => {
    const { html, links } = render("[a](/papers/resnet/) [b](#top) [c](mailto:a@b.c)");
    expect(html).not.toContain("ext");
    expect(links).toEqual([]);
  });

  it("collects external links once, in order", () => {
    const { links } = render(
      "[a](https://b.example/1) <https://a.example/> [again](https://b.example/1) ![i](https://img.example/i.png)",
    );
    expect(links).toEqual(["https://b.example/1", "https://a.example/"]);
  });

  it("does not take a look-alike host for a known site", () => {
    expect(siteOfHost("notbilibili.com")).toBeUndefined();
    expect(siteOfHost("bilibili.com.evil.example")).toBeUndefined();
    expect(siteOfHost("WWW.BILIBILI.COM")?.site).toBe("bilibili");
  });
});
