import { describe, expect, it } from "vitest";
import { createRandom } from "../../bench/paper-library.js";
import { rankRelatedPapersPlain } from "../../test/support/related-papers-plain.js";
import { type CitationGraph, emptyCitationGraph } from "../core/index.js";
import { indexCitationGraph } from "./graph-index.js";
import { rankRelatedPapers, type Seed } from "./related-papers.js";

const at = "2026-12-04T10:00:00.000Z";

describe("the typed-array ranking gives what the plain ranking gave", () => {
  it("over 300 random graphs, each mutated 10 times: same suggestions, scores, reasons", () => {
    for (let round = 0; round < 300; round++) {
      const rnd = createRandom(round + 1);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      // Few ids, so lists overlap, seeds cite each other and ties happen.
      const nodes = 5 + Math.floor(rnd() * 40);
      const id = () => `p${Math.floor(nodes * rnd() ** 1.5)}`;
      const g: CitationGraph = emptyCitationGraph();
      const list = () => Array.from({ length: Math.floor(rnd() * 8) }, id);
      const fetchList = (s2: string) => {
        g.references.set(s2, list());
        g.citations.set(s2, list());
        g.fetched.set(s2, { fetchedAt: at });
      };
      for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) fetchList(id());
      for (let k = 0; k < nodes; k++) {
        if (rnd() < 0.7)
          g.papers.set(`p${k}`, { s2: `p${k}`, citationCount: Math.floor(rnd() * 4) });
      }
      for (let m = 0; m < 10; m++) {
        const library = [...g.references.keys()];
        const seeds: Seed[] = Array.from({ length: Math.floor(rnd() * 5) }, () => {
          const s2 = rnd() < 0.8 && library.length > 0 ? pick(library) : id();
          return {
            s2,
            paperId: s2,
            name: `n${s2.length % 3}${s2}`,
            weight: pick([0.2, 1, 2, 3.5]),
          };
        });
        if (rnd() < 0.2 && seeds[0]) seeds.push({ ...seeds[0], name: "again", weight: 4 }); // the same id twice
        const opts = {
          inLibrary: new Set(library.filter(() => rnd() < 0.8)),
          exclude: new Set(Array.from({ length: Math.floor(rnd() * 3) }, id)),
          limit: pick([1, 3, 5, 20]),
          // S2's answer: graph papers, library papers, seeds, repeats and papers the graph lacks.
          ...(rnd() < 0.5
            ? {
                recommended: {
                  papers: Array.from({ length: Math.floor(rnd() * 6) }, () => {
                    const s2 = rnd() < 0.6 ? id() : `q${Math.floor(rnd() * 5)}`;
                    return { s2, citationCount: Math.floor(rnd() * 4) };
                  }),
                  from: seeds.map((s) => s.name),
                },
              }
            : {}),
        };
        const plain = rankRelatedPapersPlain(g, seeds, opts);
        const index = indexCitationGraph(g);
        const context = `round ${round}, mutation ${m}`;
        expect(rankRelatedPapers(g, seeds, opts), context).toEqual(plain);
        expect(rankRelatedPapers(index, seeds, opts), context).toEqual(plain);
        // Mutate: a new fetched paper, a list replaced, an entry pushed in place, a paper's count.
        const kind = Math.floor(rnd() * 4);
        if (kind === 0) fetchList(id());
        else if (kind === 1 && library.length > 0) g.references.set(pick(library), list());
        else if (kind === 2 && library.length > 0) g.citations.get(pick(library))?.push(id());
        else {
          const s2 = id();
          g.papers.set(s2, { s2, citationCount: Math.floor(rnd() * 4) });
        }
      }
    }
  });
});
