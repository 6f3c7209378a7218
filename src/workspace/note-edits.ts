import { ConflictError, JingduError } from "../core/index.js";

/** A save refused because the note changed on disk since the editor read it: both texts. */
export class NoteConflictError extends ConflictError {
  /** The body the learner sent (not written). */
  readonly yours: string;
  /** The body on disk now, and the hash to send as the base of the next save. */
  readonly disk: string;
  readonly diskHash: string | null;
  constructor(file: string, yours: string, disk: { body: string; hash: string | null }) {
    super(file);
    this.name = "NoteConflictError";
    this.yours = yours;
    this.disk = disk.body;
    this.diskHash = disk.hash;
  }
}

const revisions = () => import("../store/index.js");

/** Refuses a path that is not a paper, course or episode file of the library. */
export async function checkNoteFile(file: string): Promise<string> {
  const rel = file.replaceAll("\\", "/").replace(/^\.\//, "");
  if (!(await revisions()).isNoteFile(rel)) {
    throw new JingduError("not-a-note", `${file} is not a paper, course or episode file`, {
      hint: "Give the path relative to the library, e.g. courses/limu/episodes/007.md.",
    });
  }
  return rel;
}

/** A note as the editor opens it: its Markdown body and the hash a save sends back as its base. */
export async function readNoteForEditing(
  root: string,
  file: string,
): Promise<{ body: string; hash: string | null }> {
  const note = await (await revisions()).readNote(root, await checkNoteFile(file));
  return { body: note.body, hash: note.hash };
}

export interface SaveNoteOptions {
  root: string;
  /** The note file, relative to the library. */
  file: string;
  /** The new Markdown body (the front matter on disk is kept byte for byte). */
  body: string;
  /** The hash of the bytes the editor started from; null for a note file that did not exist. */
  baseHash: string | null;
  now: () => Date;
  /**
   * The learner agreed to save a note whose body on disk is not UTF-8 (the editor saw U+FFFD in
   * place of those bytes; the exact old bytes are kept in revisions/). Without it such a save is
   * refused with NotUtf8Error.
   */
  convert?: boolean;
}

/**
 * Saves a note's body if the file is still the one the editor read (`baseHash`), keeping the
 * previous version in revisions/. The check, the revision and the write happen in one step under
 * the file's lock (store/revisions.ts), so two saves at once never both succeed. Throws
 * NoteConflictError (with both texts) when it changed, NotUtf8Error for a body that is not UTF-8.
 * @example const { hash } = await saveNote({ root, file: "papers/resnet.md", body, baseHash, now })
 */
export async function saveNote(opts: SaveNoteOptions): Promise<{ hash: string }> {
  const file = await checkNoteFile(opts.file);
  const { readNote, saveNoteBody } = await revisions();
  try {
    const hash = await saveNoteBody(opts.root, file, opts.body, opts.baseHash, opts.now, {
      convert: opts.convert === true,
    });
    return { hash };
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    throw new NoteConflictError(file, opts.body, await readNote(opts.root, file));
  }
}

/** Keeps a draft body of a note as a revision without touching the note; returns its name. */
export async function keepNoteDraft(opts: {
  root: string;
  file: string;
  body: string;
  now: () => Date;
}): Promise<string> {
  const file = await checkNoteFile(opts.file);
  const { joinNote, keepRevision, readNote } = await revisions();
  const current = await readNote(opts.root, file);
  return keepRevision(opts.root, file, joinNote(current.head, opts.body), opts.now);
}
