/** What each source's fetched data looks like in `metadata/*.jsonl` (`values` of a record). */
import type { ArxivEntry } from "./arxiv/atom.js";
import type { BilibiliSeasonEpisode, BilibiliVideo } from "./bilibili/bilibili-client.js";
import type { BiliArchive } from "./bilibili/bilibili-list-schema.js";
import { chinaDate } from "./bilibili/bilibili-part.js";
import type { S2PaperData } from "./semantic-scholar/s2-map.js";

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function s2Values(p: S2PaperData): Record<string, unknown> {
  const { s2Id: _s2Id, ...rest } = p;
  return defined({ ...rest });
}

export function arxivValues(e: ArxivEntry): Record<string, unknown> {
  return defined({
    title: e.title || undefined,
    abstract: e.summary,
    authors: e.authors,
    ids: defined({ arxiv: e.id, doi: e.doi }),
    version: e.version,
    published: e.published,
    updated: e.updated,
    year: e.published ? Number(e.published.slice(0, 4)) : undefined,
    pdfUrl: e.pdfUrl,
    url: e.absUrl,
    primaryCategory: e.primaryCategory,
    categories: e.categories,
    comment: e.comment,
    journalRef: e.journalRef,
  });
}

export function bilibiliValues(v: BilibiliVideo): Record<string, unknown> {
  return defined({
    title: v.title,
    aid: v.aid,
    cover: v.cover,
    date: v.date,
    duration: v.duration,
    views: v.views,
    likes: v.likes,
    owner: v.owner,
    parts: v.parts.map((p) => ({ part: p.part, title: p.title, duration: p.duration })),
    season: v.season ? { id: v.season.id, title: v.season.title } : undefined,
  });
}

/** A collection episode as seen from another video's view (no likes, no owner). */
export function bilibiliSeasonEpisodeValues(
  e: BilibiliSeasonEpisode,
  season: { id: string; title: string },
): Record<string, unknown> {
  return defined({
    title: e.title,
    aid: e.aid,
    cover: e.cover,
    date: e.date,
    duration: e.duration,
    views: e.views,
    parts: e.parts.map((p) => ({ part: p.part, title: p.title, duration: p.duration })),
    season,
  });
}

/** A video of a 合集 or 系列 as its list gives it (no parts, likes or owner). */
export function bilibiliArchiveValues(
  a: BiliArchive,
  list: { kind: "season" | "series"; id: string; title: string },
): Record<string, unknown> {
  const at = a.pubdate ?? a.ctime;
  return defined({
    title: a.title,
    aid: a.aid,
    cover: a.pic ?? undefined,
    date: typeof at === "number" && at > 0 ? chinaDate(at) : undefined,
    duration: a.duration ?? undefined,
    views: a.stat?.view ?? undefined,
    [list.kind]: { id: list.id, title: list.title },
  });
}
