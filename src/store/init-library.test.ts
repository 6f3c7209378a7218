import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findLibraryRoot, resolveLibraryRoot } from "./find-library.js";
import { initLibrary, libraryFolderState } from "./init-library.js";
import { loadLibrary } from "./load-library.js";
import { INIT_MARKER } from "./stale-files.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "jingdu-init-"));
  dirs.push(dir);
  return dir;
}

describe("initLibrary", () => {
  it("creates a library that loads cleanly, with .jingdu/ ignored by git", async () => {
    const root = join(await temp(), "study");
    const result = await initLibrary(root, { title: "论文精读", language: "zh" });
    expect(result.created).toEqual([
      ".gitignore",
      "categories.yaml",
      "courses/",
      "jingdu.yaml",
      "papers/",
    ]);
    expect(await readFile(join(root, ".gitignore"), "utf8")).toBe(".jingdu/\n");
    const loaded = await loadLibrary(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.library.settings).toEqual({ title: "论文精读", language: "zh", version: 1 });
  });

  it("refuses a library and a non-empty folder", async () => {
    const root = await temp();
    await initLibrary(root, { title: "a", language: "en" });
    await expect(initLibrary(root, { title: "b", language: "en" })).rejects.toMatchObject({
      code: "already-a-library",
    });
    const other = await temp();
    await writeFile(join(other, "thesis.tex"), "x");
    await expect(initLibrary(other, { title: "b", language: "en" })).rejects.toMatchObject({
      code: "folder-not-empty",
    });
  });

  it("copies a template's library files", async () => {
    const template = await temp();
    await mkdir(join(template, "papers"));
    await writeFile(join(template, "jingdu.yaml"), "title: Template\ndescription: 李沐论文精读\n");
    await writeFile(join(template, "categories.yaml"), "- id: cnn\n  name: CNN\n");
    await writeFile(
      join(template, "papers/resnet.md"),
      "---\nshort: ResNet\ncategories: [cnn]\n---\n",
    );
    const root = join(await temp(), "lib");
    await initLibrary(root, { title: "Mine", language: "en", templateDir: template });
    const loaded = await loadLibrary(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.library.settings).toEqual({
      title: "Mine",
      language: "en",
      version: 1,
      description: "李沐论文精读",
    });
    expect(loaded.library.papers.map((p) => p.id)).toEqual(["resnet"]);
    // What an import may update as its own: the template's files, nothing else.
    expect(await readFile(join(root, "imports/template.yaml"), "utf8")).toContain(
      "categories.yaml",
    );
  });

  it("records only the template's files as imported, not a git repository or README already there", async () => {
    const template = await temp();
    await mkdir(join(template, "papers"));
    await writeFile(join(template, "papers/resnet.md"), "---\nshort: ResNet\n---\n");
    const root = await temp();
    await mkdir(join(root, ".git"));
    await writeFile(join(root, ".git/HEAD"), "ref: refs/heads/main\n");
    await writeFile(join(root, "README.md"), "# My notes\n");
    await initLibrary(root, { title: "Mine", language: "en", templateDir: template });
    const recorded = await readFile(join(root, "imports/template.yaml"), "utf8");
    expect(recorded).toContain("papers/resnet.md");
    expect(recorded).not.toContain(".git");
    expect(recorded).not.toContain("README.md");
  });
});

