import type { Library } from "../core/index.js";

export interface CategoryPasses {
  categoryId: string;
  name: string;
  /** Papers by the highest pass recorded: [not read, pass 1, pass 2, pass 3]. */
  byPass: [number, number, number, number];
}

/**
 * Papers per category (their primary one) by the highest reading pass done, in catalog order;
 * papers without a known category are left out.
 */
export function papersByCategoryAndPass(library: Library): CategoryPasses[] {
  const highest = (paperId: string): 0 | 1 | 2 | 3 =>
    Math.max(0, ...(library.progress.papers[paperId]?.passes ?? []).map((p) => p.pass)) as
      | 0
      | 1
      | 2
      | 3;
  // One pass over the papers, not one per category.
  const counts = new Map<string, [number, number, number, number]>(
    library.categories.map((cat) => [cat.id, [0, 0, 0, 0]]),
  );
  for (const paper of library.papers) {
    const byPass = counts.get(paper.categories[0] ?? "");
    if (byPass) byPass[highest(paper.id)]++;
  }
  return library.categories.map((cat) => ({
    categoryId: cat.id,
    name: cat.name,
    byPass: counts.get(cat.id) ?? [0, 0, 0, 0],
  }));
}
