import type { Library, Paper, PaperProgress } from "../core/index.js";
import { JingduError } from "../core/index.js";

export interface RecordReadingOptions {
  root: string;
  library: Library;
  /** The paper's id. */
  paperId: string;
  /** A reading pass done today. */
  pass?: 1 | 2 | 3;
  /** Sections read (names from the store's PAPER_SECTIONS). */
  sections?: readonly string[];
  value?: { novelty: number; effectiveness: number; problemSize: number };
  now: () => Date;
}

/**
 * Records reading a paper in progress.yaml: a pass (with today's date), sections read, a value
 * rating; returns the paper's reading state as the file now holds it, and the files written.
 * @example await recordReading({ root, library, paperId: "resnet", pass: 1, now })
 */
export async function recordReading(
  opts: RecordReadingOptions,
): Promise<{ paper: Paper; state: PaperProgress; changed: string[] }> {
  const paper = opts.library.papers.find((p) => p.id === opts.paperId);
  if (!paper) {
    throw new JingduError("unknown-paper", `no paper “${opts.paperId}” in the catalog`, {
      hint: "Use the paper's id (its file name in papers/).",
    });
  }
  if (opts.pass !== undefined && ![1, 2, 3].includes(opts.pass)) {
    throw new JingduError("bad-pass", `a pass is 1, 2 or 3, not ${String(opts.pass)}`);
  }
  const store = await import("../store/index.js");
  if (opts.pass !== undefined) await store.setPaperPass(opts.root, paper.id, opts.pass, opts);
  if (opts.sections && opts.sections.length > 0) {
    await store.addPaperSections(opts.root, paper.id, opts.sections);
  }
  if (opts.value) await store.setPaperValue(opts.root, paper.id, opts.value);
  const state = (await store.readProgress(opts.root)).papers[paper.id] ?? {
    passes: [],
    sections: [],
  };
  return { paper, state, changed: [store.LIBRARY_FILES.progress] };
}
