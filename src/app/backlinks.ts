import { html, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/**
 * The notes that link to an item (`ctx.backlinks`: by `[[…]]` or citation), as a section of its
 * page; nothing when no note does.
 */
export function backlinksSection(ctx: SiteContext, target: string): SafeHtml | "" {
  const links = ctx.backlinks(target);
  if (links.length === 0) return "";
  return html`<section aria-labelledby="backlinks" class="backlinks"><h2 id="backlinks">${ctx.t.noteLinks.backlinks}</h2><ul>${links.map((l) => html`<li><a href="${l.href}">${l.title}</a></li>`)}</ul></section>`;
}
