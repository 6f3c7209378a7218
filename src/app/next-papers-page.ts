import {
  type CitationGraphView,
  findSameAsGraphPaper,
  type GraphPaper,
  type Paper,
} from "../core/index.js";
import {
  neighbourhoodGraph,
  nextSuggestions,
  type RelatedPaper,
  relatedReason,
  type Seed,
} from "../study/index.js";
import { appPaths } from "./app-pages.js";
import { html, raw, type SafeHtml } from "./html.js";
import { paths } from "./paths.js";
import { continueCourse } from "./resume-link.js";
import type { PageContent, SiteContext } from "./site-context.js";

/**
 * The app's Next page (`/_/next`, issue 19): the courses to go on with (as on home), then papers
 * outside the library to read next, each with the reason naming the learner's papers and a button
 * that adds it (`POST /api/add/paper`, as the add page does), and the citation neighbourhood they
 * make as an SVG. `?for=PAPER` is one paper's
 * neighbourhood (its page links here). Not part of the static site: it is the learner's own
 * reading, live, and its add buttons need the server (docs/study.md).
 */
export interface NextPapersView {
  seeds: readonly Seed[];
  everyPaper: boolean;
  suggestions: readonly RelatedPaper[];
  graph: CitationGraphView;
  /** The paper whose neighbourhood this is (`?for=`). */
  for?: Paper;
  /** Whether the sources are configured (the add buttons work). */
  canAdd: boolean;
  /** When the S2 recommendations that took part were fetched (ISO date-time). */
  recommendedAt?: string;
}

/** Papers named in the "from your papers" line. */
const SEEDS_SHOWN = 12;

/** What the add use case is given for a suggestion: its arXiv id, else its DOI, else its S2 id. */
export function addInputOf(paper: GraphPaper): string {
  if (paper.ids?.arxiv) return `arXiv:${paper.ids.arxiv}`;
  if (paper.ids?.doi) return `DOI:${paper.ids.doi}`;
  return paper.s2;
}

function suggestionItem(
  ctx: SiteContext,
  r: RelatedPaper,
  rank: number,
  canAdd: boolean,
): SafeHtml {
  const n = ctx.t.next;
  const p = r.paper;
  const meta = n.meta(
    p.year === undefined ? "—" : String(p.year),
    p.venue ?? "—",
    p.citationCount === undefined ? "—" : ctx.formatNumber(p.citationCount),
  );
  const mine = findSameAsGraphPaper(ctx.library.papers, p);
  const catalog = mine
    ? html`<p class="in-catalog">${n.inCatalog} <a href="${ctx.href(paths.paper(mine.paper.id))}">${mine.paper.short}</a></p>`
    : "";
  return html`<li id="suggestion-${rank + 1}" class="suggestion" data-s2="${r.s2}">
<h3 class="suggestion-title">${p.title ?? r.s2}</h3>
<p class="muted">${meta}</p>
<p class="reason">${relatedReason(r, ctx.library.settings.language)}</p>${catalog}
<p class="suggestion-actions"><button type="button" data-add-suggestion="${addInputOf(p)}" data-added="${n.added}"${canAdd ? "" : html` disabled`}>${n.add}</button> <span role="status"></span></p>
</li>`;
}

/** Each course in progress with its next episode (as on home), as `jingdu next` lists them. */
function coursesToContinue(ctx: SiteContext): SafeHtml | "" {
  const courses = nextSuggestions(ctx.library).flatMap((s) => {
    const course = s.kind === "episode" ? ctx.course(s.courseId) : undefined;
    return course ? [course] : [];
  });
  if (courses.length === 0) return "";
  const n = ctx.t.next;
  return html`<section aria-labelledby="next-episodes"><h2 id="next-episodes">${n.episodesTitle}</h2>
${courses.map((c) => html`<div class="next-course"><a href="${ctx.href(paths.course(c.id))}">${c.title}</a>${continueCourse(ctx, c)}</div>`)}
</section>`;
}

/** The Next page: courses to go on with, the seeds, the ranked suggestions, the graph view. */
export function nextPapersPage(ctx: SiteContext, view: NextPapersView): PageContent {
  const n = ctx.t.next;
  const title = view.for ? n.forTitle(view.for.short) : n.title;
  const path = view.for ? `${appPaths.next}?for=${encodeURIComponent(view.for.id)}` : appPaths.next;
  // The weightiest first, at most SEEDS_SHOWN by name (with nothing studied, every paper stands in).
  const shown = [...view.seeds].sort((a, b) => b.weight - a.weight).slice(0, SEEDS_SHOWN);
  const more = view.seeds.length - shown.length;
  const seeds = html`${shown.map(
    (s, i) =>
      html`${i > 0 ? (ctx.library.settings.language === "zh" ? "、" : ", ") : ""}<a href="${ctx.href(paths.paper(s.paperId))}">${s.name}</a>`,
  )}${more > 0 ? ` ${n.moreSeeds(more)}` : ""}`;
  const fetched = view.graph.fetched.size > 0;
  const graph =
    fetched && view.suggestions.length > 0
      ? neighbourhoodGraph({
          id: "next-graph",
          graph: view.graph,
          seeds: view.seeds,
          suggestions: view.suggestions,
          messages: n.graph,
          locale: ctx.t.locale,
          formatNumber: (x) => ctx.formatNumber(x),
          seedHref: (s) => ctx.href(paths.paper(s.paperId)),
          suggestionHref: (_r, rank) => `#suggestion-${rank + 1}`,
        }).html
      : "";
  const list = !fetched
    ? html`<p class="notice">${n.noGraph}</p>`
    : view.suggestions.length === 0
      ? html`<p class="muted">${n.none}</p>`
      : html`<ol class="suggestions" data-next-papers>${view.suggestions.map((r, i) => suggestionItem(ctx, r, i, view.canAdd))}</ol>`;
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${ctx.t.nav.home}</a>${view.for ? html` › <a href="${ctx.href(paths.paper(view.for.id))}">${view.for.short}</a>` : ""}</nav>
<h1>${title}</h1>
${view.for ? "" : coursesToContinue(ctx)}
${view.for ? "" : html`<h2>${n.papersTitle}</h2>`}
${view.everyPaper ? html`<p class="muted">${n.everyPaper}</p>` : ""}
${view.seeds.length > 0 ? html`<p class="next-seeds">${n.from} ${seeds}</p>` : ""}
${view.canAdd ? "" : html`<p class="notice">${ctx.t.app.sourcesUnavailable}</p>`}
${view.recommendedAt ? html`<p class="muted next-recommended">${n.recommendedAt(view.recommendedAt.slice(0, 10))}</p>` : ""}
${raw(graph)}
${list}`;
  return { title, body, path };
}
