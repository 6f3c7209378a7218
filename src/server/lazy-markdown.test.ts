import { describe, expect, it } from "vitest";
import { lazyMarkdown, RendererNotLoaded, withRenderer } from "./lazy-markdown.js";

const context = { file: "papers/resnet.md", kind: "paper" as const };

describe("the renderer loaded when first needed", () => {
  it("refuses to render before it has loaded, and renders math once loaded", async () => {
    const lazy = lazyMarkdown();
    expect(lazy.loaded()).toBe(false);
    expect(() => lazy.processor.render("$x^2$", context)).toThrow(RendererNotLoaded);
    const html = await withRenderer(lazy, () => lazy.processor.render("$x^2$", context).html);
    expect(lazy.loaded()).toBe(true);
    expect(html).toContain('class="katex"');
  });

  it("passes on other errors and runs work that needs no renderer without loading it", async () => {
    const lazy = lazyMarkdown();
    await expect(
      withRenderer(lazy, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await withRenderer(lazy, () => "no note here")).toBe("no note here");
    expect(lazy.loaded()).toBe(false);
  });
});
