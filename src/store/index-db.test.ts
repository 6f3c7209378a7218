import { rm, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { richLibrary, writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { makePaper } from "../core/make-items.js";
import { INDEX_FILE, type LibraryIndex, openIndex } from "./index-db.js";
import { libraryFiles, serializePaper } from "./serialize.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

const bulkMatches = (index: LibraryIndex) => index.search("批量笔记", { limit: 1000 });

async function indexedLibrary(): Promise<{ root: string; index: LibraryIndex }> {
  const root = await writeTempLibrary(libraryFiles(richLibrary()));
  const index = openIndex(root, { racyMs: 0 });
  cleanup.push(async () => {
    index.close();
    await rm(root, { recursive: true, force: true });
  });
  return { root, index };
}

/** The rich library plus `count` papers (`bulk-0`…), each with a word only it has in its notes. */
async function largeLibrary(count: number): Promise<string> {
  const files = libraryFiles(richLibrary());
  for (let i = 0; i < count; i++) {
    files.set(
      `papers/bulk-${i}.md`,
      serializePaper(
        makePaper({
          id: `bulk-${i}`,
          short: `Bulk ${i}`,
          notes: `Notes on paper ${i}: marker${i}word and 批量笔记.`,
        }),
      ),
    );
  }
  const root = await writeTempLibrary(files);
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  return root;
}

/** Files whose rows the index holds, read through a connection of its own. */
function indexedFiles(root: string): number {
  const db = new Database(join(root, INDEX_FILE), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM files").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("openIndex", () => {
  it("indexes a library larger than one write batch (250 files) completely", async () => {
    const root = await largeLibrary(600);
    const index = openIndex(root, { racyMs: 0 });
    cleanup.unshift(async () => index.close());
    expect(await index.refresh()).toMatchObject({ read: 609, skipped: 0, removed: 0 });
    for (const i of [0, 249, 250, 499, 500, 599]) {
      expect(index.search(`marker${i}word`).map((r) => r.id)).toEqual([`bulk-${i}`]);
    }
    expect(index.search("批量笔记", { limit: 1000 })).toHaveLength(600);
    expect(await index.refresh()).toMatchObject({ read: 0, skipped: 609 });
  });

  it("answers searches between batches, and resumes an interrupted refresh where it stopped", async () => {
    const root = await largeLibrary(600);
    const first = openIndex(root, { racyMs: 0 });
    const refreshing = first.refresh();
    refreshing.catch(() => {});
    // Wait (a turn of the event loop at a time) until the first batches are written.
    let written = 0;
    while (written < 250) {
      await nextTurn();
      written = indexedFiles(root);
    }
    expect(written).toBeLessThan(609);
    expect(first.search("批量笔记", { limit: 1000 }).length).toBeGreaterThan(0);
    first.close();
    await expect(refreshing).rejects.toThrow();

    const second = openIndex(root, { racyMs: 0 });
    cleanup.unshift(async () => second.close());
    expect(await second.refresh()).toMatchObject({ read: 609 - written, skipped: written });
    expect(bulkMatches(second)).toHaveLength(600);
    expect(second.search("marker599word").map((r) => r.id)).toEqual(["bulk-599"]);
  });

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

  it("refreshes just the files it is told of: edited, new and deleted", async () => {
    const { root, index } = await indexedLibrary();
    await index.refresh();
    const resnet = richLibrary().papers.find((p) => p.id === "resnet");
    if (!resnet) throw new Error("fixture");
    await writeFile(
      join(root, "papers/resnet.md"),
      serializePaper({ ...resnet, notes: "Now about zebrafish." }),
    );
    await writeFile(
      join(root, "papers/new-one.md"),
      serializePaper({ ...resnet, id: "new-one", short: "New", notes: "Quokka notes." }),
    );
    await unlink(join(root, "courses/limu/episodes/007.md"));
    // Told of one file only: the others are not looked at.
    expect(await index.refresh(["papers/resnet.md"])).toMatchObject({ read: 1, removed: 0 });
    expect(index.search("zebrafish").map((r) => r.id)).toEqual(["resnet"]);
    expect(index.search("quokka")).toEqual([]);
    expect(
      await index.refresh([
        "papers/new-one.md",
        "courses/limu/episodes/007.md",
        "metadata/x.jsonl",
      ]),
    ).toMatchObject({ read: 1, removed: 1 });
    expect(index.search("quokka").map((r) => r.id)).toEqual(["new-one"]);
    expect(index.search("Transformer 逐段精读")).toEqual([]);
    // Nothing left for a full refresh to find.
    expect(await index.refresh()).toMatchObject({ read: 0, removed: 0 });
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
    expect(en[0]).toMatchObject({
      kind: "paper",
      id: "resnet",
      title: "ResNet — Deep Residual Learning for Image Recognition",
    });
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
    const again = openIndex(root, { racyMs: 0 });
    expect((await again.refresh()).read).toBe(9);
    again.close();

    await writeFile(join(root, INDEX_FILE), "this is not a database".repeat(100));
    await rm(join(root, `${INDEX_FILE}-wal`), { force: true });
    await rm(join(root, `${INDEX_FILE}-shm`), { force: true });
    const repaired = openIndex(root, { racyMs: 0 });
    expect(repaired.notices.map((n) => n.level)).toEqual(["info"]);
    expect((await repaired.refresh()).read).toBe(9);
    expect(repaired.search("卷麻了")).toHaveLength(1);
    repaired.close();

    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(join(root, INDEX_FILE));
    raw.pragma("user_version = 999");
    raw.close();
    const old = openIndex(root, { racyMs: 0 });
    expect(old.notices[0]?.message).toMatch(/another jingdu version/);
    expect((await old.refresh()).read).toBe(9);
    old.close();
    cleanup.push(async () => {});
  });
});
