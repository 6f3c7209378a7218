/**
 * The reasons of the suggestions `rankRelatedPapers` shows (issue 19): for only those, the seeds
 * they cite or are cited by, that library papers cite beside them, that share references with
 * them, and S2's recommendation. Split from the ranking so each stays one concept.
 */
import type { GraphIndex, NodeLists } from "./graph-index.js";
import type { RelatedPaper, Seed } from "./related-papers.js";

/** The shown candidates' reasons: the seeds they cite or are cited by, beside, or share with. */
export function explain(
  g: GraphIndex,
  seeds: readonly Seed[],
  seedNodes: number[],
  shown: RelatedPaper[],
  via: {
    besideLists: number[];
    citing: Map<number, Seed[]>;
    seedAt: (Seed | undefined)[];
    recommendedRank?: ReadonlyMap<string, number>;
    recommendedFrom?: readonly string[];
  },
): RelatedPaper[] {
  const { refs, cits } = g;
  const slot = new Map<number, RelatedPaper>();
  // A recommendation the graph does not hold (node −1) has no lists to be named in.
  for (const r of shown) {
    const v = g.nodeOf(r.s2);
    if (v >= 0) slot.set(v, r);
  }
  const each = (l: NodeLists, p: number, fn: (r: RelatedPaper) => void) => {
    const to = l.offset[p + 1] as number;
    for (let k = l.offset[p] as number; k < to; k++) {
      const r = slot.get(l.entry[k] as number);
      if (r) fn(r);
    }
  };
  const count = <T extends { name: string }>(
    list: T[],
    name: string,
    make: () => T,
    up: (x: T) => void,
  ) => {
    const found = list.find((x) => x.name === name);
    if (found) up(found);
    else list.push(make());
  };
  seeds.forEach((seed, k) => {
    const v = seedNodes[k] as number;
    if (v < 0) return;
    if ((refs.of[v] as number) >= 0)
      each(refs, refs.of[v] as number, (r) => r.citedBy.push(seed.name));
    if ((cits.of[v] as number) >= 0)
      each(cits, cits.of[v] as number, (r) => r.cites.push(seed.name));
  });
  for (const p of via.besideLists) {
    const beside: Seed[] = [];
    const to = refs.offset[p + 1] as number;
    for (let k = refs.offset[p] as number; k < to; k++) {
      const s = via.seedAt[refs.entry[k] as number];
      if (s) beside.push(s);
    }
    each(refs, p, (r) => {
      for (const s of beside) {
        count(
          r.citedWith,
          s.name,
          () => ({ name: s.name, times: 1 }),
          (x) => x.times++,
        );
      }
    });
  }
  for (let p = 0; p < cits.owner.length; p++) {
    const list = via.citing.get(cits.owner[p] as number);
    if (!list) continue;
    each(cits, p, (r) => {
      for (const s of list) {
        count(
          r.sharesWith,
          s.name,
          () => ({ name: s.name, shared: 1 }),
          (x) => x.shared++,
        );
      }
    });
  }
  for (const r of shown) {
    // The rank holds every recommendation kept as a candidate, and only those.
    const rank = via.recommendedRank?.get(r.s2);
    if (rank !== undefined) r.recommended = { rank, from: via.recommendedFrom ?? [] };
    r.sharesWith.sort((a, b) => b.shared - a.shared);
    r.citedWith.sort((a, b) => b.times - a.times);
  }
  return shown;
}
