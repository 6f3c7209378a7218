import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";
import type { RenderContext, ResolvedItem } from "./render-env.js";

const items: Record<string, ResolvedItem> = {
  resnet: { href: "/papers/resnet/", title: "ResNet" },
  vgg: { href: "/papers/vgg/", title: "VGG" },
  "limu/7": { href: "/courses/limu/7/", title: "Transformer 逐段精读" },
};
const context: RenderContext = {
  file: "papers/gan.md",
  kind: "paper",
  resolveItem: (ref) => items[ref],
};
const md = createMarkdownProcessor();
const render = (text: string) => md.render(text, context);

describe("library links", () => {
  it("links [[id]] with the item's title", () => {
    expect(render("see [[resnet]].").html).toBe(
      '<p>see <a class="xref" href="/papers/resnet/">ResNet</a>.</p>\n',
    );
  });

  it("uses the label of [[id|label]] and links episodes", () => {
    const { html } = render("[[resnet|残差网络]] and [[limu/7]]");
    expect(html).toContain('<a class="xref" href="/papers/resnet/">残差网络</a>');
    expect(html).toContain('<a class="xref" href="/courses/limu/7/">Transformer 逐段精读</a>');
  });

  it("renders Pandoc citations", () => {
    expect(render("[@resnet; @vgg]").html).toBe(
      '<p><span class="cite">[<a class="xref" href="/papers/resnet/">ResNet</a>; ' +
        '<a class="xref" href="/papers/vgg/">VGG</a>]</span></p>\n',
    );
  });

  it("marks unresolved references and reports them with their line", () => {
    const { html, diagnostics } = render("first line\n\nsecond [[alexnet]]\nthird [@nope; @vgg]");
    expect(html).toContain('<span class="xref broken">alexnet</span>');
    expect(html).toContain('<span class="xref broken">nope</span>');
    expect(diagnostics).toEqual([
      expect.objectContaining({ level: "warning", rule: "xref-unresolved", line: 3 }),
      expect.objectContaining({ level: "warning", rule: "xref-unresolved", line: 4 }),
    ]);
    expect(diagnostics[0]?.message).toContain("[[alexnet]]");
    expect(diagnostics[1]?.message).toContain("[@nope]");
  });

  it("treats every reference as unresolved without a resolver", () => {
    const result = md.render("[[resnet]]", { file: "a.md", kind: "paper" });
    expect(result.html).toContain("xref broken");
    expect(result.diagnostics).toHaveLength(1);
  });

  it("leaves ordinary links, reference definitions and footnotes alone", () => {
    const { html, diagnostics } = render(
      "[@resnet](https://example.com) [x][@y] [@y] [^1]\n\n[@y]: /y\n[^1]: note",
    );
    expect(html).toContain('<a href="https://example.com"');
    expect(html).toContain('<a href="/y">x</a> <a href="/y">@y</a>');
    expect(html).toContain('class="footnote-ref"');
    expect(diagnostics).toEqual([]);
  });

  it("wins over an enclosing link, as a link inside a link does in CommonMark", () => {
    const { html } = render("[see [[resnet]]](/a)");
    expect(html).toBe('<p>[see <a class="xref" href="/papers/resnet/">ResNet</a>](/a)</p>\n');
  });

  it("escapes what it cannot resolve", () => {
    const { html } = render("[[<script>alert(1)</script>]] [[x|<img src=x onerror=alert(1)>]]");
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses a resolver's unsafe href", () => {
    const evil = { ...context, resolveItem: () => ({ href: "javascript:alert(1)", title: "x" }) };
    expect(md.render("[[x]]", evil).html).toContain("xref broken");
  });
});
