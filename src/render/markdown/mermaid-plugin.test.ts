import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";

const md = createMarkdownProcessor();
const render = (text: string) => md.render(text, { file: "a.md", kind: "paper" });

describe("mermaid and code blocks", () => {
  it("turns a mermaid fence into <pre class=mermaid> with the source escaped", () => {
    const { html, hasMermaid } = render('```mermaid\ngraph TD\n  A-->B["<b>x</b> & y"]\n```');
    expect(html).toBe(
      '<pre class="mermaid">graph TD\n  A--&gt;B[&quot;&lt;b&gt;x&lt;/b&gt; &amp; y&quot;]\n</pre>\n',
    );
    expect(hasMermaid).toBe(true);
  });

  it("leaves hasMermaid false without a diagram", () => {
    expect(render("```js\nx\n```").hasMermaid).toBe(false);
  });

  it("renders other fences as plain escaped code with a language class", () => {
    const { html } = render('```python\nprint("<script>")\n```');
    expect(html).toBe(
      '<pre><code class="language-python">print(&quot;&lt;script&gt;&quot;)\n</code></pre>\n',
    );
  });

  it("does not parse math or timestamps inside code", () => {
    const { html, hasMath } = render("```\n$x$ 46:18\n```");
    expect(html).toContain("$x$ 46:18");
    expect(hasMath).toBe(false);
  });
});
