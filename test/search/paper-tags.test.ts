/**
 * `tags:` on papers, end to end without a browser: read from and written to the file, shown on
 * the paper page with links to the filtered catalog, searched by the app's index and the site's.
 * (test/browser/find-papers.test.ts filters the catalog by a tag in chromium.)
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteRoutes, type SearchEntry } from "../../src/app/index.js";
import { makeLibrary, makePaper } from "../../src/core/make-items.js";
import { createMarkdownProcessor } from "../../src/render/index.js";
import {
  type LibraryIndex,
  libraryFiles,
  loadLibrary,
  openIndex,
  parseLibraryFile,
  serializePaper,
} from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";

const FILE = `---
short: GAN
title: Generative Adversarial Nets
tags: [生成模型, adversarial]
---
Notes.
`;

const text = (body: string | Uint8Array) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

describe("tags in a paper's file", () => {
  it("are read as a list, without an unknown-key warning", () => {
    const parsed = parseLibraryFile("papers/gan.md", FILE);
    expect(parsed?.kind === "paper" && parsed.paper?.tags).toEqual(["生成模型", "adversarial"]);
    expect(parsed?.unknownKeys).toEqual([]);
    expect(parsed?.diagnostics).toEqual([]);
  });

  it("default to none, and are written after the categories, as the schema orders them", () => {
    expect(makePaper({ id: "x" }).tags).toEqual([]);
    const paper = makePaper({ id: "gan", short: "GAN", categories: ["gen"], tags: ["a", "b"] });
    expect(serializePaper(paper)).toBe("---\nshort: GAN\ncategories: [gen]\ntags: [a, b]\n---\n");
    expect(serializePaper(makePaper({ id: "gan", short: "GAN" }))).not.toContain("tags");
  });

  it("reject a tag that is not text, keeping the rest of the paper", () => {
    const parsed = parseLibraryFile("papers/gan.md", "---\nshort: GAN\ntags: [ok, {a: 1}]\n---\n");
    expect(parsed?.kind === "paper" && parsed.paper?.short).toBe("GAN");
    expect(parsed?.diagnostics[0]).toMatchObject({ file: "papers/gan.md", line: 3 });
  });
});

describe("tags on the site and in search", () => {
  const library = makeLibrary({
    settings: { title: "t", language: "en", version: 1 },
    papers: [
      makePaper({ id: "gan", short: "GAN", tags: ["生成模型", "adversarial"] }),
      makePaper({ id: "resnet", short: "ResNet" }),
    ],
  });
  const site = createSiteRoutes(library, {
    markdown: createMarkdownProcessor(),
    baseUrl: "/",
    now: () => new Date("2024-07-10T08:00:00Z"),
  });
  let root: string;
  let index: LibraryIndex;
  beforeAll(async () => {
    root = await writeTempLibrary(libraryFiles(library));
    index = openIndex(root);
    await index.refresh();
  });
  afterAll(async () => {
    index.close();
    await rm(root, { recursive: true, force: true });
  });

  it("are shown on the paper page, each a link to the catalog filtered by it", () => {
    const page = text(site.render("/papers/gan/").body);
    expect(page).toContain('<h2 id="tags">Tags</h2>');
    expect(page).toContain(`<a href="/papers/?tag=${encodeURIComponent("生成模型")}">生成模型</a>`);
    expect(page).toContain('<a href="/papers/?tag=adversarial">adversarial</a>');
    expect(text(site.render("/papers/resnet/").body)).not.toContain('id="tags"');
  });

  it("are labelled in Chinese on a Chinese site", () => {
    const zh = createSiteRoutes(
      { ...library, settings: { ...library.settings, language: "zh" } },
      { markdown: createMarkdownProcessor(), baseUrl: "/", now: () => new Date() },
    );
    expect(text(zh.render("/papers/gan/").body)).toContain('<h2 id="tags">标签</h2>');
  });

  it("let the catalog be filtered by them (each row carries its tags)", () => {
    const catalog = text(site.render("/papers/").body);
    const row = catalog.split("<tr").find((r) => r.includes("/papers/gan/")) ?? "";
    const facets = new URLSearchParams(
      /data-facets="([^"]*)"/.exec(row)?.[1]?.replace(/&amp;/g, "&"),
    );
    expect(facets.getAll("tag")).toEqual(["生成模型", "adversarial"]);
  });

  it("are searched by the app's index and by the site's", async () => {
    expect(index.search("生成模型").map((r) => r.id)).toEqual(["gan"]);
    expect(index.search("adversarial").map((r) => r.id)).toEqual(["gan"]);
    const entries = JSON.parse(text(site.render("/search-index.json").body)) as SearchEntry[];
    const hits = entries.filter((e) => `${e.title} ${e.summary} ${e.text}`.includes("生成模型"));
    expect(hits.map((e) => e.url)).toEqual(["/papers/gan/"]);
  });

  it("survive a round trip through the library folder", async () => {
    const loaded = await loadLibrary(root);
    expect(loaded.library.papers.find((p) => p.id === "gan")?.tags).toEqual([
      "生成模型",
      "adversarial",
    ]);
  });
});
