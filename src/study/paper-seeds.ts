/**
 * The seeds of `rankRelatedPapers` from a library: the papers the learner studied (a reading pass,
 * or covered by a watched episode), weighted by passes and value rating (`seedWeight`). Shared by
 * `jingdu next --papers` and the app's Next page, so both start from the same papers.
 */
import type { Library } from "../core/index.js";
import { type Seed, seedWeight } from "./related-papers.js";
import { valueMean } from "./value.js";

export interface PaperSeeds {
  seeds: Seed[];
  /** True when nothing was studied yet and every paper with an S2 id stands in. */
  everyPaper: boolean;
}

/**
 * The papers of the episodes watched (`done`) and of those skipped, by paper id (a paper may be
 * in both). One walk for the seeds and for the recommendations' negative examples.
 */
export function episodePapers(library: Library): { watched: Set<string>; skipped: Set<string> } {
  const watched = new Set<string>();
  const skipped = new Set<string>();
  for (const course of library.courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    for (const e of course.episodes) {
      const status = progress[e.number]?.status;
      const into = status === "done" ? watched : status === "skipped" ? skipped : undefined;
      if (into) for (const p of e.papers) into.add(p);
    }
  }
  return { watched, skipped };
}

/**
 * The studied papers with an S2 id as seeds; `only` (a paper id) seeds that paper alone. When
 * nothing is studied yet (and `only` is not given), every paper with an S2 id stands in, weight 1.
 * `s2Of` maps a paper id to its S2 id: its own `ids.s2`, or the one the graph gave a paper fetched
 * by its arXiv id or DOI (sources' `libraryS2Ids`).
 * @example paperSeeds(library, s2Of).seeds // [{ s2: "2c03…", paperId: "resnet", name: "ResNet", weight: 2 }]
 */
export function paperSeeds(
  library: Library,
  s2Of: ReadonlyMap<string, string>,
  only?: string,
): PaperSeeds {
  const { watched } = episodePapers(library);
  const seeds: Seed[] = [];
  for (const p of library.papers) {
    const s2 = s2Of.get(p.id);
    if (!s2) continue;
    if (only !== undefined && p.id !== only) continue;
    const progress = library.progress.papers[p.id];
    const passes = progress?.passes.length ?? 0;
    if (only === undefined && passes === 0 && !watched.has(p.id)) continue;
    const v = progress?.value;
    const value = v ? valueMean(v) : undefined;
    seeds.push({
      s2,
      paperId: p.id,
      name: p.short,
      weight: seedWeight({ passes, ...(value === undefined ? {} : { value }) }),
    });
  }
  if (seeds.length > 0 || only !== undefined) return { seeds, everyPaper: false };
  const every = library.papers.flatMap((p) => {
    const s2 = s2Of.get(p.id);
    return s2 ? [{ s2, paperId: p.id, name: p.short, weight: 1 }] : [];
  });
  return { seeds: every, everyPaper: true };
}
