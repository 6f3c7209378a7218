import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { richLibrary, writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { applyImport } from "./apply-import.js";
import { listLibraryFiles } from "./library-layout.js";
import { loadLibrary } from "./load-library.js";
import { libraryFiles } from "./serialize.js";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function emptyLibraryRoot(): Promise<string> {
  const root = await writeTempLibrary(new Map([["jingdu.yaml", "title: mine\nlanguage: en\n"]]));
  roots.push(root);
  return root;
}

async function mtimes(root: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of [...(await listLibraryFiles(root)), "imports/limu.yaml"]) {
    out[path] = (await stat(join(root, path))).mtimeMs;
  }
  return out;
}

describe("applyImport", () => {
  it("creates files, then a re-import changes nothing (not even an mtime)", async () => {
    const root = await emptyLibraryRoot();
    const { settings: _s, ...parts } = richLibrary();
    const files = libraryFiles(parts);
    const first = await applyImport(root, files, { name: "limu" });
    expect(first.counts).toMatchObject({ created: files.size - 1, merged: 1, conflict: 0 });
    const loaded = await loadLibrary(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.library.papers).toHaveLength(4);

    const before = await mtimes(root);
    await new Promise((r) => setTimeout(r, 20));
    const second = await applyImport(root, files, { name: "limu" });
    expect(second.counts).toMatchObject({
      unchanged: files.size,
      created: 0,
      updated: 0,
      merged: 0,
    });
    expect(await mtimes(root)).toEqual(before);
  });

  it("updates files it wrote, keeps files you edited (conflict) and never touches your progress", async () => {
    const root = await emptyLibraryRoot();
    const lib = richLibrary();
    await applyImport(root, libraryFiles({ papers: lib.papers, progress: lib.progress }), {
      name: "limu",
    });
    const edited = "---\nshort: ResNet\n---\nMy own notes.\n";
    await writeFile(join(root, "papers/resnet.md"), edited);
    await writeFile(
      join(root, "progress.yaml"),
      "# mine\nepisodes:\n  limu:\n    1: { status: skipped }\n",
    );

    const changed = lib.papers.map((p) => ({ ...p, summary: "updated upstream" }));
    const progress = {
      episodes: { limu: { 1: { status: "done" as const }, 2: { status: "done" as const } } },
      papers: {},
    };
    const result = await applyImport(root, libraryFiles({ papers: changed, progress }), {
      name: "limu",
    });
    const outcome = Object.fromEntries(result.files.map((f) => [f.path, f.outcome]));
    expect(outcome).toEqual({
      "papers/dall-e-2.md": "updated",
      "papers/resnet.md": "conflict",
      "papers/transformer.md": "updated",
      "papers/参数服务器.md": "updated",
      "progress.yaml": "merged",
    });
    expect(await readFile(join(root, "papers/resnet.md"), "utf8")).toBe(edited);
    expect(await readFile(join(root, "progress.yaml"), "utf8")).toBe(
      "# mine\nepisodes:\n  limu:\n    1: { status: skipped }\n    2: { status: done }\n",
    );
    // The conflict stays a conflict on the next run; nothing is overwritten.
    const again = await applyImport(root, libraryFiles({ papers: changed }), { name: "limu" });
    expect(again.counts).toMatchObject({ conflict: 1, unchanged: 3 });
  });

  it("refuses paths outside the library or in derived folders", async () => {
    const root = await emptyLibraryRoot();
    const files = new Map([
      ["../escape.md", "x"],
      ["/etc/passwd", "x"],
      [".jingdu/index.sqlite", "x"],
      ["imports/limu.yaml", "x"],
      ["papers/ok.md", "---\nshort: ok\n---\n"],
    ]);
    const result = await applyImport(root, files, { name: "limu" });
    expect(result.counts).toMatchObject({ refused: 4, created: 1 });
  });

  it("two runs of one import at once: the manifest records the files of both", async () => {
    const root = await emptyLibraryRoot();
    const { settings: _s, ...parts } = richLibrary();
    const all = [...libraryFiles(parts)].filter(([path]) => path.startsWith("papers/"));
    const half = Math.ceil(all.length / 2);
    const [a, b] = await Promise.all([
      applyImport(root, new Map(all.slice(0, half)), { name: "limu" }),
      applyImport(root, new Map(all.slice(half)), { name: "limu" }),
    ]);
    expect(a.counts.created + b.counts.created).toBe(all.length);
    // Each file is this import's: a third run of the whole import sees them all as its own,
    // unchanged, none a conflict (a record lost would make its file look edited).
    const again = await applyImport(root, new Map(all), { name: "limu" });
    expect(again.counts).toMatchObject({ unchanged: all.length, conflict: 0 });
    const manifest = await readFile(join(root, "imports", "limu.yaml"), "utf8");
    for (const [path] of all) expect(manifest).toContain(path);
  });
});
