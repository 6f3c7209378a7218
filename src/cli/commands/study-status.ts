import { messagesFor } from "../../app/light.js";
import { type Library, summarizeCourse } from "../../core/index.js";
import {
  estimateFinish,
  type FinishEstimate,
  PACE_WINDOW_DAYS,
  summarizeWeek,
  type WeekSummary,
} from "../../study/index.js";
import type { CliContext } from "../context.js";

/** This week's work and, per course started and not finished, the finish at the recent pace. */
export interface StudyStatus {
  week: WeekSummary;
  /** `estimate` is null when nothing was watched in the pace window. */
  courses: { id: string; estimate: FinishEstimate | null }[];
}

export function studyStatus(
  library: Pick<Library, "courses" | "progress">,
  now: Date,
): StudyStatus {
  const courses: StudyStatus["courses"] = [];
  for (const course of library.courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    const summary = summarizeCourse(course, progress);
    const started = summary.episodes.done + summary.episodes.watching > 0;
    if (!started || summary.minutes.left <= 0) continue;
    courses.push({ id: course.id, estimate: estimateFinish(course, progress, { now }) ?? null });
  }
  return { week: summarizeWeek(library, now), courses };
}

/** The lines `jingdu status` adds after its summary: this week, and when each course will be done. */
export function printStudyStatus(
  ctx: CliContext,
  library: Pick<Library, "courses" | "progress" | "settings">,
): void {
  const { out } = ctx.output;
  const { week: w, courses } = studyStatus(library, ctx.now());
  const t = messagesFor(library.settings.language).cli.status;
  out("");
  out(t.week({ ...w, since: w.week }));
  for (const { id, estimate } of courses) {
    const title = library.courses.find((c) => c.id === id)?.title ?? id;
    out(`  ${title} (${id}): ${estimate ? t.estimate(estimate) : t.noEstimate(PACE_WINDOW_DAYS)}`);
  }
}
