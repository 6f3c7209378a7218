import { html } from "./html.js";
import { LAYOUT_ASSETS } from "./layout.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/**
 * Search: a plain GET form; `search.js` reads `?q=`, loads `/search-index.json` and lists the
 * hits. Labels reach the script through data attributes, so it holds no interface text.
 */
export function searchPage(ctx: SiteContext): PageContent {
  const { t } = ctx;
  const body = html`<h1>${t.search.title}</h1>
<form class="search" role="search" action="${ctx.href(paths.search)}" method="get"
  data-search-index="${ctx.href(paths.searchIndex)}"
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
