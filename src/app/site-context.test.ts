import { describe, expect, it } from "vitest";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteContext } from "./site-context.js";

const library = makeLibrary({ papers: [makePaper({ id: "resnet", short: "ResNet" })] });
const markdown = createMarkdownProcessor();

describe("what a page's context hands out", () => {
  it("records reads through views of the library by default (the static build keys pages by them)", () => {
    const ctx = createSiteContext(library, { baseUrl: "/", markdown });
    expect(ctx.library).not.toBe(library);
    const { value, reads } = ctx.tracker.trace(() => ctx.library.papers[0]?.short);
    expect(value).toBe("ResNet");
    expect(reads.length).toBeGreaterThan(0);
  });

  it("hands out the library itself when reads are not recorded (the web app renders live)", () => {
    const ctx = createSiteContext(library, { baseUrl: "/", markdown, recordReads: false });
    expect(ctx.library).toBe(library);
    expect(ctx.tracker.item(library.papers[0] as object)).toBe(library.papers[0]);
    expect(ctx.tracker.trace(() => ctx.library.papers[0]?.short).reads).toEqual([]);
  });
});
