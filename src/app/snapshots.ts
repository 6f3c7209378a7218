import { createHash } from "node:crypto";
import { isAllowedUrl, type Library } from "../core/index.js";
import type { ArchivedLink } from "../render/index.js";
import {
  archivedLinkView,
  extractNoteLinks,
  type LinkHealth,
  normalizeLinkUrl,
  type SnapshotEntry,
} from "../snapshots/light.js";
import type { AssetSource } from "./assets.js";
import { html, type SafeHtml } from "./html.js";
import type { Messages } from "./i18n/index.js";
import { scrollTable } from "./layout.js";
import { type Linker, paths } from "./paths.js";
import type { PageContent, SiteContext } from "./site-context.js";
import { textMemo } from "./text-memo.js";

/**
 * The library's `snapshots/` folder as the pages use it (see docs/snapshots.md): the snapshot
 * index, the link-health records and the stored objects.
 */
export interface SiteSnapshots {
  /** `snapshots/index.jsonl` by URL (`readSnapshotIndex`). */
  index: ReadonlyMap<string, SnapshotEntry>;
  /** `snapshots/links.jsonl` by URL (`readLinkHealth`). */
  health: ReadonlyMap<string, LinkHealth>;
  /** Files under `snapshots/objects/`, named relative to it (`ab/ab….html`). */
  objects: ReadonlyMap<string, AssetSource>;
}

const OBJECTS = "snapshots/objects/";

/** A hash of the index and the link health: what the links page shows of them. */
export function snapshotsDigest(snapshots: SiteSnapshots | undefined): string {
  if (!snapshots) return "";
  return createHash("sha256")
    .update(JSON.stringify([[...snapshots.index.values()], [...snapshots.health.values()]]))
    .digest("hex");
}

/** The origin of a URL: the seed's 参考资料快照 mapping (references.yaml, else the index). */
export function originsOf(
  library: Library,
  snapshots: SiteSnapshots | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  const text = (o: { archived?: string; origin?: string } | undefined) =>
    o ? [o.origin, o.archived].filter((s) => s !== undefined && s !== "").join(" · ") : "";
  for (const entry of snapshots?.index.values() ?? []) {
    const t = text(entry.origin);
    if (t) out.set(entry.url, t);
  }
  for (const ref of library.references) {
    const url = normalizeLinkUrl(ref.url);
    const t = text({
      ...(ref.archived === undefined ? {} : { archived: ref.archived }),
      ...(ref.origin === undefined ? {} : { origin: ref.origin }),
    });
    if (url && t) out.set(url, t);
  }
  return out;
}

/** `archive(url)` for the Markdown renderer and catalog links: undefined without a snapshot. */
export function createArchiveLookup(
  snapshots: SiteSnapshots | undefined,
  origins: ReadonlyMap<string, string>,
  linker: Linker,
  t: Messages,
): (url: string) => ArchivedLink | undefined {
  if (!snapshots || snapshots.index.size === 0) return () => undefined;
  return (url) => {
    const view = archivedLinkView(url, snapshots.index, snapshots.health);
    if (!view.snapshotPath?.startsWith(OBJECTS)) return undefined;
    const origin = origins.get(normalizeLinkUrl(url) ?? url);
    const date = t.links.archivedOn((view.fetchedAt ?? "").slice(0, 10));
    return {
      href: linker.href(paths.snapshot(view.snapshotPath.slice(OBJECTS.length))),
      label: t.links.archived,
      title: origin ? `${date} · ${t.links.origin(origin)}` : date,
      preferSnapshot: view.preferSnapshot,
      liveLabel: t.links.liveDead,
    };
  };
}

/**
 * A catalog entry's own link (papers table, paper page) with its archived copy: a small
 * "archived" link after it, or the snapshot first and the live URL after it when the link is dead.
 */
export function externalLink(ctx: SiteContext, url: string, text: SafeHtml | string): SafeHtml {
  // A URL the policy refuses is shown as text, never as a link (nor looked up in the archive).
  if (!isAllowedUrl(url)) return html`${text}`;
  const archived = ctx.archive(url);
  if (!archived) return html`<a href="${url}" rel="noopener">${text}</a>`;
  if (archived.preferSnapshot) {
    return html`<a href="${archived.href}" title="${archived.title}" rel="noopener noreferrer">${text}</a> <a class="live-link" href="${url}" title="${url}" rel="noopener noreferrer">${archived.liveLabel}</a>`;
  }
  return html`<a href="${url}" rel="noopener">${text}</a> <a class="archived-link" href="${archived.href}" title="${archived.title}" rel="noopener noreferrer">${archived.label}</a>`;
}

