import type { Paper } from "../core/index.js";
import { appPaths } from "./app-pages.js";
import { html } from "./html.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/**
 * The web app's resolve page (`/_/resolve`, like `jingdu resolve`): every paper still without an
 * arXiv id, DOI or S2 id, each with a button that searches for it (`POST /api/resolve`). A sure
 * match is filled at once; an unsure one lists its candidates (title, authors, year, venue,
 * citations, match) for the person to pick (`POST /api/resolve/choose`). The behaviour is in
 * `/assets/resolve.js`; its words come from `data-labels` here, in the library's language.
 * `focus`: the paper whose page linked here (`?paper=ID`), searched as the page opens.
 */
export function resolvePage(
  ctx: SiteContext,
  papers: readonly Paper[],
  available: boolean,
  focus: string | undefined,
): PageContent {
  const r = ctx.t.resolve;
  const labels = JSON.stringify({
    finding: r.finding,
    filled: r.filled("{fields}"),
    nothingNew: r.nothingNew,
    notFound: r.notFound,
    pick: r.pick,
    thisOne: r.thisOne,
    noneOfThem: r.noneOfThem,
    citations: r.citations("{n}"),
    confidence: r.confidence("{p}"),
    failed: ctx.t.app.failed,
  });
  const off = available ? "" : html` disabled`;
  const items = papers.map(
    (
      p,
    ) => html`<li data-resolve-paper="${p.id}" id="resolve-${p.id}"${p.id === focus ? html` data-focus=""` : ""}>
<a href="${ctx.href(paths.paper(p.id))}">${p.short}</a>${p.title && p.title !== p.short ? html` <span class="muted">${p.title}</span>` : ""}${p.year !== undefined ? html` <span class="muted">(${String(p.year)})</span>` : ""}
<button type="button" data-resolve-find=""${off}>${r.find}</button>
<div class="resolve-answer" role="status"></div></li>`,
  );
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${ctx.t.nav.home}</a> › <a href="${ctx.href(paths.papers)}">${ctx.t.nav.papers}</a></nav>
<h1>${r.title}</h1>
${available ? "" : html`<p class="notice">${ctx.t.app.sourcesUnavailable}</p>`}
<section id="resolve" data-no-live-reload="" data-labels="${labels}">
${
  papers.length === 0
    ? html`<p class="muted">${r.none}</p>`
    : html`<p>${r.intro(papers.length)}</p>
<p><button type="button" id="resolve-all"${off}>${r.findAll}</button> <span id="resolve-progress" role="status"></span></p>
<ol class="resolve-list">${items}</ol>`
}
</section>`;
  return { title: r.title, body, path: appPaths.resolve };
}
