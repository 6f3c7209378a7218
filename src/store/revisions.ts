import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConflictError } from "../core/index.js";
import { contentHash, writeFileAtomic } from "./atomic-write.js";
import { parseFrontMatter } from "./front-matter.js";
import { libraryFileRole } from "./library-layout.js";

/** Folder of a library that keeps earlier versions of edited files (see docs/library-format.md). */
export const REVISIONS_DIR = "revisions";

/** A note file split into its front matter bytes (kept as they are) and its Markdown body. */
export interface NoteFile {
  /** Everything up to and including the closing `---` line, byte for byte ("" without one). */
  head: string;
  body: string;
  /** sha256 of the whole file, or null when the file does not exist yet. */
  hash: string | null;
  text: string;
}

/** Splits a Markdown file into front matter (verbatim) and body (without the final newline). */
export function splitNote(text: string, file: string): { head: string; body: string } {
  const parsed = parseFrontMatter(text, file);
  if (!parsed.hasFrontMatter) return { head: "", body: parsed.body };
  if (parsed.body === "") return { head: text, body: "" };
  const trailing = text.endsWith("\r\n") ? 2 : text.endsWith("\n") ? 1 : 0;
  const head = text.slice(0, text.length - trailing - parsed.body.length);
  if (text.slice(head.length, head.length + parsed.body.length) !== parsed.body) {
    throw new Error(`cannot split the front matter of ${file}`);
  }
  return { head, body: parsed.body };
}

/** Joins front matter bytes and a body into the file text (ending with one newline). */
export function joinNote(head: string, body: string): string {
  const trimmed = body.replace(/\r\n/g, "\n").replace(/\n+$/, "");
  const start = head === "" || head.endsWith("\n") ? head : `${head}\n`;
  return `${start}${trimmed}\n`;
}

/** A library file a note may be edited in: papers, courses and episodes only. */
export function isNoteFile(file: string): boolean {
  const segments = file.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || /[\\\0]/.test(s))) return false;
  const role = libraryFileRole(file);
  return role?.kind === "paper" || role?.kind === "course" || role?.kind === "episode";
}

export async function readNote(root: string, file: string): Promise<NoteFile> {
  let text = "";
  try {
    text = await readFile(join(root, file), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    return { head: "", body: "", hash: null, text: "" };
  }
  return { ...splitNote(text, file), hash: contentHash(text), text };
}

/** A revision's file name from a time: `2025-06-01T08-30-00-123Z.md` (no `:`, sorts by time). */
export function revisionName(date: Date): string {
  return `${date.toISOString().replace(/[:.]/g, "-")}.md`;
}

const REVISION_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d+)?\.md$/;

/** Keeps `text` as a revision of `file` (`revisions/<file>/<time>.md`); returns its name. */
export async function keepRevision(
  root: string,
  file: string,
  text: string,
  now: () => Date,
): Promise<string> {
  const dir = join(root, REVISIONS_DIR, file);
  const base = revisionName(now()).slice(0, -3);
  for (let n = 0; ; n++) {
    const name = n === 0 ? `${base}.md` : `${base}-${n}.md`;
    try {
      await writeFileAtomic(join(dir, name), text, { expectedHash: null });
      return name;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
}

/** The revisions of a file, newest first. */
export async function listRevisions(root: string, file: string): Promise<string[]> {
  try {
    const names = await readdir(join(root, REVISIONS_DIR, file));
    return names.filter((n) => REVISION_NAME.test(n)).sort((a, b) => (a < b ? 1 : -1));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

export async function readRevision(root: string, file: string, name: string): Promise<string> {
  if (!REVISION_NAME.test(name)) throw new RangeError(`not a revision: ${name}`);
  return readFile(join(root, REVISIONS_DIR, file, name), "utf8");
}

/**
 * Overwrites `file` with `text` if it is still what was read (`expectedHash`), keeping the
 * previous content as a revision first. Throws ConflictError when the file changed on disk.
 */
export async function saveWithRevision(
  root: string,
  file: string,
  text: string,
  expectedHash: string | null,
  now: () => Date,
): Promise<string> {
  const current = await readNote(root, file);
  if (current.hash !== expectedHash) throw new ConflictError(file);
  if (current.hash !== null && current.text !== text) {
    await keepRevision(root, file, current.text, now);
  }
  await writeFileAtomic(join(root, file), text, { expectedHash });
  return contentHash(text);
}

/** Makes a revision the current file again; the current content becomes a revision itself. */
export async function restoreRevision(
  root: string,
  file: string,
  name: string,
  now: () => Date,
): Promise<string> {
  const text = await readRevision(root, file, name);
  const current = await readNote(root, file);
  return saveWithRevision(root, file, text, current.hash, now);
}
