import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  emptyLibrary,
  samplePaper,
  writeTempLibrary,
} from "../../test/fixtures/libraries/sample-libraries.js";
import type { Paper } from "../core/index.js";
import { INDEX_FILE, type LibraryIndex, openIndex } from "./index-db.js";
import { markSnippet } from "./index-search.js";
import { termMatcher } from "./index-search-text.js";
import { libraryFiles, serializePaper } from "./serialize.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

/** A library of just these papers, indexed. */
async function indexOf(papers: Paper[]): Promise<{ root: string; index: LibraryIndex }> {
  const root = await writeTempLibrary(libraryFiles({ ...emptyLibrary(), papers }));
  const index = openIndex(root, { racyMs: 0 });
  cleanup.push(async () => {
    index.close();
    await rm(root, { recursive: true, force: true });
  });
  await index.refresh();
  return { root, index };
}

const ids = (index: LibraryIndex, query: string, limit?: number): string[] =>
  index.search(query, { limit }).map((r) => r.id);

describe("search ranking", () => {
  it("ranks a title match above a summary match above a match only in the notes", async () => {
    const { index } = await indexOf([
      samplePaper("notes-only", {
        notes: "Zebrafish, zebrafish and more zebrafish: the notes are about nothing else.",
      }),
      samplePaper("in-summary", { summary: "A study that uses zebrafish." }),
      samplePaper("in-title", { title: "Zebrafish development" }),
      samplePaper("unrelated", { title: "Fruit flies", notes: "No fish here." }),
    ]);
    expect(ids(index, "zebrafish")).toEqual(["in-title", "in-summary", "notes-only"]);
    const [, , notes] = index.search("zebrafish");
    expect(notes?.snippet).toContain("«Zebrafish», «zebrafish» and more «zebrafish»");
  });

  it("keeps title matches first when a word is in more documents than are ranked", async () => {
    // The title matches are indexed first, so a newest-first scan of all matches would reach 200
    // notes before them.
    const titled = Array.from({ length: 5 }, (_, i) =>
      samplePaper(`titled-${i}`, { title: `Common ground ${i}` }),
    );
    const { root, index } = await indexOf(titled);
    for (let i = 0; i < 300; i++) {
      await writeFile(
        join(root, "papers", `noted-${i}.md`),
        serializePaper(samplePaper(`noted-${i}`, { notes: `A common remark, number ${i}.` })),
      );
    }
    expect(await index.refresh()).toMatchObject({ read: 300 });
    const first = ids(index, "common", 10);
    expect(first.slice(0, 5).sort()).toEqual(titled.map((p) => p.id));
    expect(first.slice(5).every((id) => id.startsWith("noted-"))).toBe(true);
    expect(index.search("common", { limit: 1000 })).toHaveLength(305);
  });

  it("requires every term, each in any field", async () => {
    const { index } = await indexOf([
      samplePaper("both", { title: "Kernel methods", notes: "Contrastive losses revisited." }),
      samplePaper("one", { title: "Kernel tricks" }),
    ]);
    expect(ids(index, "kernel contrastive")).toEqual(["both"]);
    expect(ids(index, "contrastive kernel")).toEqual(["both"]);
    expect(ids(index, "kernel").sort()).toEqual(["both", "one"]);
  });
});

