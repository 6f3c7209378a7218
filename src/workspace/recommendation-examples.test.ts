import { describe, expect, it } from "vitest";
import { library, paper } from "../../test/support/library-builder.js";
import { RECOMMENDATION_CAPS } from "../core/index.js";
import { makeCourse, makeEpisode } from "../core/make-items.js";
import { recommendationExamples } from "./recommendation-examples.js";

const hex = (n: number) => n.toString(16).padStart(40, "0");
const day = "2026-12-01";

describe("the examples S2's recommendations are asked with", () => {
  it("sends the studied papers heaviest first; dismissed, low-rated and only-skipped ones as negatives", () => {
    const papers = ["resnet", "vit", "bert", "gan", "gpt", "noid"].map((id) =>
      paper(id, {}, { short: id.toUpperCase() }),
    );
    const course = makeCourse({
      id: "limu",
      title: "limu",
      source: { kind: "bilibili", id: "BV1" },
      episodes: [
        makeEpisode({ courseId: "limu", number: 1, title: "gan", papers: ["gan"], videos: [] }),
        makeEpisode({ courseId: "limu", number: 2, title: "gpt", papers: ["gpt"], videos: [] }),
      ],
    });
    const lib = library(papers, [course]);
    lib.progress.papers.resnet = { passes: [{ pass: 1, date: day }], sections: [] };
    lib.progress.papers.vit = {
      passes: [
        { pass: 1, date: day },
        { pass: 2, date: day },
      ],
      sections: [],
      value: { novelty: 5, effectiveness: 5, problemSize: 5 },
    };
    // Read but rated low: a negative, not a positive.
    lib.progress.papers.bert = {
      passes: [{ pass: 1, date: day }],
      sections: [],
      value: { novelty: 2, effectiveness: 2, problemSize: 1 },
    };
    // gan's episode skipped and never read; gpt's skipped but read: a positive.
    lib.progress.episodes.limu = { 1: { status: "skipped" }, 2: { status: "skipped" } } as never;
    lib.progress.papers.gpt = { passes: [{ pass: 1, date: day }], sections: [] };
    const s2Of = new Map(["resnet", "vit", "bert", "gan", "gpt"].map((id, i) => [id, hex(i + 1)]));
    const dismissed = new Set([hex(99)]);
    const { positive, negative, everyPaper } = recommendationExamples(lib, s2Of, dismissed);
    expect(everyPaper).toBe(false);
    expect(positive).toEqual([
      { s2: hex(2), paper: "vit", weight: 5 },
      { s2: hex(5), paper: "gpt", weight: 2 },
      { s2: hex(1), paper: "resnet", weight: 2 },
    ]);
    expect(negative).toEqual([
      { s2: hex(99), reason: "dismissed" },
      { s2: hex(3), reason: "low-value", paper: "bert" },
      { s2: hex(4), reason: "skipped", paper: "gan" },
    ]);
  });

  it("takes as low-rated what the paper page shows as low: the product of the factors", () => {
    const lib = library([paper("clip", {}), paper("mae", {})], []);
    // 1 × 5 × 1 = 5: shown "low" (valueLabel), though its mean (2.3) is above 2.
    lib.progress.papers.clip = {
      passes: [{ pass: 1, date: day }],
      sections: [],
      value: { novelty: 1, effectiveness: 5, problemSize: 1 },
    };
    // 3 × 3 × 1 = 9: "moderate", a positive.
    lib.progress.papers.mae = {
      passes: [{ pass: 1, date: day }],
      sections: [],
      value: { novelty: 3, effectiveness: 3, problemSize: 1 },
    };
    const s2Of = new Map([
      ["clip", hex(1)],
      ["mae", hex(2)],
    ]);
    const { positive, negative } = recommendationExamples(lib, s2Of, new Set());
    expect(positive.map((p) => p.paper)).toEqual(["mae"]);
    expect(negative).toEqual([{ s2: hex(1), reason: "low-value", paper: "clip" }]);
  });

  it("caps both lists to what one request sends", () => {
    const many = Array.from({ length: 150 }, (_, i) => paper(`p${i}`, {}));
    const lib = library(many);
    for (const p of many)
      lib.progress.papers[p.id] = { passes: [{ pass: 1, date: day }], sections: [] };
    const s2Of = new Map(many.map((p, i) => [p.id, hex(i + 1)]));
    const dismissed = new Set(Array.from({ length: 150 }, (_, i) => hex(1000 + i)));
    const { positive, negative } = recommendationExamples(lib, s2Of, dismissed);
    expect(positive).toHaveLength(RECOMMENDATION_CAPS.positive);
    expect(negative).toHaveLength(RECOMMENDATION_CAPS.negative);
  });
});
