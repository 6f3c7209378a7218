import { describe, expect, it } from "vitest";
import { type CitationGraph, emptyCitationGraph, type GraphPaper } from "../core/index.js";
import { indexCitationGraph } from "./graph-index.js";
import { RECOMMENDATION_WEIGHT } from "./recommended-signal.js";
import { rankRelatedPapers, type Seed } from "./related-papers.js";
import { relatedReason } from "./related-reason.js";

const at = "2026-12-06T10:00:00.000Z";

/** Library papers `resnet` and `vit` with their lists; every node named by its id. */
function graph(): CitationGraph {
  const g = emptyCitationGraph();
  const lists: Record<string, string[]> = {
    // bn is cited by both seeds: the graph's clear first. c1…c4 are each cited by resnet alone.
    resnet: ["bn", "c1", "c2", "c3", "c4"],
    vit: ["bn", "transformer"],
  };
  for (const [s2, refs] of Object.entries(lists)) {
    g.references.set(s2, refs);
    g.citations.set(s2, []);
    g.fetched.set(s2, { fetchedAt: at });
    for (const n of [s2, ...refs]) g.papers.set(n, { s2: n, title: n.toUpperCase() });
  }
  return g;
}

const seeds: Seed[] = [
  { s2: "resnet", paperId: "resnet", name: "ResNet", weight: 2 },
  { s2: "vit", paperId: "vit", name: "ViT", weight: 2 },
];
const inLibrary = new Set(["resnet", "vit"]);
const paper = (s2: string, citationCount?: number): GraphPaper => ({
  s2,
  title: s2.toUpperCase(),
  ...(citationCount === undefined ? {} : { citationCount }),
});

describe("S2's recommendations as a fifth signal", () => {
  it("lifts the recommended paper above its equals, and the reason names what S2 was asked from", () => {
    const g = graph();
    const plain = rankRelatedPapers(g, seeds, { inLibrary });
    expect(plain[0]?.s2).toBe("bn");
    // c1…c4 tie; c4 comes after c1…c3 (reached last).
    const before = plain.findIndex((r) => r.s2 === "c4");
    expect(before).toBeGreaterThan(plain.findIndex((r) => r.s2 === "c1"));

    const recommended = { papers: [paper("c4"), paper("resnet")], from: ["ResNet", "ViT"] };
    for (const source of [g, indexCitationGraph(g)]) {
      const ranked = rankRelatedPapers(source, seeds, { inLibrary, recommended });
      const c4 = ranked.find((r) => r.s2 === "c4");
      const plainC4 = plain[before];
      expect(ranked.findIndex((r) => r.s2 === "c4")).toBe(1);
      expect(c4?.score).toBeCloseTo((plainC4?.score ?? 0) + RECOMMENDATION_WEIGHT, 6);
      expect(c4?.signals.recommended).toBe(1);
      expect(c4?.recommended).toEqual({ rank: 1, from: ["ResNet", "ViT"] });
      expect(relatedReason(c4 as never, "en")).toBe(
        "cited by 1 papers you read: ResNet; recommended by Semantic Scholar from ResNet, ViT (#1)",
      );
      expect(relatedReason(c4 as never, "zh")).toContain("Semantic Scholar 根据 ResNet、ViT 推荐");
      // The library paper S2 recommended back is not suggested; the others keep their signals.
      expect(ranked.map((r) => r.s2)).not.toContain("resnet");
      expect(ranked.find((r) => r.s2 === "c1")?.signals.recommended).toBeUndefined();
    }
  });

  it("suggests a recommended paper the graph does not hold, by this signal alone", () => {
    const recommended = {
      papers: [paper("convnext", 5120), paper("bn"), paper("dismissed")],
      from: ["ResNet", "ViT", "MAE", "Swin", "MoCo"],
    };
    const ranked = rankRelatedPapers(graph(), seeds, {
      inLibrary,
      exclude: new Set(["dismissed"]),
      recommended,
    });
    const convnext = ranked.find((r) => r.s2 === "convnext");
    expect(convnext).toMatchObject({
      score: RECOMMENDATION_WEIGHT,
      signals: { direct: 0, ppr: 0, recommended: 1 },
      recommended: { rank: 1 },
      paper: { citationCount: 5120 },
    });
    expect(relatedReason(convnext as never, "en")).toBe(
      "recommended by Semantic Scholar from ResNet, ViT, MAE, Swin and 1 more (#1)",
    );
    // bn stays first (the graph's signals and S2's second place); a dismissed one never shows.
    expect(ranked[0]?.s2).toBe("bn");
    expect(ranked[0]?.recommended?.rank).toBe(2);
    expect(ranked.map((r) => r.s2)).not.toContain("dismissed");
    // The limit holds over both kinds of candidate.
    expect(rankRelatedPapers(graph(), seeds, { inLibrary, recommended, limit: 2 })).toHaveLength(2);
  });

  it("changes nothing without recommendations", () => {
    const g = graph();
    expect(
      rankRelatedPapers(g, seeds, { inLibrary, recommended: { papers: [], from: [] } }),
    ).toEqual(rankRelatedPapers(g, seeds, { inLibrary }));
  });
});
