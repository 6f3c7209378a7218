import type { Episode, Paper } from "../core/index.js";
import { escapeHtml } from "./html.js";
import { paths } from "./paths.js";
import { noteOf, type SiteContext } from "./site-context.js";

/** An entry of the feed, before its note is rendered. */
export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  /** Atom date: the item's own, else the feed's (see `feedEntries`). */
  updated: string;
  item: { episode: Episode } | { paper: Paper };
}

/**
 * The feed's entries, newest first, at most `FEED_ENTRIES`: one per episode or paper that has
 * notes. Entries without a date of their own get the newest entry's date; only when no entry has
 * one, they get the build's day (`feedClock`).
 */
export function feedEntries(ctx: SiteContext, now: Date): FeedEntry[] {
  const entries: (Omit<FeedEntry, "updated"> & { updated: string | undefined })[] = [];
  for (const course of ctx.library.courses) {
    for (const ep of course.episodes) {
      if (!ctx.hasNotes(ep)) continue;
      const url = ctx.absolute(paths.episode(course.id, ep.number));
      const updated = atomDate(ep.date);
      entries.push({ id: url, title: ep.title, url, updated, item: { episode: ep } });
    }
  }
  for (const p of ctx.library.papers) {
    if (!ctx.hasNotes(p)) continue;
    const url = ctx.absolute(paths.paper(p.id));
    entries.push({
      id: url,
      title: p.short,
      url,
      updated: ctx
        .episodesCovering(p.id)
        .map(({ episode }) => atomDate(episode.date))
        .reduce<string | undefined>((max, d) => (d && (!max || d > max) ? d : max), undefined),
      item: { paper: p },
    });
  }
  const newest = entries.reduce((max, e) => (e.updated && e.updated > max ? e.updated : max), "");
  const updated = newest || feedClock(now);
  return entries
    .map((e) => ({ ...e, updated: e.updated ?? updated }))
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0))
    .slice(0, FEED_ENTRIES);
}

/**
 * Entries in the feed: the newest notes, as feed readers expect (jekyll-feed keeps 10). A feed of
 * every note would hold every note's KaTeX HTML — megabytes that no reader wants and that every
 * rebuild would rewrite.
 */
export const FEED_ENTRIES = 50;

const xml = escapeHtml;

const ESCAPED: Record<number, Uint8Array> = {
  38: Buffer.from("&amp;"),
  60: Buffer.from("&lt;"),
  62: Buffer.from("&gt;"),
  34: Buffer.from("&quot;"),
  39: Buffer.from("&#39;"),
};

/**
 * `escapeHtml(text)` as UTF-8 bytes, escaped byte by byte (UTF-8 never uses ASCII bytes inside a
 * multi-byte character). A feed holds every note's HTML (megabytes of KaTeX markup); escaping it
 * as bytes is several times faster than a string replace, and the feed is written as bytes anyway.
 */
function xmlBytes(text: string): Uint8Array {
  const source = Buffer.from(text);
  let extra = 0;
  for (let i = 0; i < source.length; i++) {
    const escaped = ESCAPED[source[i] as number];
    if (escaped) extra += escaped.length - 1;
  }
  if (extra === 0) return source;
  const out = Buffer.allocUnsafe(source.length + extra);
  let at = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const escaped = ESCAPED[source[i] as number];
    if (!escaped) continue;
    at += source.copy(out, at, from, i);
    out.set(escaped, at);
    at += escaped.length;
    from = i + 1;
  }
  source.copy(out, at, from);
  return out;
}
const atomDate = (date: string | undefined) =>
  date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : undefined;

/**
 * The timestamp a feed gives what has no date of its own: the day of `now` (midnight UTC), so a
 * feed stays the same all day.
 */
export const feedClock = (now: Date): string => `${now.toISOString().slice(0, 10)}T00:00:00Z`;

/**
 * Atom feed of the notes: one entry per episode or paper that has notes, newest first. The feed's
 * `updated` is its newest entry's date, which undated entries get too; only when no entry has a
 * date do they and the feed get the build's day (`feedClock`: midnight UTC, not the instant), so
 * an unchanged library renders the same bytes all day and a rebuild writes nothing.
 */
export function renderFeed(ctx: SiteContext, now: Date): Uint8Array {
  const dated = feedEntries(ctx, now).map((e) => {
    const { markdown, context } = noteOf(e.item);
    return { ...e, content: xmlBytes(ctx.renderNote(markdown, context).html) };
  });
  const updated = dated[0]?.updated ?? feedClock(now);
  const parts: (string | Uint8Array)[] = [
    `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(ctx.t.locale)}">
<id>${xml(ctx.absolute(paths.home))}</id>
<title>${xml(ctx.t.feed.title(ctx.library.settings.title))}</title>
<link href="${xml(ctx.absolute(paths.home))}"/>
<link rel="self" href="${xml(ctx.absolute(paths.feed))}"/>
<updated>${updated}</updated>
<generator>jingdu</generator>
`,
  ];
  for (const [i, e] of dated.entries()) {
    parts.push(
      `${i > 0 ? "\n" : ""}<entry>
<id>${xml(e.id)}</id>
<title>${xml(e.title)}</title>
<link href="${xml(e.url)}"/>
<updated>${e.updated}</updated>
<content type="html">`,
      e.content,
      "</content>\n</entry>",
    );
  }
  parts.push("\n</feed>\n");
  // Contents are bytes (escaped as bytes): never decoded.
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
}
