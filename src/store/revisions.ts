import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  contentHash,
  readBytesIfExists,
  updateLibraryFile,
  writeFileAtomic,
} from "../base/index.js";
import { ConflictError, JingduError } from "../core/index.js";
import { parseFrontMatter } from "./front-matter.js";
import { libraryFileRole } from "./library-layout.js";
import { firstNotUtf8Line } from "./read-files.js";

/** Folder of a library that keeps earlier versions of edited files (see docs/library-format.md). */
export const REVISIONS_DIR = "revisions";

/** A note file split into its front matter (kept as it is) and its Markdown body. */
export interface NoteFile {
  /** Everything up to and including the closing `---` line ("" without one), as text. */
  head: string;
  body: string;
  /** sha256 of the file's bytes, or null when the file does not exist yet. */
  hash: string | null;
  /** The file decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
  text: string;
  /** The file's exact bytes (empty when it does not exist). */
  bytes: Buffer;
  /** The 1-based line of the first byte that is not UTF-8, or undefined when all of it is. */
  badUtf8Line?: number;
}

/**
 * A note's body holds bytes that are not UTF-8, and the save did not say to convert them
 * (the editor shows them as U+FFFD, so saving would replace them). The server answers 422.
 */
export class NotUtf8Error extends JingduError {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number) {
    super(
      "note-not-utf8",
      `${file}:${line}: the note has bytes that are not UTF-8; saving it from the editor replaces them with \uFFFD`,
      {
        hint: "Convert it to UTF-8? The exact bytes are kept in revisions/. (Or cancel and fix its encoding in another editor.)",
      },
    );
    this.name = "NotUtf8Error";
    this.file = file;
    this.line = line;
  }
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

/**
 * The bytes of a file's head (see `splitNote`), found by counting its newlines in the bytes: a
 * newline byte is never part of a multi-byte sequence, so this holds when the head is not UTF-8.
 */
function headBytesOf(bytes: Buffer, head: string, text: string): Buffer {
  if (head === text) return bytes;
  let lines = 0;
  for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 0x0a) lines++;
  let at = 0;
  for (let seen = 0; seen < lines; at++) if (bytes[at] === 0x0a) seen++;
  return bytes.subarray(0, at);
}

/** `joinNote` on the head's exact bytes: a body saved under front matter that is not UTF-8. */
export function joinNoteBytes(head: Uint8Array, body: string): Buffer {
  const joined = joinNote("", body);
  const sep = head.length === 0 || head[head.length - 1] === 0x0a ? "" : "\n";
  return Buffer.concat([head, Buffer.from(`${sep}${joined}`, "utf8")]);
}

/** A library file a note may be edited in: papers, courses and episodes only. */
export function isNoteFile(file: string): boolean {
  const segments = file.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || /[\\\0]/.test(s))) return false;
  const role = libraryFileRole(file);
  return role?.kind === "paper" || role?.kind === "course" || role?.kind === "episode";
}

/** Reads a note: its exact bytes, their hash (the editor's base), and its text split in two. */
export async function readNote(root: string, file: string): Promise<NoteFile> {
  const bytes = await readBytesIfExists(join(root, file));
  if (bytes === null) return { head: "", body: "", hash: null, text: "", bytes: Buffer.alloc(0) };
  return noteOf(file, bytes);
}

function noteOf(file: string, bytes: Buffer): NoteFile {
  const text = bytes.toString("utf8");
  const bad = firstNotUtf8Line(Buffer.from(bytes));
  return {
    ...splitNote(text, file),
    hash: contentHash(bytes),
    text,
    bytes,
    ...(bad === undefined ? {} : { badUtf8Line: bad }),
  };
}

/** A revision's file name from a time: `2025-06-01T08-30-00-123Z.md` (no `:`, sorts by time). */
export function revisionName(date: Date): string {
  return `${date.toISOString().replace(/[:.]/g, "-")}.md`;
}

const REVISION_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d+)?\.md$/;

