import { describe, expect, it } from "vitest";
import type { Course, Library } from "../core/index.js";
import { makeCourse, makeEpisode, makePaper } from "../core/make-items.js";
import { nextSuggestions } from "./next.js";

function course(id: string, papers: string[][], state?: Course["state"]): Course {
  return makeCourse({
    id,
    title: `Course ${id}`,
    ...(state ? { state } : {}),
    episodes: papers.map((p, i) =>
      makeEpisode({
        courseId: id,
        number: i + 1,
        title: `${id} ep ${i + 1}`,
        runtime: 600,
        papers: p,
      }),
    ),
  });
}

const paper = (id: string) =>
  makePaper({
    id,
    short: id.toUpperCase(),
    covered: true,
  });

function scripted(): Library {
  return {
    settings: { title: "t", language: "en", version: 1 },
    categories: [],
    papers: ["a", "p", "q", "r", "s"].map(paper),
    courses: [
      course("c", [["a", "p"], ["p"], ["q"], [], []]),
      course("d", [[], []]),
      course("e", [[], []], "in-progress"),
      course("f", [[], []], "finished"),
    ],
    progress: {
      episodes: {
        c: {
          1: { status: "done", date: "2024-07-01" },
          2: { status: "done", date: "2024-07-02" },
          3: { status: "done", date: "2024-07-03" },
          4: { status: "watching", date: "2024-07-04", position: 1112 },
        },
        f: { 1: { status: "done", date: "2024-06-01" } },
      },
      papers: { a: { passes: [{ pass: 1, date: "2024-07-05" }], sections: [] } },
    },
    references: [],
  };
}

describe("nextSuggestions", () => {
  it("suggests episodes, then papers covered by watched episodes, then papers cited by read ones", () => {
    const refs: Record<string, string[]> = { a: ["r", "q", "a", "not-in-library"], p: ["s"] };
    const s = nextSuggestions(scripted(), { references: (id) => refs[id] ?? [] });
    expect(s.map((x) => [x.kind, x.id, x.why])).toEqual([
      ["episode", "c/4", "continue-episode"],
      ["episode", "e/1", "next-episode"],
      ["paper", "p", "covered-by-watched"],
      ["paper", "q", "covered-by-watched"],
      ["paper", "r", "cited-by-read"],
    ]);
    expect(s[0]?.reason).toBe("you stopped watching it at 18:32");
    expect(s[1]?.reason).toBe("the first episode of Course e");
    expect(s[2]).toMatchObject({ episodes: ["c/1", "c/2"] });
    expect(s[2]?.reason).toBe("covered by c/1, c/2 (c ep 1), which you watched; not read yet");
    expect(s[4]).toMatchObject({ citedBy: ["a"], reason: "cited by A, which you read" });
  });

  it("moves on after an episode is done and drops a paper once it has a pass", () => {
    const lib = scripted();
    (lib.progress.episodes.c ?? {})[4] = { status: "done", date: "2024-07-05" };
    lib.progress.papers.p = { passes: [{ pass: 1, date: "2024-07-06" }], sections: [] };
    const s = nextSuggestions(lib);
    expect(s.map((x) => x.id)).toEqual(["c/5", "e/1", "q"]);
    expect(s[0]?.reason).toBe("the next episode of Course c (4/5 done)");
  });
});
