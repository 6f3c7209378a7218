import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writePaperLibrary } from "../../bench/paper-library.js";
import { richLibraries } from "../../test/fixtures/libraries/temp-libraries.js";
import { loadLibrary } from "./load-library.js";
import {
  LIBRARY_CACHE_FILE,
  loadLibraryCached,
  loadLibraryFromCache,
  prefetchLibraryCache,
  reloadFiles,
} from "./load-library-cached.js";

const library = richLibraries();

describe("loadLibraryCached", () => {
  it("returns exactly what loadLibrary returns, first (no cache) and from the cache", async () => {
    const root = await library();
    // A file with problems: its diagnostics must come back from the cache too.
    await writeFile(join(root, "papers/broken.md"), "---\nshort: [unclosed\nyear: soon\n---\nx\n");
    const plain = await loadLibrary(root);
    expect(plain.diagnostics.length).toBeGreaterThan(0);
    expect(await loadLibraryCached(root, { racyMs: 0 })).toStrictEqual(plain);
    expect((await stat(join(root, LIBRARY_CACHE_FILE))).size).toBeGreaterThan(0);
    expect(await loadLibraryCached(root, { racyMs: 0 })).toStrictEqual(plain);
  });

  it("gives what loadLibrary gives when hundreds of files are parsed and read back", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-read-back-"));
    try {
      // More files than are taken back from the cache just written (`READ_BACK_FROM`).
      writePaperLibrary(root, { papers: 400, categories: 10 });
      const plain = await loadLibrary(root);
      const first = await loadLibraryCached(root, { racyMs: 0, readBack: true });
      expect(first).toStrictEqual(plain);
      // Its notes come from the cache file now: they read the same after it is replaced.
      const edited = "papers/p00007.md";
      const was = first.library.papers.find((p) => p.at?.file === edited)?.notes;
      expect(was).toBeTruthy();
      await writeFile(join(root, edited), "---\nshort: Edited\n---\nnew words\n");
      const second = await loadLibraryCached(root, { racyMs: 0, readBack: true });
      expect(second).toStrictEqual(await loadLibrary(root));
      expect(first.library.papers.find((p) => p.at?.file === edited)?.notes).toBe(was);
      // Files within the racy window are not in the cache: kept as parsed.
      await writeFile(join(root, edited), "---\nshort: Again\n---\nnewer words\n");
      expect(await loadLibraryCached(root, { readBack: true })).toStrictEqual(
        await loadLibrary(root),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("re-reads an edited file, also one edited back to the same size and mtime", async () => {
    const root = await library();
    await loadLibraryCached(root, { racyMs: 0 });
    const file = join(root, "papers/resnet.md");
    const before = await readFile(file, "utf8");
    const edited = before.replace(/\n$/, "").concat("\nZZ\n");
    await writeFile(file, edited);
    const zz = await stat(file);
    let cached = await loadLibraryCached(root, { racyMs: 0 });
    expect(cached.library.papers.find((p) => p.id === "resnet")?.notes).toContain("ZZ");
    expect(cached).toStrictEqual(await loadLibrary(root));

    // Same size, mtime set back: only the ctime tells. (File times tick coarsely, every few ms:
    // the default 2 s racy window covers that; with racyMs 0 the test waits a tick itself.)
    await new Promise((r) => setTimeout(r, 50));
    await writeFile(file, edited.replace("ZZ", "YY"));
    await utimes(file, zz.atime, zz.mtime);
    cached = await loadLibraryCached(root, { racyMs: 0 });
    expect(cached.library.papers.find((p) => p.id === "resnet")?.notes).toContain("YY");

    await rm(file);
    cached = await loadLibraryCached(root, { racyMs: 0 });
    expect(cached.library.papers.some((p) => p.id === "resnet")).toBe(false);
    expect(cached).toStrictEqual(await loadLibrary(root));
  });

  it("ignores a corrupt, truncated or foreign cache and rewrites it", async () => {
    const root = await library();
    const plain = await loadLibrary(root);
    const cacheFile = join(root, LIBRARY_CACHE_FILE);
    await loadLibraryCached(root, { racyMs: 0 });
    const good = await readFile(cacheFile);
    for (const bad of [
      Buffer.from("garbage"),
      good.subarray(0, Math.floor(good.length / 2)),
      Buffer.alloc(0),
      Buffer.concat([Buffer.from([2, 0, 0, 0]), Buffer.from("{}")]),
    ]) {
      await writeFile(cacheFile, bad);
      expect(await loadLibraryCached(root, { racyMs: 0 })).toStrictEqual(plain);
      expect(await loadLibraryCached(root, { racyMs: 0 })).toStrictEqual(plain);
    }
    await rm(join(root, ".jingdu"), { recursive: true });
    expect(await loadLibraryCached(root)).toStrictEqual(plain);
  });

  it("keeps Chinese, emoji and empty notes exactly, and serves them from the cache unchecked", async () => {
    const root = await library();
    await writeFile(
      join(root, "papers/unicode.md"),
      "---\nshort: 残差 😀\ntitle: 深度残差学习 — “quotes” \\ backslash\n---\n## 笔记\n\n残差连接 😀 x\u00e9\n",
    );
    await writeFile(join(root, "papers/empty.md"), "---\nshort: Empty\n---\n");
    // Files written in the same millisecond as the cache count as racy (not cached): wait a tick.
    await new Promise((r) => setTimeout(r, 20));
    const plain = await loadLibraryCached(root, { racyMs: 0 });
    expect(plain).toStrictEqual(await loadLibrary(root));
    const cached = await loadLibraryFromCache(root);
    expect(cached?.loaded).toStrictEqual(plain);
    expect(cached?.loaded.library.papers.find((p) => p.id === "unicode")?.notes).toBe(
      "## 笔记\n\n残差连接 😀 x\u00e9",
    );
    expect(await cached?.isCurrent()).toBe(true);
    // The file holds no raw non-ASCII byte in its JSON part (it is decoded as latin1).
    const bytes = await readFile(join(root, LIBRARY_CACHE_FILE));
    const json = bytes.subarray(4, 4 + bytes.readUInt32LE(0));
    expect(json.every((b) => b < 0x80)).toBe(true);
  });

  it("tells when the files are no longer those the cache was made from", async () => {
    const root = await library();
    // Files written in the same millisecond as the check count as racy (not cached): wait a tick.
    await new Promise((r) => setTimeout(r, 20));
    await loadLibraryCached(root, { racyMs: 0 });
    expect(await (await loadLibraryFromCache(root))?.isCurrent()).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(join(root, "papers/new.md"), "---\nshort: New\n---\n");
    const stale = await loadLibraryFromCache(root);
    expect(stale?.loaded.library.papers.some((p) => p.id === "new")).toBe(false);
    expect(await stale?.isCurrent()).toBe(false);
    await loadLibraryCached(root, { racyMs: 0 });
    await writeFile(join(root, "papers/resnet.md"), "---\nshort: ResNet\n---\nedited\n");
    expect(await (await loadLibraryFromCache(root))?.isCurrent()).toBe(false);
    await rm(join(root, LIBRARY_CACHE_FILE));
    expect(await loadLibraryFromCache(root)).toBeUndefined();
  });

  it("reads each note from the cache file when asked, also after the cache was rewritten", async () => {
    const root = await library();
    await writeFile(
      join(root, "papers/lazy.md"),
      "---\nshort: Lazy\n---\n## 旧笔记\n\nfirst text\n",
    );
    await new Promise((r) => setTimeout(r, 20));
    await loadLibraryCached(root, { racyMs: 0 });
    // Started early (as `jingdu serve` does before loading its modules), used by the next load.
    prefetchLibraryCache(root);
    const early = await loadLibraryFromCache(root);
    expect(early?.loaded).toStrictEqual(await loadLibrary(root));
    const lazy = early?.loaded.library.papers.find((p) => p.id === "lazy");
    // The file changes and the cache is written anew (renamed over the old one): the items read
    // before still read the notes they were loaded with, not bytes at the same offsets of the
    // new file; the new load reads the new note.
    await writeFile(
      join(root, "papers/lazy.md"),
      "---\nshort: Lazy\n---\n## 新的笔记，更长一些\n\nsecond text\n",
    );
    await new Promise((r) => setTimeout(r, 20));
    const next = await loadLibraryCached(root, { racyMs: 0 });
    expect(lazy?.notes).toBe("## 旧笔记\n\nfirst text");
    expect(next.library.papers.find((p) => p.id === "lazy")?.notes).toBe(
      "## 新的笔记，更长一些\n\nsecond text",
    );
    const again = await loadLibraryFromCache(root);
    expect(again?.loaded.library.papers.find((p) => p.id === "lazy")?.notes).toBe(
      "## 新的笔记，更长一些\n\nsecond text",
    );
    // A note set in memory (the editor's preview of a save) is kept as set.
    if (lazy) lazy.notes = "set";
    expect(lazy?.notes).toBe("set");
  });

  it("reads every note at once when asked (a build reads each note, some more than once)", async () => {
    const root = await library();
    await new Promise((r) => setTimeout(r, 20));
    await loadLibraryCached(root, { racyMs: 0 });
    const eager = await loadLibraryCached(root, { racyMs: 0, notes: "eager" });
    expect(eager).toStrictEqual(await loadLibrary(root));
    const paper = eager.library.papers.find((p) => p.notes !== "");
    expect(paper && Object.getOwnPropertyDescriptor(paper, "notes")?.value).toBe(paper?.notes);
  });

  it("reloads just the files it is told of, to what a full load gives", async () => {
    const root = await library();
    await new Promise((r) => setTimeout(r, 20));
    const before = await loadLibraryCached(root, { racyMs: 0 });
    await writeFile(
      join(root, "papers/resnet.md"),
      "---\nshort: ResNet\nyear: 2015\n---\nedited\n",
    );
    await writeFile(join(root, "papers/aaa-new.md"), "---\nshort: New\n---\nnew note\n");
    await writeFile(join(root, "papers/broken.md"), "---\nshort: [unclosed\n---\nx\n");
    await rm(join(root, "courses/limu/episodes/007.md"));
    const changed = [
      "papers/resnet.md",
      "papers/aaa-new.md",
      "papers/broken.md",
      "courses/limu/episodes/007.md",
    ];
    // Told of an unchanged file (the watcher echoing a save already read): the same library.
    expect(await reloadFiles(before, ["papers/transformer.md"])).toBe(before);
    const after = await reloadFiles(before, changed);
    expect(after).toStrictEqual(await loadLibrary(root));
    if (!after) throw new Error("reloaded");
    expect(await reloadFiles(after, changed)).toBe(after);
    expect(after?.diagnostics.some((d) => d.file === "papers/broken.md")).toBe(true);
    // A library that did not come from this loader: load it whole.
    expect(await reloadFiles(await loadLibrary(root), ["papers/resnet.md"])).toBeUndefined();
    // A course folder made or removed: more than one file, load it all again.
    expect(await reloadFiles(before, ["papers/resnet.md", "courses/new-course"])).toBeUndefined();
    // Files the library does not read (vim's probe file, a swap file): the same library.
    expect(
      await reloadFiles(before, [
        "papers/4913",
        "papers/.resnet.md.swp",
        "notes.txt",
        "metadata/s2.jsonl",
      ]),
    ).toBe(before);
  });
});