describe("search matching", () => {
  it("finds Chinese substrings of one, two and more characters inside longer runs", async () => {
    const { index } = await indexOf([
      samplePaper("resnet", { title: "深度残差网络", notes: "残差连接让训练更稳定。" }),
      samplePaper("other", { title: "卷积网络" }),
    ]);
    expect(ids(index, "残差")).toEqual(["resnet"]);
    expect(ids(index, "差网络")).toEqual(["resnet"]);
    expect(ids(index, "残差网络")).toEqual(["resnet"]);
    expect(ids(index, "网络").sort()).toEqual(["other", "resnet"]);
    // A single character, in the middle of a run and at its end.
    expect(ids(index, "残")).toEqual(["resnet"]);
    expect(ids(index, "络").sort()).toEqual(["other", "resnet"]);
    expect(ids(index, "训练 残差")).toEqual(["resnet"]);
    expect(ids(index, "残差卷积")).toEqual([]);
    expect(index.search("稳定")[0]?.snippet).toContain("«稳定»");
  });

  it("matches words whatever their case and accents, and the last term as it is typed", async () => {
    const { index } = await indexOf([
      samplePaper("cafe", { title: "Café Transformers", notes: "ResNet-50 on ImageNet." }),
      samplePaper("plain", { title: "Transformation groups" }),
    ]);
    expect(ids(index, "CAFE")).toEqual(["cafe"]);
    expect(ids(index, "café")).toEqual(["cafe"]);
    expect(ids(index, "resnet-50")).toEqual(["cafe"]);
    for (const typed of ["t", "tr", "tra", "trans", "transf"]) {
      expect(ids(index, `cafe ${typed}`), typed).toEqual(["cafe"]);
    }
    expect(ids(index, "trans").sort()).toEqual(["cafe", "plain"]);
    // Only the last term is a prefix: an earlier one is a whole word.
    expect(ids(index, "trans cafe")).toEqual([]);
    expect(index.search("transf")[0]?.snippet).toBe("cafe — Café «Transf»ormers");
  });

  it("follows an edited note: the old words are gone, the new ones found", async () => {
    const { root, index } = await indexOf([
      samplePaper("resnet", { notes: "Skip connections everywhere." }),
    ]);
    expect(ids(index, "skip")).toEqual(["resnet"]);
    await writeFile(
      join(root, "papers", "resnet.md"),
      serializePaper(samplePaper("resnet", { notes: "恒等映射 and shortcuts." })),
    );
    expect(await index.refresh()).toMatchObject({ read: 1 });
    expect(ids(index, "skip")).toEqual([]);
    expect(ids(index, "shortcuts")).toEqual(["resnet"]);
    expect(ids(index, "映射")).toEqual(["resnet"]);
  });

  it("rebuilds an index of the previous schema (trigram, version 1) on opening", async () => {
    const root = await writeTempLibrary(
      libraryFiles({ ...emptyLibrary(), papers: [samplePaper("resnet", { title: "残差网络" })] }),
    );
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    await mkdir(join(root, ".jingdu"), { recursive: true });
    const old = new Database(join(root, INDEX_FILE));
    old.exec(`CREATE TABLE files (path TEXT PRIMARY KEY, kind TEXT NOT NULL, size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL, item_id TEXT NOT NULL, title TEXT NOT NULL);
      CREATE VIRTUAL TABLE search USING fts5(title, summary, body,
      tokenize = 'trigram case_sensitive 0');`);
    old.pragma("user_version = 1");
    old.close();
    const index = openIndex(root, { racyMs: 0 });
    cleanup.unshift(async () => index.close());
    expect(index.notices[0]?.message).toMatch(/another jingdu version \(1\)/);
    await index.refresh();
    expect(ids(index, "残差")).toEqual(["resnet"]);
  });
});

describe("markSnippet", () => {
  const terms = (query: string) => {
    const words = query.split(" ");
    return words.map((w, i) => termMatcher(w, i === words.length - 1));
  };

  it("marks each occurrence in the window in its own case, whole words before the last term", () => {
    const text = "Residual nets: residuals help; RESIDUAL learning (a residual block).";
    expect(markSnippet(text, terms("residual nets"), 200)).toBe(
      "«Residual» «nets»: residuals help; «RESIDUAL» learning (a «residual» block).",
    );
    // The last term is a prefix: `residuals` is marked as far as the term goes.
    expect(markSnippet(text, terms("resid"), 200)).toContain("«resid»uals help");
  });

  it("cuts a window around the first match, merges overlapping marks, marks Chinese inside runs", () => {
    const long = `${"x ".repeat(60)}深度残差网络 and 残差块${" y".repeat(60)}`;
    const snippet = markSnippet(long, terms("残差"), 20);
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet).toContain("深度«残差»网络 and «残差»块");
    expect(
      markSnippet("transformers", [termMatcher("trans", true), termMatcher("transform", true)]),
    ).toBe("«transform»ers");
    // No term in the text (matched through another field): its start, unmarked.
    expect(markSnippet("nothing  here", terms("zebra"))).toBe("nothing here");
  });
});
