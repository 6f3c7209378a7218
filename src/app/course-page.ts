import { type Course, isAllowedUrl } from "../core/index.js";
import { episodeTable } from "./episode-table.js";
import { html, raw } from "./html.js";
import { paths } from "./paths.js";
import { continueCourse } from "./resume-link.js";
import type { PageContent, SiteContext } from "./site-context.js";
import { courseCharts, courseFigures } from "./study-views.js";

/** A course: its note, the episode table and computed totals (episodes, hours). */
export function coursePage(ctx: SiteContext, course: Course, now: Date = new Date()): PageContent {
  const { t } = ctx;
  const summary = ctx.summary.courses.find((c) => c.id === course.id);
  const note = ctx.renderItemNote({ course });
  const totals = summary
    ? html`<p class="totals"><strong>${t.course.totals}</strong>: ${t.counts.episodes(summary.episodes.total)} · ${t.counts.hours((summary.minutes.total / 60).toFixed(1))} · ${t.counts.done(summary.episodes.done, summary.episodes.total)}</p>`
    : "";
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a></nav>
<h1>${course.title}</h1>
${course.tags.length > 0 ? html`<ul class="tags">${course.tags.map((tag) => html`<li>${tag}</li>`)}</ul>` : ""}
${course.links.length > 0 ? html`<ul class="links">${course.links.map((url) => html`<li>${isAllowedUrl(url) ? html`<a href="${url}" rel="noopener">${url}</a>` : url}</li>`)}</ul>` : ""}
<section aria-labelledby="episodes">
<h2 id="episodes">${t.course.episodes}</h2>
${totals}
${continueCourse(ctx, course)}
${courseFigures(ctx, course, now)}
${episodeTable(ctx, course)}
</section>
${courseCharts(ctx, course, now)}
${note ? html`<section aria-labelledby="course-notes"><h2 id="course-notes">${t.course.notes}</h2><div class="note">${raw(note.html)}</div></section>` : ""}`;
  return {
    title: course.title,
    body,
    path: paths.course(course.id),
    math: note?.hasMath ?? false,
    mermaid: note?.hasMermaid ?? false,
    diagnostics: note?.diagnostics ?? [],
  };
}
