import { type Course, type Episode, formatRuntime } from "../core/index.js";
import { backlinksSection } from "./backlinks.js";
import { html, raw } from "./html.js";
import { paths } from "./paths.js";
import { resumeLink } from "./resume-link.js";
import type { PageContent, SiteContext } from "./site-context.js";
import { noteCues, transcriptPane } from "./transcript-pane.js";
import { metricHistory, videoLinks } from "./video-links.js";

/** An episode: facts, video links, covered papers, the notes (timestamps link into the video). */
export function episodePage(ctx: SiteContext, course: Course, episode: Episode): PageContent {
  const { t } = ctx;
  const index = course.episodes.indexOf(episode);
  const previous = index > 0 ? course.episodes[index - 1] : undefined;
  const next = course.episodes[index + 1];
  const status = ctx.library.progress.episodes[course.id]?.[episode.number]?.status ?? "todo";
  const note = ctx.renderItemNote({ episode });
  const papers = episode.papers.map((id) => {
    const paper = ctx.paper(id);
    return html`<li><a href="${ctx.href(paths.paper(id))}">${paper?.short ?? id}</a>${paper?.title ? html` <span class="muted">${paper.title}</span>` : ""}</li>`;
  });
  const link = (ep: Episode | undefined, rel: "prev" | "next", label: string) =>
    ep
      ? html`<a rel="${rel}" href="${ctx.href(paths.episode(course.id, ep.number))}"><span class="muted">${label}</span> ${ep.title}</a>`
      : html`<span></span>`;
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a> › <a href="${ctx.href(paths.course(course.id))}">${course.title}</a></nav>
<h1><span class="ep-number">${episode.number}.</span> ${episode.title}</h1>
<dl class="facts">
${episode.label ? html`<div><dt>${t.episode.label}</dt><dd>${episode.label}</dd></div>` : ""}
<div><dt>${t.columns.date}</dt><dd>${episode.date ?? t.unknown}</dd></div>
<div><dt>${t.columns.runtime}</dt><dd>${episode.runtime === undefined ? t.unknown : formatRuntime(episode.runtime)}</dd></div>
<div><dt>${t.columns.status}</dt><dd><span class="status status-${status}" data-current-status="${status}">${t.status[status]}</span> ${resumeLink(ctx, course, episode)}</dd></div>
</dl>
<section aria-labelledby="videos"><h2 id="videos">${t.episode.videos}</h2>${videoLinks(ctx, episode.videos)}${episode.videos.filter((v) => v.site === "bilibili").map((v) => metricHistory(ctx, "video", v.id))}</section>
${papers.length > 0 ? html`<section aria-labelledby="papers"><h2 id="papers">${t.episode.papers}</h2><ul>${papers}</ul></section>` : ""}
${episode.mentions?.length ? html`<section aria-labelledby="mentions"><h2 id="mentions">${t.episode.mentions}</h2><ul>${episode.mentions.map((m) => html`<li>${m}</li>`)}</ul></section>` : ""}
<section aria-labelledby="notes"><h2 id="notes">${t.episode.notes}</h2>
${note ? html`${noteCues(ctx, course, episode, note.html)}<div class="note">${raw(note.html)}</div>` : html`<p class="muted">${t.episode.noNotes}</p>`}
</section>
${transcriptPane(ctx, course, episode)}
${backlinksSection(ctx, `${course.id}/${episode.number}`)}
<nav class="pager" aria-label="${t.episode.backToCourse}">
${link(previous, "prev", t.episode.previous)}
<a href="${ctx.href(paths.course(course.id))}">${t.episode.backToCourse}</a>
${link(next, "next", t.episode.next)}
</nav>`;
  return {
    title: episode.title,
    body,
    path: paths.episode(course.id, episode.number),
    math: note?.hasMath ?? false,
    mermaid: note?.hasMermaid ?? false,
    diagnostics: note?.diagnostics ?? [],
  };
}
