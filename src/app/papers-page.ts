import { catalogFilterNotice, catalogTable, groupPapersByCategory } from "./catalog-table.js";
import { html } from "./html.js";
import { LAYOUT_ASSETS } from "./layout.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/** Up to this many papers, `/papers/` shows every paper in one page of tables. */
export const CATALOG_PAGE_LIMIT = 2_000;

/** The catalog by category, like the original list; totals computed from the library. */
export function papersPage(ctx: SiteContext): PageContent {
  const { t, summary } = ctx;
  const groups = groupPapersByCategory(ctx.library, t.papersPage.uncategorized);
  // A catalog of tens of thousands of papers would be a page of many megabytes: past the limit,
  // each category links to its own page (which lists all its papers) instead of a table here.
  // Papers without a known category have no page of their own, so their table always stays.
  const large = ctx.library.papers.length > CATALOG_PAGE_LIMIT;
  const toc = groups.map(
    (g) =>
      html`<li><a href="${g.id ? ctx.href(paths.category(g.id)) : "#uncategorized"}">${g.name}</a> <span class="count">${t.counts.papersCovered(g.papers.length, g.papers.filter((p) => p.covered).length)}</span></li>`,
  );
  const sections = groups.map((g) => {
    const anchor = g.id ?? "uncategorized";
    return html`<section aria-labelledby="${anchor}">
<h2 id="${anchor}">${g.id ? html`<a href="${ctx.href(paths.category(g.id))}">${g.name}</a>` : g.name}</h2>
${
  g.papers.length === 0
    ? html`<p class="muted">${t.papersPage.empty}</p>`
    : large && g.id
      ? html`<p class="category-link"><a href="${ctx.href(paths.category(g.id))}">${t.papersPage.openCategory(g.papers.length)}</a></p>`
      : catalogTable(ctx, g.papers)
}
</section>`;
  });
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a></nav>
<h1>${t.papersPage.title}</h1>
<p class="totals">${t.papersPage.totals}: <strong>${t.counts.papersCovered(summary.papers.total, summary.papers.covered)}</strong></p>
${large ? html`<p class="notice">${t.papersPage.large(ctx.library.papers.length)}</p>` : ""}
${catalogFilterNotice(ctx)}
<ul class="toc">${toc}</ul>
${sections}`;
  return {
    title: t.papersPage.title,
    body,
    path: paths.papers,
    scripts: [LAYOUT_ASSETS.catalogFilter],
  };
}
