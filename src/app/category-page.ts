import type { Category } from "../core/index.js";
import { catalogFilterNotice, catalogTable } from "./catalog-table.js";
import { html, raw } from "./html.js";
import { LAYOUT_ASSETS } from "./layout.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/** One category: its papers as a catalog table, with computed counts. */
export function categoryPage(ctx: SiteContext, category: Category): PageContent {
  const { t } = ctx;
  const papers = ctx.library.papers.filter((p) => p.categories.includes(category.id));
  const covered = papers.filter((p) => p.covered).length;
  // The category's own text (a paper list's blurb under its heading), Markdown like a note.
  const description = category.description
    ? ctx.renderNote(category.description, { file: "categories.yaml", kind: "paper" })
    : undefined;
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a> › <a href="${ctx.href(paths.papers)}">${t.papersPage.title}</a></nav>
<h1>${category.name}</h1>
${description ? html`<div class="description note">${raw(description.html)}</div>` : ""}
<p class="totals">${t.papersPage.totals}: <strong>${t.counts.papersCovered(papers.length, covered)}</strong></p>
${catalogFilterNotice(ctx)}
${papers.length > 0 ? catalogTable(ctx, papers) : html`<p class="muted">${t.papersPage.empty}</p>`}`;
  return {
    title: category.name,
    body,
    path: paths.category(category.id),
    scripts: [LAYOUT_ASSETS.catalogFilter],
    ...(description?.hasMath ? { math: true } : {}),
  };
}
