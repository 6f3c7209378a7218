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
  const index = openIndex(root);
  try {
    await index.rebuild();
  } finally {
    index.close();
  }
  return contents(root);
}

describe("reindex", () => {
  it("parses only the files whose bytes changed and ends as a rebuild does", async () => {
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    cleanup.push(root);
    const index = openIndex(root);
    try {
      await index.refresh();
      const all = (await index.reindex()).read;
      expect(all).toBeGreaterThan(5);
      expect((await index.reindex()).parsed).toBe(0);

      // One edit: one file parsed again, every file read.
      const resnet = join(root, "papers/resnet.md");
      const text = await readFile(resnet, "utf8");
      await writeFile(resnet, text.replace(/\n$/, "\n残差重写 zzword\n"));
      let r = await index.reindex();
      expect([r.read, r.parsed, r.removed]).toEqual([all, 1, 0]);
      expect(index.search("zzword").map((x) => x.id)).toEqual(["resnet"]);

      // Same size, mtime set back (a refresh trusts the stamp): a reindex reads the bytes.
      const was = await stat(resnet);
      await writeFile(resnet, (await readFile(resnet, "utf8")).replace("zzword", "yyword"));
      await utimes(resnet, was.atime, was.mtime);
      r = await index.reindex();
      expect(r.parsed).toBe(1);
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

  it("refresh and reindex stay equal to a fresh build over 40 random edits, adds and deletes", async () => {
    const root = await writeTempLibrary(libraryFiles(richLibrary()));
    const copy = `${root}-copy`;
    cleanup.push(root, copy);
    const next = createRandom(2222);
    const ids = ["resnet", "transformer", "n1", "n2"];
    const index = openIndex(root);
    try {
      await index.refresh();
      for (let step = 0; step < 40; step++) {
        const file = join(root, `papers/${ids[Math.floor(next() * ids.length)]}.md`);
        const roll = next();
        if (roll < 0.25) await rm(file, { force: true });
        else await writeFile(file, `---\nshort: S${step}\n---\nword${step} 残差${step % 3}\n`);
        await (roll < 0.6 ? index.refresh() : index.reindex());
        await rm(copy, { recursive: true, force: true });
        await cp(root, copy, { recursive: true, filter: (src) => !src.includes(".jingdu") });
        expect(contents(root)).toStrictEqual(await rebuilt(copy));
      }
    } finally {
      index.close();
    }
  });
});
