import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { limuTemplateFiles } from "../scripts/make-limu-template.js";
import { listLibraryFiles, loadLibrary } from "../src/store/index.js";
import { HAS_SEED, NO_SEED_MESSAGE, REPO, SEED, SHARED } from "./support/shared-files.js";

const LIST = join(SHARED, "fixtures", "lists", "mli-paper-reading-README.md");
const LICENSE = join(SHARED, "fixtures", "lists", "mli-paper-reading-LICENSE");

const TEMPLATE = join(REPO, "templates", "limu");

describe("the built-in limu template", () => {
  it("loads without a problem and holds the seed's catalog and episode list", async () => {
    const { library, diagnostics } = await loadLibrary(TEMPLATE);
    expect(diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    // The list's newest catalog: 90 papers (the seed's 89 and Llama 3.1), 59 recorded episodes.
    expect(library.papers).toHaveLength(90);
    expect(library.categories).toHaveLength(12);
    expect(library.papers.filter((p) => p.covered)).toHaveLength(59);
    const course = library.courses[0];
    expect(course?.episodes).toHaveLength(59);
    expect(
      course?.episodes.every((e) => e.runtime && e.date && e.videos[0]?.id?.startsWith("BV")),
    ).toBe(true);
  });

  it("gives every paper its Semantic Scholar id and the arXiv id the list links", async () => {
    const { library } = await loadLibrary(TEMPLATE);
    const withS2 = library.papers.filter((p) => /^[0-9a-f]{40}$/.test(p.ids.s2 ?? ""));
    expect(withS2).toHaveLength(90);
    expect(new Set(withS2.map((p) => p.ids.s2)).size).toBe(90);
    const byId = new Map(library.papers.map((p) => [p.id, p]));
    expect(byId.get("resnet")?.ids).toEqual({
      arxiv: "1512.03385",
      s2: "2c03df8b48bf3fa39054345bafabfeff15bfd11d",
    });
    expect(byId.get("transformer")?.ids).toMatchObject({
      arxiv: "1706.03762",
      s2: "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
    });
    // GAN is linked to a NeurIPS PDF: an S2 id, no arXiv id.
    expect(byId.get("gan")?.ids.arxiv).toBeUndefined();
    expect(library.papers.filter((p) => p.ids.arxiv)).toHaveLength(75);
    expect(library.papers.filter((p) => p.unresolved)).toEqual([]);
  });

  it("gives episodes their YouTube and zhihu links and keeps the list's license notice", async () => {
    const { library } = await loadLibrary(TEMPLATE);
    const episodes = library.courses[0]?.episodes ?? [];
    const transformer = episodes.find((e) => e.videos[0]?.id === "BV1pu411o7BE");
    expect(transformer?.videos.map((v) => `${v.site}:${v.id}`)).toEqual([
      "bilibili:BV1pu411o7BE",
      "youtube:nzqlFIcCSWQ",
      "zhihu:1437034536677404672",
    ]);
    expect(episodes.filter((e) => e.videos.some((v) => v.site === "youtube")).length).toBe(47);
    expect(episodes.filter((e) => e.videos.some((v) => v.site === "zhihu")).length).toBe(20);
    const llama = episodes.filter((e) => e.papers.includes("llama-3-1"));
    expect(llama.map((e) => e.number)).toEqual([55, 56, 57, 58, 59]);
    expect(library.courses[0]?.notes).toContain("Apache License 2.0");
    const license = await readFile(join(TEMPLATE, "files", "mli-paper-reading-LICENSE"), "utf8");
    expect(license).toContain("Apache License");
  });

  it("carries example notes of our own with math, a figure, a timestamp and a link", async () => {
    const { library } = await loadLibrary(TEMPLATE);
    const notes = library.courses[0]?.episodes.map((e) => e.notes).join("\n") ?? "";
    expect(notes).toContain("$$");
    expect(notes).toMatch(/!\[[^\]]+\]\(files\/residual-block\.svg\)/);
    expect(notes).toContain("[46:18]");
    expect(notes).toContain("[[transformer]]");
    expect(await readFile(join(TEMPLATE, "files", "residual-block.svg"), "utf8")).toContain("<svg");
  });
});

describe.skipIf(!HAS_SEED)("the template is generated from the seed", () => {
  it("is up to date with scripts/make-limu-template.ts (run it after changing the importer)", async () => {
    const expected = limuTemplateFiles(
      await readFile(SEED, "utf8"),
      await readFile(LIST, "utf8"),
      await readFile(LICENSE, "utf8"),
    );
    const actual = new Map<string, string>();
    for (const path of await listLibraryFiles(TEMPLATE)) {
      actual.set(path, await readFile(join(TEMPLATE, path), "utf8"));
    }
    for (const extra of ["files/residual-block.svg", "files/mli-paper-reading-LICENSE"]) {
      actual.set(extra, await readFile(join(TEMPLATE, extra), "utf8"));
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(actual.get(path), path).toBe(content);
  });
});
if (!HAS_SEED)
  describe("the template is generated from the seed", () => it.skip(NO_SEED_MESSAGE, () => {}));
