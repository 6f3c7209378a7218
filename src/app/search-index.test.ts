import { describe, expect, it } from "vitest";
import type { Library } from "../core/index.js";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteRoutes } from "./create-site-routes.js";
import type { SearchEntry } from "./search-index.js";

const markdown = createMarkdownProcessor();
const now = () => new Date("2024-07-10T08:00:00Z");
const indexOf = (library: Library, baseUrl = "/"): SearchEntry[] => {
  const body = createSiteRoutes(library, { markdown, baseUrl, now }).render(
    "/search-index.json",
  ).body;
  return JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
};
const NOTES = "A shared note about **residual** learning, $x+1$.";
const library = (fields: { short: string; title: string; summary: string }) =>
  makeLibrary({ papers: [makePaper({ id: "resnet", notes: NOTES, ...fields })] });

// An entry whose note is unchanged but whose title, summary or URL changed must still be new
// (a kept split index, library-split.ts, remakes an item's entry when any of them changes).
describe("the site's search index, entries kept by their note", () => {
  it("gives an entry with an unchanged note its new title, summary and URL", () => {
    const before = indexOf(library({ short: "ResNet", title: "Deep", summary: "Oldword" }));
    expect(before[0]).toMatchObject({ title: "ResNet — Deep", url: "/papers/resnet/" });
    expect(before[0]?.summary).toContain("Oldword");

    const after = indexOf(library({ short: "ResNet2", title: "Deeper", summary: "Newword" }));
    expect(after[0]).toMatchObject({ title: "ResNet2 — Deeper", url: "/papers/resnet/" });
    expect(after[0]?.summary).toContain("Newword");
    expect(after[0]?.summary).not.toContain("Oldword");
    expect(after[0]?.text).toBe(before[0]?.text);

    // Only the summary changes: the note and every other part are the same.
    const summaryOnly = indexOf(
      library({ short: "ResNet2", title: "Deeper", summary: "Thirdword" }),
    );
    expect(summaryOnly[0]?.summary).toContain("Thirdword");
    expect(summaryOnly[0]?.summary).not.toContain("Newword");

    const moved = indexOf(
      library({ short: "ResNet2", title: "Deeper", summary: "Newword" }),
      "/s/",
    );
    expect(moved[0]?.url).toBe("/s/papers/resnet/");
  });

  it("is the same whether the entry was kept or made anew", () => {
    const fields = { short: "ViT", title: "An Image", summary: "Patches" };
    const first = indexOf(library(fields));
    indexOf(library({ short: "Other", title: "Other", summary: "Other" }));
    expect(indexOf(library(fields))).toEqual(first);
    // The note's text has its markup and math delimiters dropped.
    expect(first[0]?.text).toBe("A shared note about residual learning, x+1 .");
  });
});
