import { type Course, formatRuntime } from "../core/index.js";
import { html, type SafeHtml } from "./html.js";
import { scrollTable } from "./layout.js";
import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";
import { videoLinks } from "./video-links.js";

/** A course's episodes: number, date, title, runtime, status, videos with views, papers. */
export function episodeTable(ctx: SiteContext, course: Course): SafeHtml {
  const { t } = ctx;
  const progress = ctx.library.progress.episodes[course.id] ?? {};
  const rows = course.episodes.map((ep) => {
    const status = progress[ep.number]?.status ?? "todo";
    const papers = ep.papers.map((id) => {
      const paper = ctx.paper(id);
      return html`<li><a href="${ctx.href(paths.paper(id))}">${paper?.short ?? id}</a></li>`;
    });
    return html`<tr>
<td class="num">${ep.number}</td>
<td class="date">${ep.date ?? t.unknown}</td>
<td class="title"><a href="${ctx.href(paths.episode(course.id, ep.number))}">${ep.title}</a>${ctx.hasNotes(ep) ? html` <span class="has-notes" title="${t.episode.notes}">✎</span>` : ""}</td>
<td class="num">${ep.runtime === undefined ? t.unknown : formatRuntime(ep.runtime)}</td>
<td><span class="status status-${status}">${t.status[status]}</span></td>
<td>${videoLinks(ctx, ep.videos)}</td>
<td>${papers.length > 0 ? html`<ul class="inline-list">${papers}</ul>` : ""}</td>
</tr>`;
  });
  const c = t.columns;
  return scrollTable(html`<table class="episodes">
<thead><tr><th scope="col">${c.number}</th><th scope="col">${c.date}</th><th scope="col">${c.title}</th><th scope="col">${c.runtime}</th><th scope="col">${c.status}</th><th scope="col">${c.videos}</th><th scope="col">${c.papers}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`);
}
