import type { Course, EpisodeProgress, Library, Paper } from "./model.js";

/** What `summarizeLibrary` reads of a paper. */
export type PaperCounts = Pick<Paper, "id" | "categories" | "covered" | "unresolved">;

/** A library whose papers may be cut to their counts (a `Library` is one). */
export type LibraryCounts = Omit<Library, "papers"> & { papers: readonly PaperCounts[] };

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
export function summarizeLibrary(library: LibraryCounts): LibrarySummary {
  const courses = library.courses.map((c) =>
    summarizeCourse(c, library.progress.episodes[c.id] ?? {}),
  );
  const readIds = new Set(
    Object.entries(library.progress.papers)
      .filter(([, p]) => p.passes.length > 0)
      .map(([id]) => id),
  );
  // One pass over the papers, not one per category (40 categories × 20,000 papers add up).
  const byCategory = new Map<string, { papers: number; covered: number; read: number }>();
  for (const p of library.papers) {
    const id = p.categories[0];
    if (id === undefined) continue;
    let counts = byCategory.get(id);
    if (!counts) {
      counts = { papers: 0, covered: 0, read: 0 };
      byCategory.set(id, counts);
    }
    counts.papers++;
    if (p.covered) counts.covered++;
    if (readIds.has(p.id)) counts.read++;
  }
  const items = library.categories.map((cat) => ({
    id: cat.id,
    name: cat.name,
    ...(byCategory.get(cat.id) ?? { papers: 0, covered: 0, read: 0 }),
  }));
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
