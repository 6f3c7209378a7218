import { describe, expect, it } from "vitest";
import { createFormulaRenderer } from "./formula-renderer.js";
import { createMarkdownProcessor } from "./markdown-processor.js";

const md = createMarkdownProcessor();
const render = (text: string) => md.render(text, { file: "papers/gan.md", kind: "paper" });
const katexCount = (html: string) => html.split('class="katex"').length - 1;

describe("math", () => {
  it("renders inline math inside a sentence", () => {
    const { html, hasMath } = render("令 $f(y) = a \\log(y)$，求导。");
    expect(katexCount(html)).toBe(1);
    expect(html).toContain('<p>令 <span class="katex">');
    expect(html).toContain("，求导。</p>");
    expect(html).not.toContain("$");
    expect(hasMath).toBe(true);
  });

  it("keeps prices as text", () => {
    for (const text of ["It costs $5 and $6.", "$5 and 6 $", "from $ 5 to $ 6", "$x$5"]) {
      const { html, hasMath } = render(text);
      expect(katexCount(html), text).toBe(0);
      expect(hasMath, text).toBe(false);
    }
  });

  it("finds math after a price in the same paragraph", () => {
    const { html } = render("Costs $5 and then $x^2$ appears.");
    expect(katexCount(html)).toBe(1);
    expect(html).toContain('Costs $5 and then <span class="katex">');
  });

  it("leaves escaped dollars and code spans alone", () => {
    expect(katexCount(render("\\$x\\$ and `$y$`").html)).toBe(0);
    expect(render("`$y$`").html).toContain("<code>$y$</code>");
  });

  it("renders a multi-line display block with \\\\ breaks and \\text", () => {
    const note = [
      "二 .",
      "$$",
      "V(D, G) = E_{x \\sim p_{data}(x)} [\\log \\frac{1}{2}] \\\\",
      "        = - 2 \\log(2) \\quad \\text{ 取其对应极大值。}",
      "$$",
      "after",
    ].join("\n");
    const { html, diagnostics } = render(note);
    expect(diagnostics).toEqual([]);
    expect(html).toContain("<p>二 .</p>");
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(html).toContain("katex-newline");
    expect(html).toContain("取其对应极大值");
    expect(html).toContain("<p>after</p>");
  });

  it("renders $$ … $$ on one line and back-to-back blocks", () => {
    const { html } = render("$$ \\min_G \\max_D V(D, G) $$\n$$\na\n$$\n$$\nb\n$$");
    expect(html.split('class="katex-display"').length - 1).toBe(3);
    expect(html).not.toContain("$$");
  });

  it("renders $$…$$ inside a line as display math", () => {
    const { html } = render("so $$x = 1$$ holds");
    expect(html).toContain('so <span class="katex-display">');
  });

  it("renders display math inside a list item", () => {
    const { html } = render("- item\n\n  $$\n  x^2\n  $$\n- next");
    expect(html).toMatch(/<li>\s*<p>item<\/p>\s*<div class="math-display">/);
  });

  it("shows a bad inline formula as an error span and reports its line", () => {
    const { html, diagnostics } = render("line one\nline two $\\frac{1}{$ here\n");
    expect(html).toContain('<span class="math-error" title="');
    expect(html).toContain(">$\\frac{1}{$</span>");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        level: "error",
        rule: "math-invalid",
        file: "papers/gan.md",
        line: 2,
      }),
    ]);
  });

  it("reports the line of the error inside a display block", () => {
    const note = "# t\n\n$$\na \\\\\nb \\\\\n\\badmacro{c}\n$$\n";
    const { html, diagnostics } = render(note);
    expect(html).toContain('class="math-error"');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 6, rule: "math-invalid" });
    expect(diagnostics[0]?.message).toContain("\\badmacro");
  });

  it("adds the front matter offset to diagnostic lines", () => {
    const result = md.render("$\\oops$", { file: "a.md", kind: "paper", lineOffset: 7 });
    expect(result.diagnostics[0]?.line).toBe(8);
  });

  it("reports an error again when the formula comes from the cache", () => {
    render("$\\nope$");
    expect(render("$\\nope$").diagnostics).toHaveLength(1);
  });

  it("does not turn \\href or \\url into links (trust: false)", () => {
    const { html } = render("$\\href{javascript:alert(1)}{x}$ and $$\\url{https://example.com}$$");
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).toContain("\\href</span>");
    expect(html).not.toMatch(/href=/);
  });

  it("bounds macro expansion", () => {
    const bomb = "$\\def\\a{\\a\\a}\\a$";
    const { html, diagnostics } = render(bomb);
    expect(html).toContain('class="math-error"');
    expect(diagnostics[0]?.message).toMatch(/expansion/i);
  });
});

describe("formula cache", () => {
  it("renders a formula once per mode", () => {
    const formulas = createFormulaRenderer(10);
    const first = formulas.render("x^2", false);
    expect(formulas.render("x^2", false)).toBe(first);
    expect(formulas.render("x^2", true)).not.toBe(first);
    expect(formulas.cacheSize).toBe(2);
  });

  it("drops the oldest entry beyond its size", () => {
    const formulas = createFormulaRenderer(2);
    const a = formulas.render("a", false);
    formulas.render("b", false);
    formulas.render("c", false);
    expect(formulas.cacheSize).toBe(2);
    expect(formulas.render("a", false)).not.toBe(a);
  });
});
