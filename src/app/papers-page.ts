import { catalogTable, groupPapersByCategory } from "./catalog-table.js";
import { html } from "./html.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/** The catalog by category, like the original list; totals computed from the library. */
export function papersPage(ctx: SiteContext): PageContent {
  const { t, summary } = ctx;
  const groups = groupPapersByCategory(ctx.library, t.papersPage.uncategorized);
  const toc = groups.map(
    (g) =>
      html`<li><a href="${g.id ? ctx.href(paths.category(g.id)) : "#uncategorized"}">${g.name}</a> <span class="count">${t.counts.papersCovered(g.papers.length, g.papers.filter((p) => p.covered).length)}</span></li>`,
  );
  const sections = groups.map((g) => {
    const anchor = g.id ?? "uncategorized";
    return html`<section aria-labelledby="${anchor}">
<h2 id="${anchor}">${g.id ? html`<a href="${ctx.href(paths.category(g.id))}">${g.name}</a>` : g.name}</h2>
${g.papers.length > 0 ? catalogTable(ctx, g.papers) : html`<p class="muted">${t.papersPage.empty}</p>`}
</section>`;
  });
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a></nav>
<h1>${t.papersPage.title}</h1>
<p class="totals">${t.papersPage.totals}: <strong>${t.counts.papersCovered(summary.papers.total, summary.papers.covered)}</strong></p>
<ul class="toc">${toc}</ul>
${sections}`;
  return { title: t.papersPage.title, body, path: paths.papers };
}
