import { rm, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { richLibrary, writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { INDEX_FILE, type LibraryIndex, openIndex } from "./index-db.js";
import { libraryFiles, serializePaper } from "./serialize.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function indexedLibrary(): Promise<{ root: string; index: LibraryIndex }> {
  const root = await writeTempLibrary(libraryFiles(richLibrary()));
  const index = openIndex(root);
  cleanup.push(async () => {
    index.close();
    await rm(root, { recursive: true, force: true });
  });
  return { root, index };
}

describe("openIndex", () => {
  it("builds, then refreshes incrementally: an edited note is the only file read", async () => {
    const { root, index } = await indexedLibrary();
    const first = await index.refresh();
    expect(first).toMatchObject({ read: 9, skipped: 0, removed: 0 });
    expect(await index.refresh()).toMatchObject({ read: 0, skipped: 9, removed: 0 });

    const resnet = richLibrary().papers.find((p) => p.id === "resnet");
    if (!resnet) throw new Error("fixture");
    await writeFile(
      join(root, "papers/resnet.md"),
      serializePaper({ ...resnet, notes: "Residual nets, 残差学习 explained." }),
    );
    expect(await index.refresh()).toMatchObject({ read: 1, skipped: 8, removed: 0 });
    expect(index.search("残差学习").map((r) => r.id)).toEqual(["resnet"]);
    expect(index.search("explained")[0]?.snippet).toContain("«explained»");
  });

  it("a touched but unchanged file is read but its rows are kept", async () => {
    const { root, index } = await indexedLibrary();
    await index.refresh();
    await utimes(join(root, "papers/resnet.md"), new Date(), new Date(Date.now() + 5000));
    expect(await index.refresh()).toMatchObject({ read: 1, skipped: 8 });
    expect(index.search("残差连接").map((r) => r.id)).toEqual(["resnet"]);
  });

  it("deleting a file removes its rows", async () => {
    const { root, index } = await indexedLibrary();
    await index.refresh();
    expect(index.search("Transformer 逐段精读").map((r) => r.id)).toEqual(["limu/7"]);
    await unlink(join(root, "courses/limu/episodes/007.md"));
    expect(await index.refresh()).toMatchObject({ read: 0, removed: 1 });
    expect(index.search("Transformer 逐段精读")).toEqual([]);
  });

  it("finds a Chinese phrase in notes and an English word, ranked, with the match marked", async () => {
    const { index } = await indexedLibrary();
    await index.refresh();
    const zh = index.search("卷麻了");
    expect(zh).toHaveLength(1);
    expect(zh[0]).toMatchObject({ kind: "episode", id: "limu/7", title: "Transformer 逐段精读" });
    expect(zh[0]?.snippet).toContain("«卷麻了»");
    const en = index.search("residual");
    expect(en[0]).toMatchObject({ kind: "paper", id: "resnet", title: "ResNet" });
    expect(index.search("attention", { kinds: ["paper"] }).map((r) => r.id)).toEqual([
      "transformer",
    ]);
    expect(index.search("attention", { kinds: ["episode"] }).map((r) => r.id)).toEqual(["limu/7"]);
  });

  it("falls back to a LIKE scan for queries shorter than 3 characters", async () => {
    const { index } = await indexedLibrary();
    await index.refresh();
    const hits = index.search("残差");
    expect(hits.map((r) => r.id)).toEqual(["resnet"]);
    expect(hits[0]?.snippet).toContain("«残差»");
  });

  it("rebuilds a deleted, corrupt or old index with a notice, not an error", async () => {
    const { root, index } = await indexedLibrary();
    await index.refresh();
    index.close();
    await rm(join(root, ".jingdu"), { recursive: true });
    const again = openIndex(root);
    expect((await again.refresh()).read).toBe(9);
    again.close();

    await writeFile(join(root, INDEX_FILE), "this is not a database".repeat(100));
    await rm(join(root, `${INDEX_FILE}-wal`), { force: true });
    await rm(join(root, `${INDEX_FILE}-shm`), { force: true });
    const repaired = openIndex(root);
    expect(repaired.notices.map((n) => n.level)).toEqual(["info"]);
    expect((await repaired.refresh()).read).toBe(9);
    expect(repaired.search("卷麻了")).toHaveLength(1);
    repaired.close();

    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(join(root, INDEX_FILE));
    raw.pragma("user_version = 999");
    raw.close();
    const old = openIndex(root);
    expect(old.notices[0]?.message).toMatch(/another jingdu version/);
    expect((await old.refresh()).read).toBe(9);
    old.close();
    cleanup.push(async () => {});
  });
});
