import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { limuTemplateFiles } from "../scripts/make-limu-template.js";
import { listLibraryFiles, loadLibrary } from "../src/store/index.js";
import { HAS_SEED, NO_SEED_MESSAGE, REPO, SEED } from "./support/shared-files.js";

const TEMPLATE = join(REPO, "templates", "limu");

describe("the built-in limu template", () => {
  it("loads without a problem and holds the seed's catalog and episode list", async () => {
    const { library, diagnostics } = await loadLibrary(TEMPLATE);
    expect(diagnostics.filter((d) => d.level !== "info")).toEqual([]);
    expect(library.papers).toHaveLength(89);
    expect(library.categories).toHaveLength(12);
    expect(library.papers.filter((p) => p.covered)).toHaveLength(58);
    const course = library.courses[0];
    expect(course?.episodes).toHaveLength(54);
    expect(
      course?.episodes.every((e) => e.runtime && e.date && e.videos[0]?.id?.startsWith("BV")),
    ).toBe(true);
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
    const expected = limuTemplateFiles(await readFile(SEED, "utf8"));
    const actual = new Map<string, string>();
    for (const path of await listLibraryFiles(TEMPLATE)) {
      actual.set(path, await readFile(join(TEMPLATE, path), "utf8"));
    }
    actual.set(
      "files/residual-block.svg",
      await readFile(join(TEMPLATE, "files/residual-block.svg"), "utf8"),
    );
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(actual.get(path), path).toBe(content);
  });
});
if (!HAS_SEED)
  describe("the template is generated from the seed", () => it.skip(NO_SEED_MESSAGE, () => {}));
