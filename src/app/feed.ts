import { escapeHtml } from "./html.js";
import { paths } from "./paths.js";
import { episodeVideo, type SiteContext } from "./site-context.js";

interface FeedEntry {
  id: string;
  title: string;
  url: string;
  /** Atom date, or undefined when the item has no date of its own. */
  updated: string | undefined;
  html: string;
}

const xml = escapeHtml;
const atomDate = (date: string | undefined) =>
  date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : undefined;

/**
 * Atom feed of the notes: one entry per episode or paper that has notes, newest first. The feed's
 * `updated` is its newest entry's date (the clock only when no entry has one), so an unchanged
 * library renders the same bytes.
 */
export function renderFeed(ctx: SiteContext, now: Date): string {
  const clock = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const entries: FeedEntry[] = [];
  for (const course of ctx.library.courses) {
    for (const ep of course.episodes) {
      if (ep.notes.trim() === "") continue;
      const path = paths.episode(course.id, ep.number);
      const video = episodeVideo(ep);
      entries.push({
        id: ctx.absolute(path),
        title: ep.title,
        url: ctx.absolute(path),
        updated: atomDate(ep.date),
        html: ctx.renderNote(ep.notes, {
          file: ep.at?.file ?? path,
          kind: "episode",
          ...(video ? { episodeVideo: video } : {}),
        }).html,
      });
    }
  }
  for (const p of ctx.library.papers) {
    if (p.notes.trim() === "") continue;
    const path = paths.paper(p.id);
    entries.push({
      id: ctx.absolute(path),
      title: p.short,
      url: ctx.absolute(path),
      updated: ctx
        .episodesCovering(p.id)
        .map(({ episode }) => atomDate(episode.date))
        .reduce<string | undefined>((max, d) => (d && (!max || d > max) ? d : max), undefined),
      html: ctx.renderNote(p.notes, { file: p.at?.file ?? path, kind: "paper" }).html,
    });
  }
  const newest = entries.reduce((max, e) => (e.updated && e.updated > max ? e.updated : max), "");
  const updated = newest || clock;
  const dated = entries.map((e) => ({ ...e, updated: e.updated ?? updated }));
  dated.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const body = dated.map(
    (e) => `<entry>
<id>${xml(e.id)}</id>
<title>${xml(e.title)}</title>
<link href="${xml(e.url)}"/>
<updated>${e.updated}</updated>
<content type="html">${xml(e.html)}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(ctx.t.locale)}">
<id>${xml(ctx.absolute(paths.home))}</id>
<title>${xml(ctx.t.feed.title(ctx.library.settings.title))}</title>
<link href="${xml(ctx.absolute(paths.home))}"/>
<link rel="self" href="${xml(ctx.absolute(paths.feed))}"/>
<updated>${updated}</updated>
<generator>jingdu</generator>
${body.join("\n")}
</feed>
`;
}
