import { describe, expect, it } from "vitest";
import { type CitationGraph, emptyCitationGraph } from "../core/index.js";
import { personalizedPageRank } from "./graph-index.js";
import { type RelatedPaper, rankRelatedPapers, type Seed, seedWeight } from "./related-papers.js";
import { relatedReason } from "./related-reason.js";

const at = "2026-12-02T10:00:00.000Z";

/** A graph of library papers `lib` with their lists, and every node named by its id. */
function graphOf(
  lists: Record<string, { references?: string[]; citations?: string[] }>,
): CitationGraph {
  const g = emptyCitationGraph();
  for (const [s2, l] of Object.entries(lists)) {
    g.references.set(s2, l.references ?? []);
    g.citations.set(s2, l.citations ?? []);
    g.fetched.set(s2, { fetchedAt: at });
    for (const n of [s2, ...(l.references ?? []), ...(l.citations ?? [])]) {
      g.papers.set(n, { s2: n, title: n.toUpperCase() });
    }
  }
  return g;
}

const seed = (s2: string, weight = 1): Seed => ({ s2, paperId: s2, name: s2, weight });

type Signal = Exclude<keyof RelatedPaper["signals"], "recommended">;
/** The one candidate a signal alone ranks first (undefined on a tie or when nobody scores). */
function firstBy(ranked: RelatedPaper[], signal: Signal): string | undefined {
  const [a, b] = [...ranked].sort((x, y) => y.signals[signal] - x.signals[signal]);
  if (!a || a.signals[signal] === 0) return undefined;
  return b && b.signals[signal] === a.signals[signal] ? undefined : a.s2;
}

describe("what to read next from the citation graph", () => {
  it("ranks first the paper most seeds cite, and names them", () => {
    const g = graphOf({
      resnet: { references: ["vgg", "alexnet", "batchnorm"] },
      vit: { references: ["transformer", "batchnorm", "alexnet"] },
      mae: { references: ["vit-ext", "batchnorm"] },
      swin: { references: ["batchnorm", "fpn"] },
    });
    const seeds = ["resnet", "vit", "mae", "swin"].map((s) => seed(s));
    const ranked = rankRelatedPapers(g, seeds, { inLibrary: new Set(seeds.map((s) => s.s2)) });
    expect(ranked[0]?.s2).toBe("batchnorm");
    expect(ranked[0]?.citedBy).toEqual(["resnet", "vit", "mae", "swin"]);
    expect(relatedReason(ranked[0] as never, "en")).toBe(
      "cited by 4 papers you read: resnet, vit, mae, swin",
    );
    expect(ranked[1]?.s2).toBe("alexnet");
    expect(ranked.map((r) => r.s2)).not.toContain("resnet");
    // Each score that sees this graph ranks it first on its own, not only their sum.
    expect(firstBy(ranked, "direct")).toBe("batchnorm");
    expect(firstBy(ranked, "ppr")).toBe("batchnorm");
  });

  it("ranks by coupling the citer that shares most references with a seed", () => {
    // moco cites a, b, c (library papers); x cites all three, y one of them.
    const g = graphOf({
      moco: { references: ["a", "b", "c"] },
      a: { citations: ["x", "y"] },
      b: { citations: ["x"] },
      c: { citations: ["x"] },
    });
    const ranked = rankRelatedPapers(g, [seed("moco")], {
      inLibrary: new Set(["moco", "a", "b", "c"]),
    });
    expect(ranked[0]?.s2).toBe("x");
    expect(ranked[0]?.sharesWith).toEqual([{ name: "moco", shared: 3 }]);
    expect(relatedReason(ranked[0] as never, "zh")).toBe("与 moco 有 3 篇共同参考文献");
    expect(firstBy(ranked, "coupling")).toBe("x");
    expect(firstBy(ranked, "ppr")).toBe("x");
  });

  it("ranks by co-citation the paper your papers' citers cite beside them most", () => {
    // Two library papers that are no seeds cite the seeds; beside them, z twice, w once.
    const g = graphOf({
      review: { references: ["resnet", "vit", "z", "w"] },
      survey: { references: ["resnet", "z"] },
    });
    const ranked = rankRelatedPapers(g, [seed("resnet"), seed("vit")], {
      inLibrary: new Set(["resnet", "vit", "review", "survey"]),
    });
    expect(firstBy(ranked, "cocitation")).toBe("z");
    expect(ranked[0]?.s2).toBe("z");
    expect(ranked[0]?.signals.cocitation).toBe(2 + 1);
    expect(ranked.find((r) => r.s2 === "w")?.signals.cocitation).toBe(2);
    expect(ranked[0]?.citedWith).toEqual([
      { name: "resnet", times: 2 },
      { name: "vit", times: 1 },
    ]);
    expect(relatedReason(ranked[0] as never, "en")).toBe(
      "cited together with resnet, vit, which you read",
    );
    expect(relatedReason(ranked[0] as never, "zh")).toBe("常与你读过的 resnet、vit 一同被引用");
  });

  it("weighs a studied paper's neighbours above a skipped one's", () => {
    const g = graphOf({ read: { references: ["p"] }, skipped: { references: ["q"] } });
    const ranked = rankRelatedPapers(
      g,
      [
        seed("read", seedWeight({ passes: 3, value: 5 })),
        seed("skipped", seedWeight({ passes: 0, skipped: true })),
      ],
      { inLibrary: new Set(["read", "skipped"]) },
    );
    expect(ranked.map((r) => r.s2)).toEqual(["p", "q"]);
  });

  it("PageRank mass sums to 1 and gathers at the seed's side of the graph", () => {
    // 0 - 1 - 2   3 - 4 (undirected), restart at 0.
    const start = Int32Array.from([0, 1, 3, 4, 5, 6]);
    const adj = Int32Array.from([1, 0, 2, 1, 4, 3]);
    const rank = personalizedPageRank(start, adj, Float64Array.from([1, 0, 0, 0, 0]));
    const sum = rank.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 9);
    expect(rank[3]).toBeCloseTo(0, 12);
    expect(rank[0]).toBeGreaterThan(rank[2] as number);
  });
});
