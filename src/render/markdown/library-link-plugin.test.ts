import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";
import type { RenderContext, ResolvedItem } from "./render-env.js";

const resnetWork = {
  authors: ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"],
  year: 2016,
  title: "Deep Residual Learning for Image Recognition",
  venue: "CVPR",
  arxiv: "1512.03385",
};
const items: Record<string, ResolvedItem> = {
  resnet: { href: "/papers/resnet/", title: "ResNet", work: resnetWork },
  vgg: { href: "/papers/vgg/", title: "VGG", work: { authors: [], title: "VGG", doi: "10.1/x" } },
  "limu/7": { href: "/courses/limu/7/", title: "Transformer 逐段精读" },
};
/** As the site resolves: a `[[…]]` target by id or title, a citation key (`@…`) by id or citekey. */
const context: RenderContext = {
  file: "papers/gan.md",
  kind: "paper",
  resolveItem: (ref) => {
    if (ref === "@he2016deep") return items.resnet;
    if (ref === "Deep Residual Learning for Image Recognition") return items.resnet;
    if (ref === "Twin") return { ambiguous: ["twin-a", "twin-b"] };
    return items[ref.replace(/^@/, "")];
  },
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
    expect(render("[@resnet; @vgg]").html.split("<section")[0]).toBe(
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

describe("Pandoc citations", () => {
  const cite = (text: string) =>
    render(text).html.replace(/<section class="bibliography">[\s\S]*$/, "");

  it("shows a locator and a prefix around each cited paper", () => {
    expect(cite("[@resnet, p. 3]")).toBe(
      '<p><span class="cite">[<a class="xref" href="/papers/resnet/">ResNet</a>, p. 3]</span></p>\n',
    );
    expect(cite("[see @resnet; @vgg, ch. 2]")).toBe(
      '<p><span class="cite">[see <a class="xref" href="/papers/resnet/">ResNet</a>; ' +
        '<a class="xref" href="/papers/vgg/">VGG</a>, ch. 2]</span></p>\n',
    );
  });

  it("cites by citekey and by a bare @key in text", () => {
    expect(cite("[@he2016deep]")).toContain('href="/papers/resnet/">ResNet</a>]');
    expect(cite("as @resnet shows, and （@vgg）")).toBe(
      '<p>as <span class="cite"><a class="xref" href="/papers/resnet/">ResNet</a></span> shows, and ' +
        '（<span class="cite"><a class="xref" href="/papers/vgg/">VGG</a></span>）</p>\n',
    );
  });

  it("leaves e-mail addresses, code spans, unknown handles and bracketed mail alone", () => {
    const { html, diagnostics } = render(
      "mail kaiming@resnet.org, `[@resnet]` and `@resnet`, ping @someone, [write to a@resnet.org]",
    );
    expect(html).not.toContain("cite");
    expect(html).toContain("<code>[@resnet]</code>");
    expect(html).toContain("ping @someone");
    expect(html).toContain("[write to a@resnet.org]");
    expect(diagnostics).toEqual([]);
  });

  it("ends the note with a bibliography of the cited papers, in order of first citation", () => {
    const { html } = md.render("[@vgg] then [@resnet, p. 3] and @resnet again", {
      ...context,
      bibliographyTitle: "参考文献",
    });
    const bib = html.slice(html.indexOf('<section class="bibliography">'));
    expect(bib).toContain("<h2>参考文献</h2>");
    const entries = bib.match(/<li>[\s\S]*?<\/li>/g) ?? [];
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('href="https://doi.org/10.1/x"');
    expect(entries[1]).toBe(
      "<li>Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun (2016). " +
        '<a class="xref" href="/papers/resnet/">Deep Residual Learning for Image Recognition</a>. ' +
        "<em>CVPR</em>. " +
        '<a class="ext" href="https://arxiv.org/abs/1512.03385" rel="noopener noreferrer">arXiv:1512.03385</a></li>',
    );
  });

  it("prints no bibliography for [[links]] alone or episode citations", () => {
    expect(render("[[resnet]] [@limu/7]").html).not.toContain("bibliography");
  });
});

describe("Obsidian links", () => {
  it("resolves [[Title]] like [[id]] and reports an ambiguous name", () => {
    expect(render("[[Deep Residual Learning for Image Recognition]]").html).toContain(
      '<a class="xref" href="/papers/resnet/">ResNet</a>',
    );
    const { html, diagnostics } = render("x\n[[Twin]]");
    expect(html).toContain('<span class="xref broken">Twin</span>');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "xref-ambiguous",
        line: 2,
        message: expect.stringContaining("twin-a, twin-b"),
      }),
    ]);
  });

  it("links [[id#Heading]] to the heading's anchor, with the heading anchors' slug", () => {
    expect(render("[[resnet#Method 方法]] [[resnet#Method|how]]").html).toBe(
      '<p><a class="xref" href="/papers/resnet/#method-方法">ResNet › Method 方法</a> ' +
        '<a class="xref" href="/papers/resnet/#method">how</a></p>\n',
    );
    const target = md.render("## Method 方法", context).toc[0]?.id;
    expect(target).toBe("method-方法");
  });

  it("embeds ![[image.png]] as a figure of files/, through the asset lookup", () => {
    const withFiles = {
      ...context,
      resolveAsset: (p: string) => (p === "files/fig.png" ? "/files/fig.png" : undefined),
    };
    expect(md.render("![[fig.png]]", withFiles).html).toBe(
      '<figure><img src="/files/fig.png" alt="" loading="lazy" decoding="async"></figure>\n',
    );
    expect(md.render("![[fig.png|残差块]]", withFiles).html).toContain(
      "<figcaption>残差块</figcaption>",
    );
    expect(md.render("![[fig.png|300]]", withFiles).html).toContain('width="300"');
    expect(md.render("![[javascript:alert(1).png]]", withFiles).html).toContain(
      'src="files/javascript:alert(1).png"',
    );
  });
});

describe("links to files/", () => {
  const withFiles = {
    ...context,
    resolveAsset: (p: string) => (p === "files/LICENSE" ? "/study/files/LICENSE" : undefined),
  };

  it("go where the site publishes the file, fragment kept", () => {
    expect(md.render("[许可证](files/LICENSE)", withFiles).html).toBe(
      '<p><a href="/study/files/LICENSE">许可证</a></p>\n',
    );
    expect(md.render("[§4](./files/LICENSE#L4)", withFiles).html).toContain(
      'href="/study/files/LICENSE#L4"',
    );
  });

  it("leave a file the library does not have, and other relative links, as written", () => {
    expect(md.render("[gone](files/gone.pdf)", withFiles).html).toContain('href="files/gone.pdf"');
    expect(md.render("[other](notes/LICENSE)", withFiles).html).toContain('href="notes/LICENSE"');
    expect(md.render("[x](https://example.com/files/LICENSE)", withFiles).html).toContain(
      'href="https://example.com/files/LICENSE"',
    );
  });
});

describe("#tags", () => {
  const tags = (text: string) =>
    [...render(text).html.matchAll(/<span class="tag">#([^<]*)<\/span>/g)].map((m) => m[1]);

  it("marks #tags, CJK ones too", () => {
    expect(tags("读完 #cv 和 #生成模型，还有（#nested/tag）")).toEqual([
      "cv",
      "生成模型",
      "nested/tag",
    ]);
  });

  it("ignores headings, code, URLs, entities, C# and numbers", () => {
    expect(
      tags("# Title\n\n## Method #x\n\n`#code` http://a.org/#frag &#123; C# #1 [a](#sec)"),
    ).toEqual([]);
  });
});
