/**
 * Progress over time, computed from progress.yaml's dates: cumulative hours watched, episodes
 * done and papers finished per week, the current week's figures, and when each course will be
 * finished at the learner's recent pace. Pure: the clock is passed in.
 *
 * Decisions (see docs/study.md):
 * - Watched time is an episode's runtime on the day it was marked `done`, or its position on the
 *   day it was marked `watching`; entries without a date count from the start of the series.
 * - A paper is *finished* on the date of its third pass (Mu Li's method stops many papers after
 *   pass 1 or 2 on purpose, so only pass 3 means "read in full"); `passes` counts every pass.
 */
import type { Course, EpisodeProgress, Library } from "../core/index.js";
import { summarizeCourse } from "../core/index.js";
import { addDays, dayNumber, isDay, localDay, weekStart } from "./dates.js";

export interface DayValue {
  day: string;
  value: number;
}

export interface WeekValue {
  /** The Monday the week starts on. */
  week: string;
  value: number;
}

export interface ProgressHistory {
  /** The learner's calendar day of the clock. */
  today: string;
  /** Cumulative hours watched (2 decimals): one point per day with watching, and today. */
  hoursWatched: DayValue[];
  /** Episodes marked done per week, the last `weeks` weeks up to this one (zeros included). */
  episodesPerWeek: WeekValue[];
  /** Papers whose third pass was recorded in each week. */
  papersPerWeek: WeekValue[];
}

export interface HistoryOptions {
  now: Date;
  /** Weeks in the per-week series (default 12). */
  weeks?: number;
  /** Only this course's episodes (the course page); papers are then left out (zeros). */
  courseId?: string;
}

export const DEFAULT_WEEKS = 12;
export const PACE_WINDOW_DAYS = 28;

interface WatchEvent {
  day?: string;
  seconds: number;
}

/** Seconds watched per progress entry, with the day it was recorded (when it has one). */
function watchEvents(course: Course, progress: Record<number, EpisodeProgress>): WatchEvent[] {
  const events: WatchEvent[] = [];
  for (const ep of course.episodes) {
    const p = progress[ep.number];
    const runtime = ep.runtime ?? 0;
    let seconds = 0;
    if (p?.status === "done") seconds = runtime;
    else if (p?.status === "watching") seconds = Math.min(p.position ?? 0, runtime);
    if (seconds <= 0) continue;
    events.push(isDay(p?.date) ? { day: p.date, seconds } : { seconds });
  }
  return events;
}

const coursesOf = (library: Library, courseId?: string): Course[] =>
  courseId === undefined ? library.courses : library.courses.filter((c) => c.id === courseId);

const round = (n: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(n * f) / f;
};

/** The Mondays of the last `weeks` weeks, oldest first, ending with the week of `today`. */
export function lastWeeks(today: string, weeks: number): string[] {
  const current = weekStart(today);
  return Array.from({ length: weeks }, (_, i) => addDays(current, -7 * (weeks - 1 - i)));
}

function perWeek(days: readonly string[], weeks: readonly string[]): WeekValue[] {
  const counts = new Map(weeks.map((w) => [w, 0]));
  for (const day of days) {
    const w = weekStart(day);
    const n = counts.get(w);
    if (n !== undefined) counts.set(w, n + 1);
  }
  return weeks.map((week) => ({ week, value: counts.get(week) ?? 0 }));
}

/**
 * The series behind the progress charts.
 * @example buildProgressHistory(library, { now: new Date() }).hoursWatched.at(-1)?.value
 */
