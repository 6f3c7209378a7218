import { describe, expect, it } from "vitest";
import { library, paper } from "../../test/support/library-builder.js";
import { makeCourse, makeEpisode } from "../core/make-items.js";
import { episodePapers, paperSeeds } from "./paper-seeds.js";

describe("the papers of watched and skipped episodes", () => {
  it("sorts each episode's papers by its status, and seeds the watched ones", () => {
    const papers = ["gan", "gpt", "bert", "vit"].map((id) => paper(id, {}, { short: id }));
    const episode = (number: number, ids: string[]) =>
      makeEpisode({ courseId: "limu", number, title: `e${number}`, papers: ids, videos: [] });
    const course = makeCourse({
      id: "limu",
      title: "limu",
      source: { kind: "bilibili", id: "BV1" },
      episodes: [episode(1, ["gan", "gpt"]), episode(2, ["gpt"]), episode(3, ["bert"])],
    });
    const lib = library(papers, [course]);
    // Episode 3 has no status (not started): its paper is neither.
    lib.progress.episodes.limu = { 1: { status: "done" }, 2: { status: "skipped" } } as never;
    const { watched, skipped } = episodePapers(lib);
    expect([...watched].sort()).toEqual(["gan", "gpt"]);
    expect([...skipped]).toEqual(["gpt"]);
    const s2Of = new Map(papers.map((p) => [p.id, `s2-${p.id}`]));
    const { seeds, everyPaper } = paperSeeds(lib, s2Of);
    expect(everyPaper).toBe(false);
    expect(seeds.map((s) => s.paperId).sort()).toEqual(["gan", "gpt"]);
  });
});
