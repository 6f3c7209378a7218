import { type Library, summarizeCourse } from "../../core/index.js";
import { estimateFinish, PACE_WINDOW_DAYS, summarizeWeek } from "../../study/index.js";
import type { CliContext } from "../context.js";

/** The lines `jingdu status` adds after its summary: this week, and when each course will be done. */
export function printStudyStatus(ctx: CliContext, library: Library): void {
  const { out } = ctx.output;
  const now = ctx.now();
  const w = summarizeWeek(library, now);
  out("");
  out(
    `This week (since ${w.week}): ${w.episodes} episodes done, ${w.minutes} minutes watched, ` +
      `${w.passes} reading passes` +
      (w.papersFinished > 0
        ? ` (${w.papersFinished} ${w.papersFinished === 1 ? "paper" : "papers"} finished)`
        : ""),
  );
  for (const course of library.courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    const summary = summarizeCourse(course, progress);
    const started = summary.episodes.done + summary.episodes.watching > 0;
    if (!started || summary.minutes.left <= 0) continue;
    const estimate = estimateFinish(course, progress, { now });
    out(
      estimate
        ? `  ${course.title} (${course.id}): ${estimate.minutesPerDay} min/day over the last ${estimate.windowDays} days → finished around ${estimate.finish} (${estimate.daysLeft} days)`
        : `  ${course.title} (${course.id}): no finish estimate (nothing watched in the last ${PACE_WINDOW_DAYS} days)`,
    );
  }
}
