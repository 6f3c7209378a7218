import { describe, expect, it } from "vitest";
import { createDiagnosticSink } from "./diagnostics.js";
import { convertLiquid, figureMarkdown, includeAttributes } from "./liquid.js";

function convert(text: string, firstLine = 1) {
  const sink = createDiagnosticSink("n.md");
  return { text: convertLiquid(text, firstLine, sink), diagnostics: sink.items };
}

describe("convertLiquid", () => {
  it("drops relref site badges, also inside link text", () => {
    const out = convert("[数学基础 {% include relref_bili.html %}](https://b.tv/x) and more");
    expect(out.text).toBe("[数学基础](https://b.tv/x) and more");
    expect(out.diagnostics).toEqual([]);
  });
  it("turns an image include into a figure alone in its paragraph", () => {
    const out = convert(`text\n{% include image.html url="/a.png" caption="图 1" %}\nmore`);
    expect(out.text).toBe("text\n\n![图 1](/a.png)\n\nmore");
  });
  it("accepts attributes in any order with single quotes", () => {
    expect(convert(`{% include image.html caption='c' url='/b.png' %}`).text).toBe("![c](/b.png)");
  });
  it("reports other Liquid with the line it is on, counting from firstLine", () => {
    const out = convert("a\nb {% assign x = 1 %} c\n{{ page.title }}\nd", 10);
    expect(out.text).toBe("a\nb c\nd");
    expect(out.diagnostics.map((d) => [d.line, d.rule])).toEqual([
      [11, "liquid-removed"],
      [12, "liquid-removed"],
    ]);
  });
  it("removes a <script> element with a warning", () => {
    const out = convert("x\n<script>\nalert(1)\n</script>\ny", 5);
    expect(out.text).toBe("x\ny");
    expect(out.diagnostics.map((d) => [d.line, d.rule])).toEqual([[6, "script-removed"]]);
  });
  it("removes {{site.url}} written without spaces", () => {
    expect(convert("a {{site.url}} b").text).toBe("a b");
  });
  it("leaves math with braces alone", () => {
    expect(convert(String.raw`$$ \frac{{a}}{b} \\ \text{x} $$`).text).toBe(
      String.raw`$$ \frac{{a}}{b} \\ \text{x} $$`,
    );
  });
});

describe("figure helpers", () => {
  it("escapes brackets in captions and wraps URLs with spaces", () => {
    expect(figureMarkdown("/a b.png", "x]y")).toBe(String.raw`![x\]y](</a b.png>)`);
  });
  it("reads include attributes", () => {
    expect(includeAttributes(` url="/x" caption='y z' `)).toEqual({ url: "/x", caption: "y z" });
  });
});
