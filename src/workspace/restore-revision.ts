import { JingduError } from "../core/index.js";
import { checkNoteFile } from "./note-edits.js";

const revisions = () => import("../store/index.js");

/** The revisions of a note, newest first, each with its text. */
export async function listNoteRevisions(
  root: string,
  file: string,
): Promise<{ name: string; text: string }[]> {
  const rel = await checkNoteFile(file);
  const { listRevisions, readRevision } = await revisions();
  const names = await listRevisions(root, rel);
  return Promise.all(
    names.map(async (name) => ({ name, text: await readRevision(root, rel, name) })),
  );
}

/**
 * Makes a revision of a note the current version; the current one becomes a revision itself.
 * Returns the note's new hash.
 * @example await restoreNoteRevision({ root, file: "papers/resnet.md", revision, now })
 */
export async function restoreNoteRevision(opts: {
  root: string;
  file: string;
  revision: string;
  now: () => Date;
}): Promise<{ file: string; hash: string }> {
  const file = await checkNoteFile(opts.file);
  const { listRevisions, restoreRevision } = await revisions();
  if (!(await listRevisions(opts.root, file)).includes(opts.revision)) {
    throw new JingduError("unknown-revision", `no revision ${opts.revision} of ${file}`, {
      hint: `List them with: jingdu revisions ${file}`,
    });
  }
  return { file, hash: await restoreRevision(opts.root, file, opts.revision, opts.now) };
}

/** A note file's whole current text (front matter and body), or undefined when it is gone. */
export async function readNoteText(root: string, file: string): Promise<string | undefined> {
  const rel = await checkNoteFile(file);
  const note = await (await revisions()).readNote(root, rel);
  return note.hash === null ? undefined : note.text;
}

/**
 * The papers and episodes that have revisions but no file any more (deleted in the app, merged
 * away), newest deletion first, each with its newest revision: what a restore brings back.
 */
export async function listDeletedItems(
  root: string,
): Promise<{ file: string; revision: string }[]> {
  const { readdir } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { listRevisions, readBytesIfExists, REVISIONS_DIR } = await revisions();
  const dirs = async (rel: string): Promise<string[]> => {
    try {
      const entries = await readdir(join(root, REVISIONS_DIR, rel), { withFileTypes: true });
      return entries.filter((d) => d.isDirectory()).map((d) => d.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  };
  const files = (await dirs("papers")).map((n) => `papers/${n}`);
  for (const course of await dirs("courses")) {
    for (const n of await dirs(`courses/${course}/episodes`)) {
      files.push(`courses/${course}/episodes/${n}`);
    }
  }
  const out: { file: string; revision: string }[] = [];
  for (const file of files) {
    if (!file.endsWith(".md") || (await readBytesIfExists(join(root, file))) !== null) continue;
    const [newest] = await listRevisions(root, file);
    if (newest) out.push({ file, revision: newest });
  }
  return out.sort((a, b) => (a.revision < b.revision ? 1 : -1));
}
