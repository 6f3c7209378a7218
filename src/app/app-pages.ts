import { formatRuntime } from "../core/index.js";
import { categoryPicker } from "./add-choices.js";
import { html, raw, type SafeHtml } from "./html.js";
import { layout } from "./layout.js";
import { paths } from "./paths.js";
import { revisionDiff, revisionTime } from "./revision-diff.js";
import type { PageContent, SiteContext } from "./site-context.js";

/**
 * Pages of the local web app only (`jingdu serve`): the note editor, the conflict review, the
 * revision history, the add forms and the live search. Same layout and i18n as the site; the
 * behaviour is in the server's `/assets/app.js` (no inline script).
 */

/** The app-only paths (never part of the static site). */
export const appPaths = {
  edit: (page: string) => `/_/edit?page=${encodeURIComponent(page)}`,
  revisions: (file: string) => `/_/revisions?file=${encodeURIComponent(file)}`,
  add: "/_/add",
  review: "/_/review",
  resolve: "/_/resolve",
  next: "/_/next",
} as const;

export interface EditorView {
  /** The site page whose note is edited (`/courses/limu/7/`). */
  page: string;
  /** The library file, relative to the root. */
  file: string;
  title: string;
  /** The note body (Markdown, without front matter). */
  body: string;
  /** sha256 of the whole file when it was read: the base of the save. */
  hash: string;
  /** The body rendered by the site's Markdown pipeline. */
  previewHtml: string;
  /** An episode's transcript cues, each quotable into the note with its time. */
  cues?: readonly { start: number; text: string }[];
}

/** The note editor: Markdown source beside a live preview, a save button, the conflict view. */
export function editorPage(ctx: SiteContext, view: EditorView): PageContent {
  const { t } = ctx;
  const a = t.app;
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a> › <a href="${ctx.href(view.page)}">${view.title}</a></nav>
<h1>${a.editTitle(view.title)}</h1>
<p class="muted">${view.file}</p>
<form id="editor" class="editor" data-page="${view.page}" data-file="${view.file}" data-hash="${view.hash}">
<div class="editor-panes">
<div class="editor-pane"><label for="source">${a.source}</label><textarea id="source" name="body" spellcheck="false">${view.body}</textarea></div>
<div class="editor-pane"><span class="pane-label">${a.preview}</span><div id="preview" class="note" aria-live="polite">${raw(view.previewHtml)}</div></div>
</div>
<p class="editor-actions"><button type="submit" id="save">${a.save}</button> <span id="editor-status" role="status"></span> <a href="${ctx.href(appPaths.revisions(view.file))}">${a.revisions}</a> · <a href="${ctx.href(view.page)}">${view.title}</a></p>
</form>
${editorCues(ctx, view.cues ?? [])}
<section id="conflict" class="conflict" hidden aria-labelledby="conflict-title">
<h2 id="conflict-title">${a.conflictTitle}</h2>
<p>${a.conflictMessage}</p>
<div class="editor-panes">
<div class="editor-pane"><h3>${a.yours}</h3><pre id="conflict-yours"></pre><button type="button" id="keep-yours">${a.keepYours}</button></div>
<div class="editor-pane"><h3>${a.onDisk}</h3><pre id="conflict-disk"></pre><button type="button" id="keep-disk">${a.keepDisk}</button></div>
</div>
</section>`;
  return { title: a.editTitle(view.title), body, path: view.page, math: true };
}

/**
 * The episode's cues under the editor: a cue's time button puts `> [12:34] its words` into the
 * note at the cursor (edit.js), the note syntax whose time links into the video.
 */
function editorCues(ctx: SiteContext, cues: readonly { start: number; text: string }[]): SafeHtml {
  if (cues.length === 0) return html``;
  const a = ctx.t.app;
  const items = cues.map((cue) => {
    const time = formatRuntime(Math.floor(cue.start));
    const text = cue.text.replace(/\s+/g, " ").trim();
    return html`<li><button type="button" class="cue-quote" data-quote="${`> [${time}] ${text}`}" title="${a.quoteCue(time)}">${time}</button> ${text}</li>`;
  });
  return html`<section class="editor-cues" aria-labelledby="editor-cues"><h2 id="editor-cues">${a.quoteCues}</h2><ol>${items}</ol></section>`;
}

export interface RevisionView {
  /** The revision's name (its file name: an ISO-like timestamp). */
  name: string;
  text: string;
}

/** The revision history of one file, newest first, each with a restore button. */
export function revisionsPage(
  ctx: SiteContext,
  file: string,
  revisions: readonly RevisionView[],
  page: string | undefined,
  /** The file's current text (undefined when it was deleted): each revision shows its diff. */
  current?: string,
): PageContent {
  const { t } = ctx;
  const a = t.app;
  const items = revisions.map((r) => {
    const when = revisionTime(r.name);
    const label = when
      ? html`<time datetime="${when.iso}" title="${r.name}">${when.local}</time>`
      : r.name;
    return html`<li data-revision="${r.name}"><details><summary>${label}</summary>${current === undefined ? "" : revisionDiff(ctx, r.text, current)}<details class="revision-text"><summary>${a.view}</summary><pre>${r.text}</pre></details></details>
<button type="button" data-restore="${r.name}" data-file="${file}"${page ? html` data-page="${page}"` : ""}>${a.restore}</button></li>`;
  });
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a>${page ? html` › <a href="${ctx.href(page)}">${file}</a> › <a href="${ctx.href(appPaths.edit(page))}">${a.edit}</a>` : ""}</nav>
<h1>${a.revisionsTitle(file)}</h1>
${items.length > 0 ? html`<ol class="revisions">${items}</ol>` : html`<p class="muted">${a.noRevisions}</p>`}
<p id="app-status" role="status"></p>`;
  return { title: a.revisionsTitle(file), body, path: appPaths.revisions(file) };
}

