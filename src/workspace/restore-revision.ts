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
