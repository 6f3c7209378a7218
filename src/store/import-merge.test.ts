import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { applyImport, recordImportedFiles, TEMPLATE_IMPORT } from "./apply-import.js";
import { loadLibrary } from "./load-library.js";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const TEMPLATE_PAPER = [
  "---",
  "short: ResNet",
  "title: Deep Residual Learning for Image Recognition",
  "year: 2016",
  'ids: {arxiv: "1512.03385", s2: 2c03df8b48bf3fa39054345bafabfeff15bfd11d}',
  "categories: [cnn]",
  "---",
  "",
].join("\n");

const IMPORTED_PAPER = [
  "---",
  "short: ResNet",
  "title: ResNet (imported title)",
  "links:",
  "  - {url: https://arxiv.org/abs/1512.03385, kind: page}",
  "categories: [cnn, classic]",
  "summary: 残差连接",
  "covered: true",
  "---",
  "导入的笔记。",
  "",
].join("\n");

/** A library whose `papers/resnet.md` the template wrote (recorded in imports/template.yaml). */
async function templateLibrary(): Promise<string> {
  const root = await writeTempLibrary(new Map([["jingdu.yaml", "title: mine\nlanguage: zh\n"]]));
  roots.push(root);
  await mkdir(join(root, "papers"), { recursive: true });
  await writeFile(join(root, "papers/resnet.md"), TEMPLATE_PAPER);
  await mkdir(join(root, "imports"), { recursive: true });
  await recordImportedFiles(root, TEMPLATE_IMPORT, ["papers/resnet.md"], { replace: true });
  return root;
}

const files = (text: string) => new Map([["papers/resnet.md", text]]);

describe("an import over a file another source wrote", () => {
  it("fills what the template's paper lacks and keeps its ids, title and year", async () => {
    const root = await templateLibrary();
    const first = await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    expect(first.files[0]?.outcome).toBe("merged");
    const paper = (await loadLibrary(root)).library.papers.find((p) => p.id === "resnet");
    expect(paper?.ids).toEqual({
      arxiv: "1512.03385",
      s2: "2c03df8b48bf3fa39054345bafabfeff15bfd11d",
    });
    expect(paper?.title).toBe("Deep Residual Learning for Image Recognition");
    expect(paper?.year).toBe(2016);
    expect(paper?.summary).toBe("残差连接");
    expect(paper?.covered).toBe(true);
    expect(paper?.categories).toEqual(["cnn", "classic"]);
    expect(paper?.links.map((l) => l.url)).toEqual(["https://arxiv.org/abs/1512.03385"]);
    expect(paper?.notes).toBe("导入的笔记。");
  });

  it("changes nothing when the same document is imported again", async () => {
    const root = await templateLibrary();
    await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    const after = await readFile(join(root, "papers/resnet.md"), "utf8");
    const again = await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    expect(again.counts).toMatchObject({ unchanged: 1, merged: 0, updated: 0, conflict: 0 });
    expect(await readFile(join(root, "papers/resnet.md"), "utf8")).toBe(after);
  });

  it("finishes a run killed between a merged file and its manifest, as if never killed", async () => {
    const root = await templateLibrary();
    await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    const manifest = join(root, "imports/seed.yaml");
    const whole = await readFile(manifest, "utf8");
    expect(whole).toContain("kept:");
    // What a kill leaves there: the merged file written, the import's manifest not yet.
    await rm(manifest);
    const again = await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    expect(again.counts).toMatchObject({ unchanged: 1, conflict: 0 });
    expect(await readFile(manifest, "utf8")).toBe(whole);
  });

  it("takes the document's new values on a later run, still keeping the template's", async () => {
    const root = await templateLibrary();
    await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    const changed = IMPORTED_PAPER.replace("summary: 残差连接", "summary: 残差连接，更深的网络");
    const run = await applyImport(root, files(changed), { name: "seed" });
    expect(run.counts.conflict).toBe(0);
    const paper = (await loadLibrary(root)).library.papers.find((p) => p.id === "resnet");
    expect(paper?.summary).toBe("残差连接，更深的网络");
    expect(paper?.ids.s2).toBe("2c03df8b48bf3fa39054345bafabfeff15bfd11d");
  });

  it("keeps a person's edit, and is no conflict when the import has nothing new", async () => {
    const root = await templateLibrary();
    await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    const path = join(root, "papers/resnet.md");
    const edited = `${(await readFile(path, "utf8")).trimEnd()}\n\n我自己的笔记。\n`;
    await writeFile(path, edited);
    // The import's version is not what it wrote before (the merge is), so a new version of the
    // document for this file is a conflict; the edit is kept either way.
    const changed = IMPORTED_PAPER.replace("残差连接", "残差");
    const conflict = await applyImport(root, files(changed), { name: "seed" });
    expect(conflict.counts.conflict).toBe(1);
    expect(await readFile(path, "utf8")).toBe(edited);
  });
});

describe("an import over a file it wrote alone", () => {
  it("is not a conflict when the person edited it and the import brings the same version", async () => {
    const root = await writeTempLibrary(new Map([["jingdu.yaml", "title: mine\nlanguage: zh\n"]]));
    roots.push(root);
    await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    const path = join(root, "papers/resnet.md");
    const edited = `${(await readFile(path, "utf8")).trimEnd()}\n\n我自己的笔记。\n`;
    await writeFile(path, edited);
    const again = await applyImport(root, files(IMPORTED_PAPER), { name: "seed" });
    expect(again.counts).toMatchObject({ conflict: 0, unchanged: 1 });
    expect(again.files[0]?.message).toContain("edited");
    expect(await readFile(path, "utf8")).toBe(edited);
    const changed = await applyImport(root, files(IMPORTED_PAPER.replace("残差", "残")), {
      name: "seed",
    });
    expect(changed.counts.conflict).toBe(1);
  });
});