/** Forms to add a paper (arXiv/DOI/title) and a course (bilibili BVID or URL). */
export function addPage(ctx: SiteContext, available: boolean): PageContent {
  const { t } = ctx;
  const a = t.app;
  const off = available ? "" : html` disabled`;
  const form = (kind: string, title: string, label: string) =>
    html`<section aria-labelledby="add-${kind}"><h2 id="add-${kind}">${title}</h2>
<form class="add-form" data-add="${kind}"><label for="add-${kind}-input">${label}</label>
<div class="search-row"><input id="add-${kind}-input" name="input" autocomplete="off"${off}><button type="submit"${off}>${a.addSubmit}</button></div>${kind === "paper" ? categoryPicker(ctx, available) : ""}</form></section>`;
  const body = html`<h1>${a.add}</h1>
${available ? "" : html`<p class="notice">${a.sourcesUnavailable}</p>`}
${form("paper", a.addPaper, a.addPaperLabel)}
${form("course", a.addCourse, a.addCourseLabel)}
<p id="app-status" role="status"></p>
<p><a href="${ctx.href(appPaths.resolve)}">${t.resolve.title}</a></p>`;
  return { title: a.add, body, path: appPaths.add };
}

/** Search as you type over the full-text index (results come from `/api/search`). */
export function liveSearchPage(ctx: SiteContext): PageContent {
  const { t } = ctx;
  const body = html`<h1>${t.search.title}</h1>
<form id="live-search" class="search" role="search" action="${ctx.href(paths.search)}" method="get" data-no-results="${t.search.noResults}">
<label for="q">${t.search.label}</label>
<div class="search-row"><input id="q" name="q" type="search" placeholder="${t.search.placeholder}" autocomplete="off"><button type="submit">${t.search.submit}</button></div>
</form>
<p class="muted">${t.app.searchLive}</p>
<p id="search-status" role="status"></p>
<div id="search-groups" class="results"></div>`;
  return { title: t.search.title, body, path: paths.search };
}

/** A page of the app wrapped in the site's layout. */
export function renderAppPage(ctx: SiteContext, content: PageContent): string {
  return layout(ctx, content).value;
}

/** One due note on the review page. */
export interface ReviewItem {
  /** The note id (`paper:ID`, `episode:COURSE/N`, `course:ID`). */
  id: string;
  title: string;
  /** The site page of the note, when it still exists. */
  page: string | undefined;
  /** The note's first lines, rendered. */
  previewHtml: string;
  /** Whether they hold a formula (the page then links KaTeX's stylesheet). */
  math?: boolean;
}

/**
 * Spaced review (like `jingdu review`): the due notes listed, one shown with four rating buttons
 * (again/hard/good/easy → `POST /api/review`); `nextDue` when nothing is due. `current` is the
 * note id the page shows (`?note=`), the first due one when it is not due; the list links each
 * note, and the card names the notes before and after it (`data-prev`, `data-next`: `k` and `j`).
 */
export function reviewPage(
  ctx: SiteContext,
  due: readonly ReviewItem[],
  nextDue: string | undefined,
  current?: string,
): PageContent {
  const s = ctx.t.study;
  const at = Math.max(
    0,
    due.findIndex((d) => d.id === current),
  );
  const shown = due[at];
  const noteHref = (d: ReviewItem | undefined) =>
    d ? ctx.href(`${appPaths.review}?note=${encodeURIComponent(d.id)}`) : "";
  const ratings = (["again", "hard", "good", "easy"] as const).map(
    (r) => html`<button type="button" data-rate="${r}">${s.ratings[r]}</button>`,
  );
  const card = shown
    ? html`<article class="review-card" id="review-card" data-note="${shown.id}" data-prev="${noteHref(due[at - 1])}" data-next="${noteHref(due[at + 1])}">
<h2>${shown.page ? html`<a href="${ctx.href(shown.page)}">${shown.title}</a>` : shown.title}</h2>
<div class="note">${raw(shown.previewHtml)}</div>
<p class="review-actions" role="group" aria-label="${s.review}">${ratings}</p>
<p id="review-status" role="status"></p>
</article>`
    : html`<p class="muted">${s.nothingDue}</p>${nextDue ? html`<p class="next-due">${s.nextDue(nextDue)}</p>` : ""}`;
  const list = due.map((d, i) =>
    i === at
      ? html`<li aria-current="true">${d.title}</li>`
      : html`<li><a href="${noteHref(d)}">${d.title}</a></li>`,
  );
  const body = html`<h1>${s.reviewTitle}</h1>
<p class="due-count">${s.dueCount(due.length)}</p>
${card}
${due.length > 1 ? html`<ol class="due-list">${list}</ol><p class="muted">${s.reviewKeys}</p>` : ""}`;
  return { title: s.reviewTitle, body, path: appPaths.review, math: shown?.math === true };
}
