import { describe, expect, it } from "vitest";
import type { Course, Library } from "../core/index.js";
import { makeCourse, makeEpisode, makePaper } from "../core/make-items.js";
import { weekStart } from "./dates.js";
import {
  buildProgressHistory,
  estimateFinish,
  lastWeeks,
  summarizeWeek,
} from "./progress-history.js";
import { papersByCategoryAndPass } from "./reading-by-category.js";

/** Wednesday 2024-07-24, noon local time: the fixed clock of the scripted history. */
const now = new Date(2024, 6, 24, 12, 0);

const RUNTIMES = [600, 1200, 1800, 900, 3000, 2400];

function course(id: string): Course {
  return makeCourse({
    id,
    title: id,
    episodes: RUNTIMES.map((runtime, i) =>
      makeEpisode({
        courseId: id,
        number: i + 1,
        title: `ep ${i + 1}`,
        runtime,
      }),
    ),
  });
}

const paper = (id: string, category?: string) =>
  makePaper({
    id,
    short: id,
    categories: category ? [category] : [],
  });

/** Episodes done on given days, one undated, one half-watched; passes on given days. */
function scriptedLibrary(): Library {
  return {
    settings: { title: "t", language: "en", version: 1 },
    categories: [
      { id: "x", name: "X", order: 0 },
      { id: "y", name: "Y", order: 1 },
    ],
    papers: [paper("a", "x"), paper("b", "x"), paper("c", "y"), paper("d", "y"), paper("e")],
    courses: [course("c1")],
    progress: {
      episodes: {
        c1: {
          1: { status: "done", date: "2024-07-01" },
          2: { status: "done", date: "2024-07-02" },
          3: { status: "done", date: "2024-07-10" },
          4: { status: "done" },
          5: { status: "watching", date: "2024-07-23", position: 1500 },
        },
      },
      papers: {
        a: {
          passes: [
            { pass: 1, date: "2024-07-03" },
            { pass: 2, date: "2024-07-08" },
            { pass: 3, date: "2024-07-15" },
          ],
          sections: [],
        },
        b: { passes: [{ pass: 1, date: "2024-07-23" }], sections: [] },
        c: {
          passes: [
            { pass: 1, date: "2024-07-20" },
            { pass: 3, date: "2024-07-22" },
          ],
          sections: [],
        },
      },
    },
    references: [],
  };
}

describe("weeks", () => {
  it("start on Monday", () => {
    expect(weekStart("2024-07-24")).toBe("2024-07-22");
    expect(weekStart("2024-07-22")).toBe("2024-07-22");
    expect(weekStart("2024-07-21")).toBe("2024-07-15");
    expect(lastWeeks("2024-07-24", 3)).toEqual(["2024-07-08", "2024-07-15", "2024-07-22"]);
  });
});

describe("buildProgressHistory", () => {
  it("gives cumulative hours per day watched (undated time counted from the start) and today", () => {
    const h = buildProgressHistory(scriptedLibrary(), { now, weeks: 4 });
    expect(h.today).toBe("2024-07-24");
    expect(h.hoursWatched).toEqual([
      { day: "2024-07-01", value: 0.42 },
      { day: "2024-07-02", value: 0.75 },
      { day: "2024-07-10", value: 1.25 },
      { day: "2024-07-23", value: 1.67 },
      { day: "2024-07-24", value: 1.67 },
    ]);
  });

  it("counts episodes done and papers finished (third pass) per week, zeros included", () => {
    const h = buildProgressHistory(scriptedLibrary(), { now, weeks: 4 });
    expect(h.episodesPerWeek).toEqual([
      { week: "2024-07-01", value: 2 },
      { week: "2024-07-08", value: 1 },
      { week: "2024-07-15", value: 0 },
      { week: "2024-07-22", value: 0 },
    ]);
    expect(h.papersPerWeek.map((w) => w.value)).toEqual([0, 0, 1, 1]);
    expect(buildProgressHistory(scriptedLibrary(), { now }).episodesPerWeek).toHaveLength(12);
  });

  it("ignores records dated after today and is empty for a library with no progress", () => {
    const lib = scriptedLibrary();
    const early = new Date(2024, 6, 2, 8, 0);
    const h = buildProgressHistory(lib, { now: early, weeks: 1 });
    expect(h.hoursWatched.map((p) => p.day)).toEqual(["2024-07-01", "2024-07-02"]);
    lib.progress = { episodes: {}, papers: {} };
    expect(buildProgressHistory(lib, { now }).hoursWatched).toEqual([]);
  });

  it("narrows to one course for the course page", () => {
    const lib = scriptedLibrary();
    lib.courses.push(course("c2"));
    lib.progress.episodes.c2 = { 6: { status: "done", date: "2024-07-24" } };
    const all = buildProgressHistory(lib, { now, weeks: 1 });
    const one = buildProgressHistory(lib, { now, weeks: 1, courseId: "c1" });
    expect(all.hoursWatched.at(-1)).toEqual({ day: "2024-07-24", value: 2.33 });
    expect(one.hoursWatched.at(-1)).toEqual({ day: "2024-07-24", value: 1.67 });
    expect(one.episodesPerWeek).toEqual([{ week: "2024-07-22", value: 0 }]);
    expect(all.episodesPerWeek).toEqual([{ week: "2024-07-22", value: 1 }]);
  });
});

describe("summarizeWeek", () => {
  it("counts this week's episodes, minutes, passes and finished papers", () => {
    expect(summarizeWeek(scriptedLibrary(), now)).toEqual({
      week: "2024-07-22",
      episodes: 0,
      minutes: 25,
      passes: 2,
      papersFinished: 1,
    });
  });
});

describe("estimateFinish", () => {
  const lib = scriptedLibrary();
  const c1 = lib.courses[0] as Course;
  const progress = lib.progress.episodes.c1 ?? {};

  it("divides the minutes left by the pace of the last 28 days", () => {
    // 85 minutes in 28 days; 65 minutes left → 21.4 days → 22 days after 2024-07-24.
    expect(estimateFinish(c1, progress, { now })).toEqual({
      courseId: "c1",
      minutesLeft: 65,
      minutesRecent: 85,
      windowDays: 28,
      minutesPerDay: 3,
      daysLeft: 22,
      finish: "2024-08-15",
    });
    // Only the 25 minutes of 2024-07-23 fall in the last 7 days: 65 / (25 / 7) → 19 days.
    expect(estimateFinish(c1, progress, { now, windowDays: 7 })?.finish).toBe("2024-08-12");
  });

  it("has no estimate without recent activity or with nothing left", () => {
    expect(estimateFinish(c1, progress, { now: new Date(2024, 8, 30, 12) })).toBeUndefined();
    const all = Object.fromEntries(
      c1.episodes.map((e) => [e.number, { status: "done" as const, date: "2024-07-24" }]),
    );
    expect(estimateFinish(c1, all, { now })).toBeUndefined();
  });
});

describe("papersByCategoryAndPass", () => {
  it("counts papers of each primary category by their highest pass", () => {
    expect(papersByCategoryAndPass(scriptedLibrary())).toEqual([
      { categoryId: "x", name: "X", byPass: [0, 1, 0, 1] },
      { categoryId: "y", name: "Y", byPass: [1, 0, 0, 1] },
    ]);
  });
});
