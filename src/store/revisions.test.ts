import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contentHash } from "../base/index.js";
import { ConflictError } from "../core/index.js";
import {
  NotUtf8Error,
  readNote,
  readRevisionBytes,
  restoreRevision,
  saveNoteBody,
  saveWithRevision,
} from "./revisions.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const FILE = "papers/resnet.md";
const now = () => new Date("2026-03-01T10:00:00Z");

async function library(bytes: Buffer | string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "jingdu-revisions-"));
  dirs.push(root);
  await mkdir(join(root, "papers"));
  await writeFile(join(root, FILE), bytes);
  return root;
}
const revisions = async (root: string) => readdir(join(root, "revisions", FILE)).catch(() => []);

describe("note saves and revisions", () => {
  it("hashes the bytes on disk and keeps a note's exact bytes as its revision", async () => {
    const bytes = Buffer.from("---\nshort: ResNet\n---\ncaf\xe9\n", "latin1");
    const root = await library(bytes);
    const note = await readNote(root, FILE);
    expect(note.hash).toBe(contentHash(bytes));
    expect(note.badUtf8Line).toBe(4);
    await saveNoteBody(root, FILE, "café", note.hash, now, { convert: true });
    expect(await readFile(join(root, FILE), "utf8")).toBe("---\nshort: ResNet\n---\ncafé\n");
    const [name] = await revisions(root);
    expect((await readRevisionBytes(root, FILE, name as string)).equals(bytes)).toBe(true);
    await restoreRevision(root, FILE, name as string, now);
    expect((await readFile(join(root, FILE))).equals(bytes)).toBe(true);
  });

  it("refuses to convert a body that is not UTF-8 unless told, naming file and line", async () => {
    const root = await library(Buffer.from("---\nshort: R\n---\nok\nbad \xff here\n", "latin1"));
    const { hash } = await readNote(root, FILE);
    const err = await saveNoteBody(root, FILE, "new", hash, now).catch((e) => e);
    expect(err).toBeInstanceOf(NotUtf8Error);
    expect(err.line).toBe(5);
    expect(err.message).toContain(`${FILE}:5`);
    expect(await revisions(root)).toEqual([]);
  });

  it("keeps front matter that is not UTF-8 byte for byte without asking", async () => {
    const head = Buffer.from("---\nshort: R\n# \xe9t\xe9\n---\n", "latin1");
    const root = await library(Buffer.concat([head, Buffer.from("old body\n")]));
    const { hash } = await readNote(root, FILE);
    await saveNoteBody(root, FILE, "new body", hash, now);
    expect(
      (await readFile(join(root, FILE))).equals(Buffer.concat([head, Buffer.from("new body\n")])),
    ).toBe(true);
  });

  it("of two saves with the same base, one is kept and the other refused", async () => {
    const root = await library("---\nshort: R\n---\nbase\n");
    const { hash } = await readNote(root, FILE);
    const results = await Promise.allSettled([
      saveWithRevision(root, FILE, "---\nshort: R\n---\none\n", hash, now),
      saveWithRevision(root, FILE, "---\nshort: R\n---\ntwo\n", hash, now),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(await revisions(root)).toHaveLength(1);
  });
});
