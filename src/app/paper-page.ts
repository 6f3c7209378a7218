import { formatRuntime, type Paper } from "../core/index.js";
import { backlinksSection } from "./backlinks.js";
import { html, raw } from "./html.js";
import { LAYOUT_ASSETS } from "./layout.js";
import { paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";
import { externalLink } from "./snapshots.js";
import { paperReading } from "./study-views.js";
import { metricCell, metricHistory } from "./video-links.js";

const ID_URLS: Record<string, (id: string) => string> = {
  arxiv: (id) => `https://arxiv.org/abs/${id}`,
  doi: (id) => `https://doi.org/${id}`,
  s2: (id) => `https://www.semanticscholar.org/paper/${id}`,
  dblp: (id) => `https://dblp.org/rec/${id}`,
};

/**
 * The paper's files on this computer (a Zotero attachment): named with their path, as text —
 * a `file:` link is no URL the policy lets into a page, and the site may be read elsewhere.
 */
function attachmentsSection(ctx: SiteContext, paper: Paper) {
  if (paper.attachments.length === 0) return "";
  const items = paper.attachments.map(
    (a) =>
      html`<li>${a.title ?? a.path.split("/").at(-1) ?? a.path} <span class="muted url">${a.path}</span></li>`,
  );
  return html`<section aria-labelledby="attachments"><h2 id="attachments">${ctx.t.paperFields.attachments}</h2><ul>${items}</ul></section>`;
}

/** A paper: metadata, links, the episodes that cover it, and the learner's notes. */
export function paperPage(ctx: SiteContext, paper: Paper): PageContent {
  const { t } = ctx;
  const note = ctx.renderItemNote({ paper });
  const ids = Object.entries(paper.ids).map(([kind, value]) => {
    const text = String(value);
    const url = ID_URLS[kind]?.(encodeURIComponent(text).replace(/%2F/g, "/"));
    return html`<li><span class="muted">${kind}</span> ${url ? html`<a href="${url}" rel="noopener">${text}</a>` : text}</li>`;
  });
  const categories = paper.categories.map((id) => {
    const category = ctx.category(id);
    return category
      ? html`<li><a href="${ctx.href(paths.category(id))}">${category.name}</a></li>`
      : html`<li>${id}</li>`;
  });
  const tags = ctx
    .tagsOf(paper)
    .map(
      (tag) =>
        html`<li><a href="${ctx.href(paths.papers)}?tag=${encodeURIComponent(tag)}">${tag}</a></li>`,
    );
  const episodes = ctx
    .episodesCovering(paper.id)
    .map(
      ({ course, episode }) =>
        html`<li><a href="${ctx.href(paths.episode(course.id, episode.number))}">${episode.title}</a> <span class="muted">${episode.date ?? ""} ${episode.runtime === undefined ? "" : formatRuntime(episode.runtime)}</span></li>`,
    );
  const citekey = ctx.citekey(paper.id);
  const fact = (label: string, value: unknown) =>
    value === undefined || value === ""
      ? ""
      : html`<div><dt>${label}</dt><dd>${String(value)}</dd></div>`;
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a> › <a href="${ctx.href(paths.papers)}">${t.papersPage.title}</a></nav>
<h1>${paper.covered ? html`<span aria-label="${t.paperFields.covered}">✅</span> ` : ""}${paper.short}</h1>
${paper.summary ? html`<p class="lead">${paper.summary}</p>` : ""}
<dl class="facts">
${fact(t.paperFields.title, paper.title)}
${fact(t.paperFields.year, paper.year)}
${fact(t.paperFields.venue, paper.venue)}
<div><dt>${t.paperFields.citekey}</dt><dd><code class="citekey">${citekey}</code> <button type="button" class="copy" data-copy="${citekey}" data-copied="${t.paper.copied}" hidden>${t.paper.copy}</button></dd></div>
${paper.authors.length > 0 ? fact(t.paperFields.authors, paper.authors.join(", ")) : ""}
<div><dt>${t.columns.citations}</dt><dd>${metricCell(ctx, "paper", paper.id)}</dd></div>
</dl>
${metricHistory(ctx, "paper", paper.id)}
${paper.unresolved ? html`<p class="notice" data-paper="${paper.id}" data-find-ids="${t.resolve.findIds}">${t.paper.unresolved}</p>` : ""}
${paper.links.length > 0 ? html`<section aria-labelledby="links"><h2 id="links">${t.paperFields.links}</h2><ul>${paper.links.map((l) => html`<li>${externalLink(ctx, l.url, t.linkKinds[l.kind ?? "other"])} <span class="muted url">${l.url}</span></li>`)}</ul></section>` : ""}
${attachmentsSection(ctx, paper)}
${ids.length > 0 ? html`<section aria-labelledby="ids"><h2 id="ids">${t.paperFields.ids}</h2><ul>${ids}</ul></section>` : ""}
${categories.length > 0 ? html`<section aria-labelledby="categories"><h2 id="categories">${t.paperFields.categories}</h2><ul class="inline-list">${categories}</ul></section>` : ""}
${tags.length > 0 ? html`<section aria-labelledby="tags"><h2 id="tags">${t.paperFields.tags}</h2><ul class="inline-list">${tags}</ul></section>` : ""}
<section aria-labelledby="episodes"><h2 id="episodes">${t.paper.coveredBy}</h2>
${episodes.length > 0 ? html`<ul>${episodes}</ul>` : html`<p class="muted">${t.paper.notCoveredYet}</p>`}
</section>
${paperReading(ctx, paper)}
<section aria-labelledby="notes"><h2 id="notes">${t.paper.notes}</h2>
${note ? html`<div class="note">${raw(note.html)}</div>` : html`<p class="muted">${t.paper.noNotes}</p>`}
</section>
${backlinksSection(ctx, paper.id)}`;
  return {
    title: paper.short,
    body,
    path: paths.paper(paper.id),
    scripts: [LAYOUT_ASSETS.copy],
    math: note?.hasMath ?? false,
    mermaid: note?.hasMermaid ?? false,
    diagnostics: note?.diagnostics ?? [],
  };
}
