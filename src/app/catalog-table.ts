import { catalogFacets, type Library, type Paper } from "../core/index.js";
import { html, type SafeHtml } from "./html.js";
import { scrollTable } from "./layout.js";
import { paths } from "./paths.js";
import type { SiteContext } from "./site-context.js";
import { externalLink } from "./snapshots.js";
import { metricCell } from "./video-links.js";

/** What a facet value cannot hold as it is in `name=value&…`: `URLSearchParams` decodes these. */
const FACET_VALUE_ESCAPES = /[%&=+\s]/g;

/**
 * Facets as `name=value` pairs of a query string (`category=nlp&tag=gan`), which the catalog
 * filter reads with `URLSearchParams`; only the characters the syntax needs are
 * percent-encoded, CJK stays as it is.
 * @example facetPairs({ category: ["nlp"], tag: ["a b"] }) // ["category=nlp", "tag=a%20b"]
 */
export function facetPairs(facets: Record<string, readonly string[]>): string[] {
  const pairs: string[] = [];
  for (const [name, values] of Object.entries(facets)) {
    for (const value of values) {
      pairs.push(`${name}=${value.replace(FACET_VALUE_ESCAPES, encodeURIComponent)}`);
    }
  }
  return pairs;
}

/**
 * A catalog table like the original list: ✅, year, name → its first link (and its own page),
 * summary, citations with their source and date. Year and citations sort the table (the
 * catalog script makes their headers buttons; a row's value is its `data-citations`, or the
 * number in the column: the year). The table names the facets its rows may have
 * (`data-facet-names`, so a filter by a facet no row has shows none rather than all) and holds
 * those every row has (`data-facets`: a category page's category); a row carries only its
 * others. A 500-paper category page is mostly rows: the rows' facets as escaped JSON had made it
 * a third larger (76 bytes of 434 a row), and the bench's catalog req/s a third lower.
 */
export function catalogTable(ctx: SiteContext, papers: readonly Paper[]): SafeHtml {
  const { t } = ctx;
  const c = t.columns;
  const facets = papers.map((p) => catalogFacets(p, ctx.tagsOf(p)));
  const facetNames = facets[0] ? Object.keys(facets[0]).join(" ") : "";
  const pairs = facets.map(facetPairs);
  const shared = (pairs[0] ?? []).filter((pair) => pairs.every((own) => own.includes(pair)));
  const rows = papers.map((p, i) => {
    const first = p.links[0];
    const name = first ? externalLink(ctx, first.url, p.short) : html`<span>${p.short}</span>`;
    const citations = ctx.metrics("paper", p.id)?.value;
    const own = (pairs[i] ?? []).filter((pair) => !shared.includes(pair)).join("&");
    return html`<tr${own === "" ? "" : html` data-facets="${own}"`}${citations === undefined ? "" : html` data-citations="${String(citations)}"`}>
<td class="covered">${p.covered ? html`<span aria-label="${t.paperFields.covered}">✅</span>` : ""}</td>
<td class="num">${p.year ?? ""}</td>
<td class="name">${name} <a class="own-page" href="${ctx.href(paths.paper(p.id))}">${t.paper.ownPage}</a></td>
<td>${p.summary ?? ""}</td>
<td class="num">${metricCell(ctx, "paper", p.id)}</td>
</tr>`;
  });
  return scrollTable(html`<table class="catalog" data-facet-names="${facetNames}"${shared.length === 0 ? "" : html` data-facets="${shared.join("&")}"`}>
<thead><tr><th scope="col">${c.covered}</th><th scope="col" data-sort="year">${c.year}</th><th scope="col">${c.name}</th><th scope="col">${c.summary}</th><th scope="col" data-sort="citations">${c.citations}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`);
}

/**
 * Where the catalog filter (`?tag=…`, assets/catalog-filter-script.ts) says what it shows; hidden
 * until the script fills it. A page with a catalog table adds it and the script.
 */
export function catalogFilterNotice(ctx: SiteContext): SafeHtml {
  const { t } = ctx;
  return html`<p id="catalog-filter" class="notice" role="status" hidden data-template="${t.papersPage.filtered}" data-show-all="${t.papersPage.showAll}"></p>`;
}

/** Papers grouped by their primary category, in the catalog's order; unknown categories last. */
export function groupPapersByCategory(
  library: Library,
  uncategorizedName: string,
): { id: string | undefined; name: string; papers: Paper[] }[] {
  const known = new Set(library.categories.map((c) => c.id));
  const groups = library.categories.map((cat) => ({
    id: cat.id as string | undefined,
    name: cat.name,
    papers: library.papers.filter((p) => p.categories[0] === cat.id),
  }));
  const rest = library.papers.filter((p) => !known.has(p.categories[0] ?? ""));
  if (rest.length > 0) groups.push({ id: undefined, name: uncategorizedName, papers: rest });
  return groups;
}
