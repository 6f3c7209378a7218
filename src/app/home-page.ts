import { html, raw } from "./html.js";
import { paths } from "./paths.js";
import { continueCourse } from "./resume-link.js";
import type { PageContent, SiteContext } from "./site-context.js";
import { finishText, homeCharts } from "./study-views.js";

const hours = (minutes: number) => (minutes / 60).toFixed(1);

/** Home: the library's title, progress per course, paper counts and the categories. */
export function homePage(ctx: SiteContext, now: Date = new Date()): PageContent {
  const { t, summary, library } = ctx;
  const finishOf = (id: string) => {
    const course = ctx.course(id);
    const text = course ? finishText(ctx, course, now) : undefined;
    return text ? html`<p class="finish">${t.study.finishEstimate}: ${text}</p>` : "";
  };
  const continueOf = (id: string) => {
    const course = ctx.course(id);
    return course ? continueCourse(ctx, course) : "";
  };
  const courses = summary.courses.map(
    (c) => html`<li class="card">
<h3><a href="${ctx.href(paths.course(c.id))}">${c.title}</a></h3>
<p>${t.counts.episodes(c.episodes.total)} · ${t.counts.hours(hours(c.minutes.total))}</p>
<p>${t.counts.done(c.episodes.done, c.episodes.total)} · ${t.counts.watched(hours(c.minutes.watched), hours(c.minutes.total))}</p>
<progress max="${c.episodes.total}" value="${c.episodes.done}">${c.episodes.done} / ${c.episodes.total}</progress>
${finishOf(c.id)}
${continueOf(c.id)}
</li>`,
  );
  const categories = summary.categories.items.map(
    (c) =>
      html`<li><a href="${ctx.href(paths.category(c.id))}">${c.name}</a> <span class="count">${t.counts.papersCovered(c.papers, c.covered)}</span></li>`,
  );
  // Markdown: a paper list's introduction (badges, links, paragraphs) is kept as written.
  const description = library.settings.description
    ? ctx.renderNote(library.settings.description, { file: "jingdu.yaml", kind: "paper" })
    : undefined;
  const body = html`<h1>${library.settings.title}</h1>
${description ? html`<div class="lead">${raw(description.html)}</div>` : ""}
<section aria-labelledby="progress">
<h2 id="progress">${t.home.progress}</h2>
<dl class="figures">
<div><dt>${t.papersPage.totals}</dt><dd><a href="${ctx.href(paths.papers)}">${t.counts.papersCovered(summary.papers.total, summary.papers.covered)}</a></dd></div>
<div><dt>${t.home.papersRead}</dt><dd>${summary.papers.read}</dd></div>
<div><dt>${t.home.episodesWatched}</dt><dd>${summary.totals.done} / ${summary.totals.episodes}</dd></div>
<div><dt>${t.home.hoursWatched}</dt><dd>${hours(summary.totals.minutesWatched)} / ${hours(summary.totals.minutesTotal)}</dd></div>
</dl>
</section>
${homeCharts(ctx, now)}
<section aria-labelledby="courses">
<h2 id="courses">${t.home.courses}</h2>
${courses.length > 0 ? html`<ul class="cards">${courses}</ul>` : html`<p>${t.home.noCourses}</p>`}
</section>
<section aria-labelledby="categories">
<h2 id="categories">${t.home.categories}</h2>
<ul class="categories">${categories}</ul>
<p><a href="${ctx.href(paths.papers)}">${t.home.allPapers}</a></p>
</section>`;
  return { title: library.settings.title, body, path: paths.home };
}