/** Keeps `content` (exact bytes) as a revision of `file` (`revisions/<file>/<time>.md`). */
export async function keepRevision(
  root: string,
  file: string,
  content: string | Uint8Array,
  now: () => Date,
): Promise<string> {
  const dir = join(root, REVISIONS_DIR, file);
  const base = revisionName(now()).slice(0, -3);
  for (let n = 0; ; n++) {
    const name = n === 0 ? `${base}.md` : `${base}-${n}.md`;
    try {
      // Created, never replaced: two revisions in the same millisecond get `-1`, `-2`…
      await writeFileAtomic(join(dir, name), content, { expectedHash: null });
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

/** A revision's exact bytes. */
export async function readRevisionBytes(root: string, file: string, name: string): Promise<Buffer> {
  if (!REVISION_NAME.test(name)) throw new RangeError(`not a revision: ${name}`);
  return readFile(join(root, REVISIONS_DIR, file, name));
}

/** A revision as text, for showing it (bytes that are not UTF-8 become U+FFFD). */
export async function readRevision(root: string, file: string, name: string): Promise<string> {
  return (await readRevisionBytes(root, file, name)).toString("utf8");
}

/**
 * Overwrites `file` with `content` if it is still what was read (`expectedHash`, the hash of its
 * bytes; `null`: it must not exist), keeping the previous bytes as a revision first, all under
 * the file's lock. Throws ConflictError when the file changed on disk. Returns the new hash.
 */
export async function saveWithRevision(
  root: string,
  file: string,
  content: string | Uint8Array,
  expectedHash: string | null,
  now: () => Date,
): Promise<string> {
  const next = Buffer.from(content);
  const done = await updateLibraryFile(
    join(root, file),
    async (current) => {
      if (current.bytes !== null && !current.bytes.equals(next)) {
        await keepRevision(root, file, current.bytes, now);
      }
      return { content: next };
    },
    { expectedHash },
  );
  return done.hash ?? contentHash(next);
}

export interface SaveNoteOptions {
  /** Replace bytes of the body that are not UTF-8 (the user confirmed); otherwise NotUtf8Error. */
  convert?: boolean;
}

/**
 * Saves the editor's `body` under the note's front matter, as one step under the file's lock:
 * the base hash is checked against the bytes on disk (ConflictError when stale), the front
 * matter's bytes are kept exactly (even when they are not UTF-8), the previous bytes become a
 * revision. A body whose bytes on disk are not UTF-8 is refused with NotUtf8Error unless
 * `convert` is set, since the editor only ever saw it with U+FFFD in their place.
 */
export async function saveNoteBody(
  root: string,
  file: string,
  body: string,
  expectedHash: string | null,
  now: () => Date,
  options: SaveNoteOptions = {},
): Promise<string> {
  const done = await updateLibraryFile(
    join(root, file),
    async (current) => {
      const note = current.bytes === null ? undefined : noteOf(file, current.bytes);
      const head = note ? headBytesOf(note.bytes, note.head, note.text) : Buffer.alloc(0);
      if (note?.badUtf8Line !== undefined && !options.convert) {
        const bodyBad = firstNotUtf8Line(Buffer.from(note.bytes.subarray(head.length)));
        if (bodyBad !== undefined) {
          throw new NotUtf8Error(file, bodyBad + countNewlines(head));
        }
      }
      const next = joinNoteBytes(head, body);
      if (current.bytes !== null && !current.bytes.equals(next)) {
        await keepRevision(root, file, current.bytes, now);
      }
      return { content: next };
    },
    { expectedHash },
  );
  return done.hash as string;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x0a) n++;
  return n;
}

/** Makes a revision the current file again (exact bytes); the current bytes become a revision. */
export async function restoreRevision(
  root: string,
  file: string,
  name: string,
  now: () => Date,
): Promise<string> {
  const bytes = await readRevisionBytes(root, file, name);
  const done = await updateLibraryFile(join(root, file), async (current) => {
    if (current.bytes !== null && !current.bytes.equals(bytes)) {
      await keepRevision(root, file, current.bytes, now);
    }
    return { content: bytes };
  });
  return done.hash as string;
}
