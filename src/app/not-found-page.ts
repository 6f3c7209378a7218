import { html } from "./html.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/** The 404 page; its links are base-absolute, so it works at any depth. */
export function notFoundPage(ctx: SiteContext): PageContent {
  const { t } = ctx;
  const body = html`<h1>${t.notFound.title}</h1>
<p>${t.notFound.message}</p>
<p><a href="${ctx.href(paths.home)}">${t.notFound.home}</a> · <a href="${ctx.href(paths.search)}">${t.nav.search}</a></p>`;
  return { title: t.notFound.title, body, path: paths.notFound };
}
