import { html } from "./html.js";
import { LAYOUT_ASSETS } from "./layout.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/** How many items the split index holds (its idf's total), as `librarySplit` counts them. */
function searchItemCount(ctx: SiteContext): number {
  const { courses, papers, categories } = ctx.library;
  return courses.reduce((n, c) => n + 1 + c.episodes.length, papers.length + categories.length);
}

/**
 * Search: a plain GET form; `search.js` reads `?q=`, fetches the fragments of the split index
 * its terms need (search-split.ts) and the records of the top hits, and lists them. Labels reach the script through data attributes, so it holds no interface text.
 */
export function searchPage(ctx: SiteContext): PageContent {
  const { t } = ctx;
  const body = html`<h1>${t.search.title}</h1>
<form class="search" role="search" action="${ctx.href(paths.search)}" method="get"
  data-search-index="${ctx.href(paths.searchIndex)}"
  data-search-parts="${ctx.href(paths.searchPart(""))}"
  data-search-docs="${String(searchItemCount(ctx))}"
  data-no-results="${t.search.noResults}"
  data-kinds="${JSON.stringify(t.search.kinds)}">
<label for="q">${t.search.label}</label>
<div class="search-row"><input id="q" name="q" type="search" placeholder="${t.search.placeholder}" autocomplete="off"><button type="submit">${t.search.submit}</button></div>
</form>
<noscript><p class="notice">${t.search.needsScript}</p></noscript>
<p id="search-status" role="status"></p>
<ol id="search-results" class="results"></ol>`;
  return { title: t.search.title, body, path: paths.search, scripts: [LAYOUT_ASSETS.search] };
}
