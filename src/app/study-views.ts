import type { Course, Paper } from "../core/index.js";
import {
  buildProgressHistory,
  cumulativeHoursChart,
  episodesPerWeekChart,
  papersByCategoryAndPass,
  papersByPassChart,
  papersPerWeekChart,
  valueLabel,
  valueScore,
} from "../study/index.js";
import { html, raw, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/**
 * The study workflow on the pages (see docs/study.md): the progress charts of the home and course
 * pages, the finish estimate, and a paper's passes, section checklist and value. The clock is a
 * parameter (the route table's `now`), so a page depends on the day it is rendered.
 */

/** The section checklist in the order of the file. */
const SECTIONS = ["title", "abstract", "introduction", "method", "experiments", "conclusion"];

/** The home page's charts: cumulative hours, episodes and papers per week, papers by pass. */
export function homeCharts(ctx: SiteContext, now: Date): SafeHtml {
  const messages = ctx.t.study.chartMessages;
  const history = buildProgressHistory(ctx.library, { now });
  const charts = [
    cumulativeHoursChart(history.hoursWatched, { id: "chart-hours", messages }),
    episodesPerWeekChart(history.episodesPerWeek, { id: "chart-episodes", messages }),
    papersPerWeekChart(history.papersPerWeek, { id: "chart-papers", messages }),
    papersByPassChart(papersByCategoryAndPass(ctx.library), { id: "chart-passes", messages }),
  ];
  return html`<section aria-labelledby="charts">
<h2 id="charts">${ctx.t.study.charts}</h2>
${charts.map((c) => raw(c.html))}
</section>`;
}

/** A course's charts: its cumulative hours and episodes per week. */
export function courseCharts(ctx: SiteContext, course: Course, now: Date): SafeHtml {
  const messages = ctx.t.study.chartMessages;
  const history = buildProgressHistory(ctx.library, { now, courseId: course.id });
  const charts = [
    cumulativeHoursChart(history.hoursWatched, { id: "chart-hours", messages }),
    episodesPerWeekChart(history.episodesPerWeek, { id: "chart-episodes", messages }),
  ];
  return html`<section aria-labelledby="charts">
<h2 id="charts">${ctx.t.study.charts}</h2>
${charts.map((c) => raw(c.html))}
</section>`;
}

/** The estimated finish of a course as text; undefined when there is no recent pace. */
export function finishText(ctx: SiteContext, course: Course, now: Date): string | undefined {
  const estimate = ctx.finishEstimate(course.id, now);
  return estimate && ctx.t.study.finishOn(estimate.finish, String(estimate.minutesPerDay));
}

/** Minutes watched and left of a course (computed), and its estimated finish. */
export function courseFigures(ctx: SiteContext, course: Course, now: Date): SafeHtml {
  const s = ctx.t.study;
  const summary = ctx.summary.courses.find((c) => c.id === course.id);
  if (!summary) return html``;
  const finish = finishText(ctx, course, now);
  const minutes = (n: number) => s.minutes((Math.round(n * 10) / 10).toFixed(1));
  return html`<dl class="figures study-figures">
<div><dt>${s.minutesWatched}</dt><dd class="minutes-watched">${minutes(summary.minutes.watched)}</dd></div>
<div><dt>${s.minutesLeft}</dt><dd class="minutes-left">${minutes(summary.minutes.left)}</dd></div>
${summary.minutes.left > 0 ? html`<div><dt>${s.finishEstimate}</dt><dd class="finish">${finish ?? s.noEstimate}</dd></div>` : ""}
</dl>`;
}

/** A paper's reading: passes with their dates, the section checklist, the value rating. */
export function paperReading(ctx: SiteContext, paper: Paper): SafeHtml {
  const s = ctx.t.study;
  const progress = ctx.library.progress.papers[paper.id];
  const passes = [...(progress?.passes ?? [])].sort((a, b) => a.pass - b.pass);
  const sections = new Set(progress?.sections ?? []);
  const value = progress?.value;
  const score = value ? valueScore(value) : 0;
  return html`<section aria-labelledby="reading"><h2 id="reading">${s.reading}</h2>
${passes.length > 0 ? html`<ol class="passes">${passes.map((p) => html`<li data-pass-done="${String(p.pass)}">${s.passDone(p.pass, p.date)}</li>`)}</ol>` : html`<p class="muted">${s.notRead}</p>`}
<h3>${s.sections}</h3>
<ul class="checklist" data-paper="${paper.id}">${SECTIONS.map((name) => html`<li data-section="${name}" data-label="${s.sectionNames[name] ?? name}"${sections.has(name) ? html` data-checked=""` : ""}><span aria-hidden="true">${sections.has(name) ? "☑" : "☐"}</span> <span${sections.has(name) ? html` class="done"` : ""}>${s.sectionNames[name] ?? name}</span><span class="jd-visually-hidden">${sections.has(name) ? " ✓" : ""}</span></li>`)}</ul>
${value ? html`<h3>${s.value}</h3><p class="value">${s.valueText(value.novelty, value.effectiveness, value.problemSize, score, s.valueLabels[valueLabel(score)])}</p>` : ""}
<div class="value-rating" data-novelty="${String(value?.novelty ?? "")}" data-effectiveness="${String(value?.effectiveness ?? "")}" data-problem-size="${String(value?.problemSize ?? "")}"></div>
</section>`;
}