describe("initLibrary after a run killed half-way (issue 14, item 8)", () => {
  const deadPid = (): number => spawnSync(process.execPath, ["-e", "0"]).pid as number;
  const template = async (): Promise<string> => {
    const dir = await temp();
    await mkdir(join(dir, "papers"));
    await writeFile(join(dir, "jingdu.yaml"), "title: T\ndescription: d\n");
    await writeFile(join(dir, "categories.yaml"), "- id: cnn\n  name: CNN\n");
    await writeFile(join(dir, "papers/resnet.md"), "---\nshort: ResNet\ncategories: [cnn]\n---\n");
    await writeFile(join(dir, "papers/vit.md"), "---\nshort: ViT\ncategories: [cnn]\n---\n");
    return dir;
  };

  it("takes a folder holding only a dead run's temp of jingdu.yaml as empty, and removes it", async () => {
    const root = await temp();
    const stray = `.jingdu.yaml.${deadPid()}.0a1b2c3d.tmp`;
    await writeFile(join(root, stray), "title: half");
    expect(await libraryFolderState(root)).toEqual({ state: "empty" });
    const result = await initLibrary(root, { title: "a", language: "en" });
    expect(result.recovered).toEqual([`removed the stale temp ${stray}`]);
    expect(await readdir(root)).not.toContain(stray);
    expect((await loadLibrary(root)).diagnostics).toEqual([]);
  });

  it("completes a creation killed before jingdu.yaml: the marker makes it ours, not clutter", async () => {
    const tpl = await template();
    const root = await temp();
    // What a run killed after copying one template file leaves (jingdu.yaml is written last).
    await mkdir(join(root, ".jingdu"));
    await writeFile(join(root, INIT_MARKER), "");
    await mkdir(join(root, "papers"));
    await writeFile(join(root, "papers/resnet.md"), await readFile(join(tpl, "papers/resnet.md")));
    await writeFile(join(root, `papers/.vit.md.${deadPid()}.0a1b2c3d.tmp`), "---\nsho");
    expect(await libraryFolderState(root)).toEqual({ state: "pending" });
    const result = await initLibrary(root, { title: "Mine", language: "en", templateDir: tpl });
    expect(result.recovered[0]).toMatch(/completed the library an interrupted run began/);
    expect(result.recovered[1]).toMatch(/removed the stale temp papers\/\.vit\.md\.\d+/);
    const loaded = await loadLibrary(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.library.papers.map((p) => p.id)).toEqual(["resnet", "vit"]);
    expect(await readFile(join(root, "imports/template.yaml"), "utf8")).toContain("papers/vit.md");
    expect(existsSync(join(root, INIT_MARKER))).toBe(false);
    expect(await readdir(join(root, "papers"))).toEqual(["resnet.md", "vit.md"]);
  });

  it("writes jingdu.yaml last: before it, the folder is no library, only a pending one", async () => {
    const root = await temp();
    await initLibrary(root, { title: "a", language: "en" });
    // Undo the commit point: what a kill just before it leaves.
    await rm(join(root, "jingdu.yaml"));
    await writeFile(join(root, INIT_MARKER), "");
    expect(await findLibraryRoot(root)).toBeUndefined();
    expect(await libraryFolderState(root)).toEqual({ state: "pending" });
    await initLibrary(root, { title: "b", language: "en" });
    expect((await loadLibrary(root)).library.settings.title).toBe("b");
    expect(await readFile(join(root, "categories.yaml"), "utf8")).toBe("[]\n");
    expect(await readFile(join(root, ".gitignore"), "utf8")).toBe(".jingdu/\n");
  });

  it("still refuses a folder with a person's files, and a live process's temp", async () => {
    const root = await temp();
    await writeFile(join(root, `.jingdu.yaml.${process.pid}.0a1b2c3d.tmp`), "x");
    expect(await libraryFolderState(root)).toMatchObject({ state: "other" });
    await expect(initLibrary(root, { title: "a", language: "en" })).rejects.toMatchObject({
      code: "folder-not-empty",
    });
  });
});

describe("findLibraryRoot / resolveLibraryRoot", () => {
  it("finds the library from a subfolder, prefers --library over JINGDU_LIBRARY, else throws", async () => {
    const root = await temp();
    await initLibrary(root, { title: "a", language: "en" });
    const other = await temp();
    await initLibrary(other, { title: "b", language: "en" });
    expect(await findLibraryRoot(join(root, "papers"))).toBe(root);
    expect(await resolveLibraryRoot({ cwd: join(root, "papers") })).toBe(root);
    expect(await resolveLibraryRoot({ env: other, cwd: root })).toBe(other);
    expect(await resolveLibraryRoot({ flag: root, env: other, cwd: "/" })).toBe(root);
    const nowhere = await temp();
    await expect(resolveLibraryRoot({ cwd: nowhere })).rejects.toMatchObject({
      code: "not-a-library",
      exitCode: 3,
    });
  });
});