const citedBy = textMemo((notes) => extractNoteLinks(notes).map((l) => l.url), {
  byDigest: true,
});

/**
 * The URLs a note cites (`extractNoteLinks`), kept by the note's text: the links page lists
 * every note's.
 */
export function noteUrlsOf(item: { notes: string }): string[] {
  return citedBy(item.notes);
}

/** Which pages cite each URL (notes and catalog links), in library order. */
function citingPages(ctx: SiteContext): Map<string, { href: string; title: string }[]> {
  const out = new Map<string, { href: string; title: string }[]>();
  const add = (raw: string, href: string, title: string) => {
    const url = normalizeLinkUrl(raw);
    if (!url) return;
    const list = out.get(url) ?? [];
    if (!list.some((p) => p.href === href)) list.push({ href, title });
    out.set(url, list);
  };
  for (const paper of ctx.library.papers) {
    const href = ctx.href(paths.paper(paper.id));
    for (const l of paper.links) add(l.url, href, paper.short);
    for (const url of ctx.citedUrls(paper)) add(url, href, paper.short);
  }
  for (const course of ctx.library.courses) {
    const href = ctx.href(paths.course(course.id));
    for (const l of course.links) add(l, href, course.title);
    for (const url of ctx.citedUrls(course)) add(url, href, course.title);
    for (const ep of course.episodes) {
      const epHref = ctx.href(paths.episode(course.id, ep.number));
      for (const url of ctx.citedUrls(ep)) add(url, epHref, ep.title);
    }
  }
  return out;
}

const STATES = ["ok", "redirected", "dead", "timeout", "blocked", "unchecked"] as const;

/** `/links/`: the link-health table with counts per state and the archived copies. */
export function linksPage(ctx: SiteContext): PageContent {
  const { t } = ctx;
  const l = t.links;
  const snapshots = ctx.snapshots;
  const cited = citingPages(ctx);
  const urls = new Set<string>([
    ...(snapshots?.health.keys() ?? []),
    ...(snapshots?.index.keys() ?? []),
    ...cited.keys(),
  ]);
  const sorted = [...urls].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counts = new Map<string, number>();
  const day = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace("T", " ") : "");
  const rows = sorted.map((url) => {
    const health = snapshots?.health.get(url);
    const state = health?.state ?? "unchecked";
    counts.set(state, (counts.get(state) ?? 0) + 1);
    const archived = ctx.archive(url);
    const origin = ctx.linkOrigin(url);
    const pages = cited.get(url) ?? [];
    return html`<tr class="link-${state}">
<td>${l.states[state]}</td>
<td class="url">${isAllowedUrl(url) ? html`<a href="${url}" rel="noopener noreferrer">${url}</a>` : url}${origin ? html`<br><span class="muted origin">${l.origin(origin)}</span>` : ""}</td>
<td class="url">${health?.finalUrl && health.finalUrl !== url ? health.finalUrl : ""}</td>
<td class="num">${health?.status ?? health?.reason ?? ""}</td>
<td>${health ? html`<time datetime="${health.checkedAt}">${day(health.checkedAt)}</time>` : ""}</td>
<td>${health?.lastOkAt ? html`<time datetime="${health.lastOkAt}">${day(health.lastOkAt)}</time>` : ""}</td>
<td>${pages.map((p, i) => html`${i > 0 ? ", " : ""}<a href="${p.href}">${p.title}</a>`)}</td>
<td>${archived ? html`<a class="archived-link" href="${archived.href}" title="${archived.title}" rel="noopener noreferrer">${archived.label}</a>` : ""}</td>
</tr>`;
  });
  const c = l.columns;
  const summary = STATES.filter((s) => counts.has(s)).map(
    (s) => html`<li class="link-${s}">${l.states[s]}: <strong>${counts.get(s) ?? 0}</strong></li>`,
  );
  const body = html`<nav class="crumbs"><a href="${ctx.href(paths.home)}">${t.nav.home}</a></nav>
<h1>${l.title}</h1>
<p>${l.intro} ${l.count(sorted.length)}</p>
${!snapshots || snapshots.health.size === 0 ? html`<p class="notice never-checked">${l.neverChecked}</p>` : ""}
<ul class="link-counts">${summary}</ul>
${scrollTable(html`<table class="links">
<thead><tr><th scope="col">${c.state}</th><th scope="col">${c.url}</th><th scope="col">${c.finalUrl}</th><th scope="col">${c.status}</th><th scope="col">${c.checkedAt}</th><th scope="col">${c.lastOkAt}</th><th scope="col">${c.citedIn}</th><th scope="col">${c.snapshot}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`)}`;
  return { title: l.title, body, path: paths.links };
}
