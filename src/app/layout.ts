import { cspMetaElement } from "./content-security-policy.js";
import { html, type SafeHtml } from "./html.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/** Asset names of the stylesheets and scripts the layout links. */
export const LAYOUT_ASSETS = {
  css: "site.css",
  katexCss: "katex/katex.min.css",
  search: "search.js",
  catalogFilter: "catalog-filter.js",
  copy: "copy.js",
} as const;

/**
 * The tab's icon, 精 in the page's blue, inline (CSP `img-src` allows `data:`): every page named
 * one, so browsers stop asking for a `/favicon.ico` nobody serves (a 404 on each first visit).
 */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='#1f5fa8'/><text x='8' y='12.5' font-size='11' text-anchor='middle' fill='#fff'>精</text></svg>",
)}`;

/**
 * Wraps a page body in the document: head (the CSP first, so it covers everything after it), header
 * navigation, footer. No inline script.
 */
export function layout(ctx: SiteContext, page: PageContent): SafeHtml {
  const { t, library } = ctx;
  const title =
    page.path === paths.home ? library.settings.title : `${page.title} · ${library.settings.title}`;
  const nav: [string, string][] = [
    [paths.home, t.nav.home],
    [paths.papers, t.nav.papers],
    [paths.search, t.nav.search],
    [paths.links, t.links.nav],
  ];
  const current = (path: string) =>
    path === page.path || (path !== paths.home && page.path.startsWith(path));
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
${cspMetaElement()}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="jingdu">
<title>${title}</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${ctx.href(paths.asset(LAYOUT_ASSETS.css))}">
${page.math ? html`<link rel="stylesheet" href="${ctx.href(paths.asset(LAYOUT_ASSETS.katexCss))}">` : ""}
<link rel="alternate" type="application/atom+xml" title="${t.feed.title(library.settings.title)}" href="${ctx.href(paths.feed)}">
${(page.scripts ?? []).map((name) => html`<script src="${ctx.href(paths.asset(name))}" defer></script>`)}
${page.mermaid && ctx.mermaidAsset ? html`<script src="${ctx.href(paths.asset(ctx.mermaidAsset))}" defer></script>` : ""}
</head>
<body>
<a class="skip" href="#main">${t.nav.skipToContent}</a>
<header class="site-header">
<a class="site-title" href="${ctx.href(paths.home)}">${library.settings.title}</a>
<nav aria-label="${t.nav.home}">
${nav.map(([path, label]) => html`<a href="${ctx.href(path)}"${current(path) ? html` aria-current="page"` : ""}>${label}</a>`)}
</nav>
</header>
<main id="main">
${page.body}
</main>
<footer class="site-footer">
<a href="${ctx.href(paths.feed)}">${t.nav.feed}</a> · <span>${t.footer.generatedBy}</span>
</footer>
</body>
</html>
`;
}

/** A table inside its own scrolling wrapper, so a wide table never widens the page. */
export function scrollTable(table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap">${table}</div>`;
}
