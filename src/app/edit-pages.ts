import type { ItemFields } from "../core/index.js";
import { html, type SafeHtml } from "./html.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";

/**
 * The web app's editing pages (never part of the static site): an item's metadata form, the
 * category manager and the list of deleted items. Their behaviour is in `/assets/edit.js`
 * (edit-script.ts): no inline script.
 */

export const editPaths = {
  details: (page: string) => `/_/details?page=${encodeURIComponent(page)}`,
  categories: "/_/categories",
  deleted: "/_/deleted",
} as const;

export interface DetailsView {
  page: string;
  file: string;
  title: string;
  fields: ItemFields;
  hash: string;
}

/** A paper's, course's or episode's metadata form (only the fields its kind has are shown). */
export function detailsPage(ctx: SiteContext, view: DetailsView): PageContent {
  const { t } = ctx;
  const e = t.edits;
  const f = view.fields;
  const input = (name: keyof ItemFields, label: string, value: string, extra = "") =>
    html`<p class="field"><label for="field-${name}">${label}</label><input id="field-${name}" name="${name}" value="${value}" autocomplete="off"${extra ? html` ${extra}` : ""}></p>`;
  const rows: SafeHtml[] = [];
  if (f.short !== undefined) rows.push(input("short", t.paperFields.short, f.short));
  if (f.title !== undefined) rows.push(input("title", t.paperFields.title, f.title));
  if (f.year !== undefined) {
    rows.push(input("year", t.paperFields.year, f.year === null ? "" : String(f.year)));
  }
  if (f.venue !== undefined) rows.push(input("venue", t.paperFields.venue, f.venue));
  if (f.arxiv !== undefined) rows.push(input("arxiv", e.arxiv, f.arxiv));
  if (f.doi !== undefined) rows.push(input("doi", e.doi, f.doi));
  if (f.tags !== undefined) {
    rows.push(
      html`<p class="field"><label for="field-tags">${t.paperFields.tags}</label><input id="field-tags" name="tags" value="${f.tags.join(", ")}" autocomplete="off" aria-describedby="tags-hint"> <span id="tags-hint" class="muted">${e.tagsHint}</span></p>`,
    );
  }
  if (f.categories !== undefined) rows.push(categorySelect(ctx, f.categories));
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a> › <a href="${ctx.href(view.page)}">${view.title}</a></nav>
<h1>${e.detailsTitle(view.title)}</h1>
<p class="muted">${view.file}</p>
<form id="details" class="details-form" data-keep-open data-page="${view.page}" data-file="${view.file}" data-hash="${view.hash}">
${rows}
<p class="editor-actions"><button type="submit">${e.saveDetails}</button> <span id="details-status" role="status"></span> <a href="${ctx.href(view.page)}">${view.title}</a></p>
</form>`;
  return { title: e.detailsTitle(view.title), body, path: editPaths.details(view.page) };
}

/** The primary category as a picker; further ones are kept as they are (data-rest). */
function categorySelect(ctx: SiteContext, current: readonly string[]): SafeHtml {
  const [primary = "", ...rest] = current;
  const options = ctx.library.categories.map(
    (c) =>
      html`<option value="${c.id}"${c.id === primary ? html` selected` : ""}>${c.name}</option>`,
  );
  return html`<p class="field"><label for="field-categories">${ctx.t.paperFields.categories}</label><select id="field-categories" name="categories" data-rest="${rest.join(",")}"><option value="">${ctx.t.edits.noCategory}</option>${options}</select></p>`;
}

/** Every category with its papers: add one, rename one, move a paper to another. */
export function categoriesPage(ctx: SiteContext): PageContent {
  const { t, library } = ctx;
  const e = t.edits;
  const byCategory = new Map<string, { id: string; short: string }[]>();
  for (const p of library.papers) {
    const first = p.categories[0];
    if (first === undefined) continue;
    const list = byCategory.get(first) ?? [];
    list.push({ id: p.id, short: p.short });
    byCategory.set(first, list);
  }
  const options = (selected: string) =>
    library.categories.map(
      (c) =>
        html`<option value="${c.id}"${c.id === selected ? html` selected` : ""}>${c.name}</option>`,
    );
  const sections = library.categories.map((c) => {
    const papers = byCategory.get(c.id) ?? [];
    const items = papers.map(
      (p) =>
        html`<li><a href="${ctx.href(paths.paper(p.id))}">${p.short}</a> <form class="move-form inline" data-paper="${p.id}" data-from="${c.id}"><label>${e.moveTo} <select name="to">${options(c.id)}</select></label> <button type="submit">${e.move}</button></form></li>`,
    );
    return html`<section class="category-admin" data-category="${c.id}" aria-labelledby="cat-${c.id}"><h2 id="cat-${c.id}">${c.name} <span class="muted">${e.paperCount(papers.length)}</span></h2>
<form class="rename-form inline" data-category="${c.id}"><label>${e.renameTo} <input name="name" value="${c.name}" autocomplete="off"></label> <button type="submit">${e.rename}</button></form>
${items.length > 0 ? html`<ul class="category-papers">${items}</ul>` : ""}</section>`;
  });
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a> › <a href="${ctx.href(paths.papers)}">${t.nav.papers}</a></nav>
<h1>${e.categoriesTitle}</h1>
<form id="add-category" class="inline"><label for="new-category">${e.categoryName}</label> <input id="new-category" name="name" autocomplete="off" required> <button type="submit">${e.addCategory}</button></form>
<p id="app-status" role="status"></p>
${sections}`;
  return { title: e.categoriesTitle, body, path: editPaths.categories };
}

/** A deleted item: its file and the revision that holds its last version. */
export interface DeletedItem {
  file: string;
  revision: string;
  /** The local time it was deleted (the revision's time). */
  when: string;
}

/** The papers and episodes deleted in the app, each restorable from its last revision. */
export function deletedPage(ctx: SiteContext, items: readonly DeletedItem[]): PageContent {
  const e = ctx.t.edits;
  const rows = items.map(
    (d) =>
      html`<li><code>${d.file}</code> <time datetime="${d.when}" class="local-time">${d.when}</time> <button type="button" data-restore="${d.revision}" data-file="${d.file}">${ctx.t.app.restore}</button> <a href="${ctx.href(`/_/revisions?file=${encodeURIComponent(d.file)}`)}">${ctx.t.app.revisions}</a></li>`,
  );
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${ctx.t.nav.home}</a></nav>
<h1>${e.deletedTitle}</h1>
<p class="muted">${e.deletedIntro}</p>
${rows.length > 0 ? html`<ul class="deleted-items">${rows}</ul>` : html`<p class="muted">${e.noDeleted}</p>`}
<p id="app-status" role="status"></p>`;
  return { title: e.deletedTitle, body, path: editPaths.deleted };
}
