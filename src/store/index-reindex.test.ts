import { cp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createRandom } from "../../bench/paper-library.js";
import { richLibrary, writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { INDEX_FILE, openIndex } from "./index-db.js";
import { libraryFiles } from "./serialize.js";

const cleanup: string[] = [];
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Every row of the index's tables but the stamps, as a full rebuild would write them. */
function contents(root: string): Record<string, unknown[]> {
  const db = new Database(join(root, INDEX_FILE), { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of ["papers", "courses", "episodes", "categories", "settings"]) {
      out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY file, rowid`).all();
    }
    out.docs = db
      .prepare(
        "SELECT file, kind, item_id, title, summary_text, body_text FROM search_docs ORDER BY file",
      )
      .all();
    out.files = db.prepare("SELECT path, hash FROM files ORDER BY path").all();
    return out;
  } finally {
    db.close();
  }
}

/** What a fresh index of the same files holds (the index rebuilt in place). */
async function rebuilt(root: string): Promise<Record<string, unknown[]>> {
  const index = openIndex(root, { racyMs: 0 });
  try {
    await index.rebuild();
  } finally {
    index.close();
  }
  return contents(root);
}

/** A time stat gives back exactly (utimes rounds what is finer than a millisecond). */
const WHOLE_SECOND = new Date(1_700_000_000_000);

describe("reindex", () => {
  it("parses only the files whose bytes changed and ends as a rebuild does", async () => {
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    cleanup.push(root);
    const index = openIndex(root, { racyMs: 0 });
    try {
      await index.refresh();
      // `--verify`: every file read, none parsed again (their bytes are the index's).
      const verified = await index.reindex({ verify: true });
      const all = verified.read;
      expect(all).toBeGreaterThan(5);
      expect(verified.parsed).toBe(0);
      // Nothing changed: nothing read.
      expect(await index.reindex()).toMatchObject({ read: 0, parsed: 0, removed: 0 });

      // One edit: that file read and parsed again, no other.
      const resnet = join(root, "papers/resnet.md");
      const text = await readFile(resnet, "utf8");
      await writeFile(resnet, text.replace(/\n$/, "\n残差重写 zzword\n"));
      let r = await index.reindex();
      expect([r.read, r.parsed, r.removed]).toEqual([1, 1, 0]);
      expect(index.search("zzword").map((x) => x.id)).toEqual(["resnet"]);

      // Another program's edit keeping the size, its mtime put back (to the whole second, as
      // `touch -r` or a sync tool may): the ctime tells.
      await utimes(resnet, WHOLE_SECOND, WHOLE_SECOND);
      await index.reindex();
      const was = await stat(resnet);
      await writeFile(resnet, (await readFile(resnet, "utf8")).replace("zzword", "yyword"));
      await utimes(resnet, WHOLE_SECOND, WHOLE_SECOND);
      const now = await stat(resnet);
      expect([now.size, now.mtimeMs]).toEqual([was.size, was.mtimeMs]);
      r = await index.reindex();
      expect([r.read, r.parsed]).toEqual([1, 1]);
      expect(index.search("yyword").map((x) => x.id)).toEqual(["resnet"]);
      expect(index.search("zzword")).toEqual([]);

      // A file gone: its rows dropped; a new one: indexed.
      await rm(join(root, "papers/transformer.md"));
      await writeFile(join(root, "papers/new.md"), "---\nshort: New\n---\nxxword\n");
      r = await index.reindex();
      expect([r.parsed, r.removed]).toEqual([1, 1]);
      const after = contents(root);
      index.close();
      expect(after).toStrictEqual(await rebuilt(root));
    } finally {
      index.close();
    }
  });

  it("reads a file changed within the racy window again on the next refresh", async () => {
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    cleanup.push(root);
    // Every file was just written: each may still change within its mtime tick unseen.
    const index = openIndex(root, { racyMs: 60_000 });
    try {
      const first = await index.refresh();
      expect(first.read).toBeGreaterThan(5);
      // Read again, not parsed: the bytes are those the index has.
      expect(await index.refresh()).toMatchObject({ read: first.read, parsed: 0 });
    } finally {
      index.close();
    }
    const settled = openIndex(root, { racyMs: 0 });
    try {
      await settled.refresh();
      expect(await settled.refresh()).toMatchObject({ read: 0, parsed: 0 });
    } finally {
      settled.close();
    }
  });

  it("refresh and reindex stay equal to a fresh build over 60 edits, also by other programs", async () => {
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    const copy = `${root}-copy`;
    cleanup.push(root, copy);
    const next = createRandom(2222);
    const ids = ["resnet", "transformer", "n1", "n2"];
    const index = openIndex(root, { racyMs: 0 });
    try {
      await index.refresh();
      for (let step = 0; step < 60; step++) {
        const file = join(root, `papers/${ids[Math.floor(next() * ids.length)]}.md`);
        const roll = next();
        const was = await stat(file).catch(() => undefined);
        if (roll < 0.2) await rm(file, { force: true });
        else if (roll < 0.45 && was) {
          // Another program's edit in place: the same size, the same mtime (every file's is
          // this one second): only the ctime tells.
          const text = await readFile(file, "utf8");
          const swapped = text.includes("word")
            ? text.replace("word", "draw")
            : text.replace("draw", "word");
          await writeFile(file, swapped);
          await utimes(file, WHOLE_SECOND, WHOLE_SECOND);
        } else {
          await writeFile(file, `---\nshort: S${step}\n---\nword${step} 残差${step % 3}\n`);
          await utimes(file, WHOLE_SECOND, WHOLE_SECOND);
        }
        const kind = next();
        await (kind < 0.4
          ? index.refresh()
          : kind < 0.8
            ? index.reindex()
            : index.reindex({ verify: true }));
        await rm(copy, { recursive: true, force: true });
        await cp(root, copy, { recursive: true, filter: (src) => !src.includes(".jingdu") });
        expect(contents(root)).toStrictEqual(await rebuilt(copy));
      }
    } finally {
      index.close();
    }
  });
});
