import { type Document, isSeq } from "yaml";
import { ensureMap, updateProgressFile } from "./progress.js";

/** The sections of a paper in reading order (the per-section checklist of progress.yaml). */
export const PAPER_SECTIONS = [
  "title",
  "abstract",
  "introduction",
  "method",
  "experiments",
  "conclusion",
] as const;

export type PaperSection = (typeof PAPER_SECTIONS)[number];

/** Sections in reading order: the known ones first in their order, then any others as written. */
export function orderSections(sections: readonly string[]): string[] {
  const unique = [...new Set(sections)];
  const rank = (s: string): number => {
    const i = (PAPER_SECTIONS as readonly string[]).indexOf(s);
    return i === -1 ? PAPER_SECTIONS.length : i;
  };
  return unique
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
}

/**
 * Adds sections to a paper's checklist in progress.yaml (kept in reading order, no duplicates).
 * @example await addPaperSections(root, "resnet", ["method"])
 */
export async function addPaperSections(
  root: string,
  paperId: string,
  sections: readonly string[],
): Promise<boolean> {
  return updateProgressFile(root, (doc) => {
    const current = doc.getIn(["papers", paperId, "sections"], true);
    const had = isSeq(current) ? (current.toJSON() as unknown[]).map(String) : [];
    writeSections(doc, paperId, [...had, ...sections]);
  });
}

/**
 * Sets a paper's section checklist to exactly these sections (the app's checklist: a box can be
 * cleared), kept in reading order; `addPaperSections` only adds.
 * @example await setPaperSections(root, "resnet", ["title", "abstract"])
 */
export async function setPaperSections(
  root: string,
  paperId: string,
  sections: readonly string[],
): Promise<boolean> {
  return updateProgressFile(root, (doc) => writeSections(doc, paperId, sections));
}

/** The paper's `sections:` as one flow list in reading order (`[title, abstract]`). */
function writeSections(doc: Document, paperId: string, sections: readonly string[]): void {
  const seq = doc.createNode(orderSections(sections));
  seq.flow = true;
  ensureMap(doc, ["papers", paperId]).set("sections", seq);
}

export interface PaperValueRating {
  novelty: number;
  effectiveness: number;
  problemSize: number;
}

/**
 * Sets the value rating of a paper in progress.yaml.
 * @example await setPaperValue(root, "resnet", { novelty: 4, effectiveness: 5, problemSize: 5 })
 */
export async function setPaperValue(
  root: string,
  paperId: string,
  value: PaperValueRating,
): Promise<boolean> {
  return updateProgressFile(root, (doc) => {
    const paper = ensureMap(doc, ["papers", paperId]);
    const node = doc.createNode({
      novelty: value.novelty,
      effectiveness: value.effectiveness,
      problemSize: value.problemSize,
    });
    node.flow = true;
    paper.set("value", node);
  });
}