export function buildProgressHistory(library: Library, options: HistoryOptions): ProgressHistory {
  const today = localDay(options.now);
  const weeks = lastWeeks(today, options.weeks ?? DEFAULT_WEEKS);
  const courses = coursesOf(library, options.courseId);

  let baseline = 0;
  const byDay = new Map<string, number>();
  const doneDays: string[] = [];
  for (const course of courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    for (const e of watchEvents(course, progress)) {
      if (e.day === undefined) baseline += e.seconds;
      else if (e.day <= today) byDay.set(e.day, (byDay.get(e.day) ?? 0) + e.seconds);
    }
    for (const p of Object.values(progress)) {
      if (p.status === "done" && isDay(p.date) && p.date <= today) doneDays.push(p.date);
    }
  }
  const hoursWatched: DayValue[] = [];
  let total = baseline;
  for (const day of [...byDay.keys()].sort()) {
    total += byDay.get(day) ?? 0;
    hoursWatched.push({ day, value: round(total / 3600, 2) });
  }
  if (total > 0 && hoursWatched.at(-1)?.day !== today) {
    hoursWatched.push({ day: today, value: round(total / 3600, 2) });
  }

  const finishedDays =
    options.courseId === undefined
      ? Object.values(library.progress.papers)
          .map((p) => p.passes.find((x) => x.pass === 3)?.date)
          .filter((d): d is string => isDay(d) && d <= today)
      : [];
  return {
    today,
    hoursWatched,
    episodesPerWeek: perWeek(doneDays, weeks),
    papersPerWeek: perWeek(finishedDays, weeks),
  };
}

export interface WeekSummary {
  /** The Monday of the current week. */
  week: string;
  /** Episodes marked done this week. */
  episodes: number;
  /** Minutes watched this week (1 decimal). */
  minutes: number;
  /** Reading passes recorded this week, and papers whose third pass was. */
  passes: number;
  papersFinished: number;
}

/** What happened in the current week (Monday to today). */
export function summarizeWeek(
  library: Pick<Library, "courses" | "progress">,
  now: Date,
): WeekSummary {
  const today = localDay(now);
  const week = weekStart(today);
  const inWeek = (d: string | undefined): boolean => isDay(d) && d >= week && d <= today;
  let episodes = 0;
  let seconds = 0;
  for (const course of library.courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    for (const p of Object.values(progress)) if (p.status === "done" && inWeek(p.date)) episodes++;
    for (const e of watchEvents(course, progress)) if (inWeek(e.day)) seconds += e.seconds;
  }
  let passes = 0;
  let papersFinished = 0;
  for (const p of Object.values(library.progress.papers)) {
    for (const x of p.passes) {
      if (!inWeek(x.date)) continue;
      passes++;
      if (x.pass === 3) papersFinished++;
    }
  }
  return { week, episodes, minutes: round(seconds / 60, 1), passes, papersFinished };
}

export interface FinishEstimate {
  courseId: string;
  /** Minutes left (as in `jingdu status`). */
  minutesLeft: number;
  /** Minutes watched in the pace window, and the window's length in days. */
  minutesRecent: number;
  windowDays: number;
  /** Recent pace in minutes per day (1 decimal). */
  minutesPerDay: number;
  daysLeft: number;
  /** The estimated day the course is finished. */
  finish: string;
}

/**
 * When a course will be finished at the recent pace: minutes watched in the last `windowDays`
 * days (today included) divided by the window gives minutes per day; the minutes left divided by
 * that, rounded up, gives the days left. `undefined` when nothing was watched in the window or
 * nothing is left.
 * @example estimateFinish(course, library.progress.episodes.limu ?? {}, { now })?.finish
 */
export function estimateFinish(
  course: Course,
  progress: Record<number, EpisodeProgress>,
  options: { now: Date; windowDays?: number },
): FinishEstimate | undefined {
  const today = localDay(options.now);
  const windowDays = options.windowDays ?? PACE_WINDOW_DAYS;
  const from = dayNumber(today) - windowDays + 1;
  let recent = 0;
  for (const e of watchEvents(course, progress)) {
    if (e.day === undefined) continue;
    const n = dayNumber(e.day);
    if (n >= from && e.day <= today) recent += e.seconds;
  }
  const minutesLeft = summarizeCourse(course, progress).minutes.left;
  if (recent <= 0 || minutesLeft <= 0) return undefined;
  const perDay = recent / 60 / windowDays;
  const daysLeft = Math.ceil(minutesLeft / perDay);
  return {
    courseId: course.id,
    minutesLeft,
    minutesRecent: round(recent / 60, 1),
    windowDays,
    minutesPerDay: round(perDay, 1),
    daysLeft,
    finish: addDays(today, daysLeft),
  };
}
