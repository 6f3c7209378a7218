import type { Library, Paper, PaperProgress } from "../core/index.js";
import { JingduError } from "../core/index.js";

export interface EditReadingOptions {
  root: string;
  library: Library;
  paperId: string;
  /** Undo this reading pass (the app's pass button clicked again). */
  undoPass?: 1 | 2 | 3;
  /** The section checklist as it now stands (replaces the file's: a box can be cleared). */
  sections?: readonly string[];
}

/**
 * The app's edits of a paper's reading record that `recordReading` (the CLI `read`, which only
 * adds) does not do: a pass taken back, the checklist set as a whole. Written to progress.yaml
 * through the store's one writer; returns the paper's state as the file now holds it.
 * @example await editReading({ root, library, paperId: "resnet", undoPass: 2 })
 */
export async function editReading(
  opts: EditReadingOptions,
): Promise<{ paper: Paper; state: PaperProgress; changed: string[]; undone: boolean }> {
  const paper = opts.library.papers.find((p) => p.id === opts.paperId);
  if (!paper) {
    throw new JingduError("unknown-paper", `no paper “${opts.paperId}” in the catalog`, {
      hint: "Use the paper's id (its file name in papers/).",
    });
  }
  if (opts.undoPass !== undefined && ![1, 2, 3].includes(opts.undoPass)) {
    throw new JingduError("bad-pass", `a pass is 1, 2 or 3, not ${String(opts.undoPass)}`);
  }
  const store = await import("../store/index.js");
  let undone = false;
  if (opts.undoPass !== undefined) {
    undone = await store.unsetPaperPass(opts.root, paper.id, opts.undoPass);
  }
  if (opts.sections) await store.setPaperSections(opts.root, paper.id, opts.sections);
  const state = (await store.readProgress(opts.root)).papers[paper.id] ?? {
    passes: [],
    sections: [],
  };
  return { paper, state, changed: [store.LIBRARY_FILES.progress], undone };
}
