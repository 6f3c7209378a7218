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
  return library.categories.map((cat) => {
    const byPass: [number, number, number, number] = [0, 0, 0, 0];
    for (const paper of library.papers) {
      if (paper.categories[0] === cat.id) byPass[highest(paper.id)]++;
    }
    return { categoryId: cat.id, name: cat.name, byPass };
  });
}
