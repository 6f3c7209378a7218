import { html, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/**
 * The add page's category picker: the library's categories in their order, "none" first (a paper
 * may stay uncategorised and be put in one later). Sent as `category` with the add (app.js).
 */
export function categoryPicker(ctx: SiteContext, available: boolean): SafeHtml {
  const d = ctx.t.daily;
  const options = ctx.library.categories.map(
    (c) => html`<option value="${c.id}">${c.name}</option>`,
  );
  return html`<div class="add-category"><label for="add-paper-category">${d.addCategory}</label>
<select id="add-paper-category" name="category"${available ? "" : html` disabled`}><option value="">${d.addNoCategory}</option>${options}</select></div>`;
}
