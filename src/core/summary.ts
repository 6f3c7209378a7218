import type { Course, EpisodeProgress, Library } from "./model.js";

/** Per-course progress figures, as `jingdu status --json` prints them (a stable contract). */
export interface CourseSummary {
  id: string;
  title: string;
  episodes: { total: number; withNotes: number; done: number; skipped: number; watching: number };
  /** Minutes, to one decimal: total runtime, runtime of done episodes, and what is left. */
  minutes: { total: number; watched: number; left: number };
}

export interface CategorySummary {
  id: string;
  name: string;
  papers: number;
  covered: number;
  read: number;
}

export interface LibrarySummary {
  title: string;
  papers: { total: number; covered: number; read: number; unresolved: number };
  categories: { total: number; items: CategorySummary[] };
  courses: CourseSummary[];
  totals: { episodes: number; done: number; minutesTotal: number; minutesWatched: number };
}

const toMinutes = (seconds: number): number => Math.round(seconds / 6) / 10;

/** Computes every count from the library itself: nothing is copied from what a text states. */
export function summarizeLibrary(library: Library): LibrarySummary {
  const courses = library.courses.map((c) =>
    summarizeCourse(c, library.progress.episodes[c.id] ?? {}),
  );
  const readIds = new Set(
    Object.entries(library.progress.papers)
      .filter(([, p]) => p.passes.length > 0)
      .map(([id]) => id),
  );
  const items = library.categories.map((cat) => {
    const papers = library.papers.filter((p) => p.categories[0] === cat.id);
    return {
      id: cat.id,
      name: cat.name,
      papers: papers.length,
      covered: papers.filter((p) => p.covered).length,
      read: papers.filter((p) => readIds.has(p.id)).length,
    };
  });
  const seconds = (pick: (c: CourseSummary) => number) =>
    courses.reduce((sum, c) => sum + pick(c), 0);
  return {
    title: library.settings.title,
    papers: {
      total: library.papers.length,
      covered: library.papers.filter((p) => p.covered).length,
      read: library.papers.filter((p) => readIds.has(p.id)).length,
      unresolved: library.papers.filter((p) => p.unresolved).length,
    },
    categories: { total: library.categories.length, items },
    courses,
    totals: {
      episodes: seconds((c) => c.episodes.total),
      done: seconds((c) => c.episodes.done),
      minutesTotal: Math.round(seconds((c) => c.minutes.total) * 10) / 10,
      minutesWatched: Math.round(seconds((c) => c.minutes.watched) * 10) / 10,
    },
  };
}

/** Figures for one course; an episode counts as watched when its status is `done`. */
export function summarizeCourse(
  course: Course,
  progress: Record<number, EpisodeProgress>,
): CourseSummary {
  let total = 0;
  let watched = 0;
  let skippedSeconds = 0;
  const counts = { done: 0, skipped: 0, watching: 0 };
  for (const ep of course.episodes) {
    const runtime = ep.runtime ?? 0;
    total += runtime;
    const status = progress[ep.number]?.status;
    if (status === "done") {
      counts.done++;
      watched += runtime;
    } else if (status === "skipped") {
      counts.skipped++;
      skippedSeconds += runtime;
    } else if (status === "watching") {
      counts.watching++;
      watched += Math.min(progress[ep.number]?.position ?? 0, runtime);
    }
  }
  return {
    id: course.id,
    title: course.title,
    episodes: {
      total: course.episodes.length,
      withNotes: course.episodes.filter((e) => e.notes.trim() !== "").length,
      ...counts,
    },
    minutes: {
      total: toMinutes(total),
      watched: toMinutes(watched),
      left: toMinutes(Math.max(0, total - watched - skippedSeconds)),
    },
  };
}
