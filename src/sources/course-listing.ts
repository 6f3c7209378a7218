/**
 * One shape for every course source (a bilibili video's parts, a 合集, a 系列, a YouTube
 * playlist): the listing. Each source maps its answer to a listing; one function makes the
 * course from it, and one finds what a course lacks when its source grew (`jingdu refresh`).
 */
import { type Course, type Episode, slugify, uniqueId } from "../core/index.js";
import { makeCourse, makeEpisode } from "../core/make-items.js";

export interface ListingItem {
  site: "bilibili" | "youtube";
  /** BVID or YouTube video id. */
  videoId: string;
  /** 1-based part of a multi-part bilibili upload. */
  part?: number;
  title: string;
  /** Seconds. */
  duration?: number;
  /** ISO `YYYY-MM-DD`. */
  date?: string;
  url: string;
}

export interface CourseListing {
  kind: Course["source"]["kind"];
  /** BVID, season/series id, playlist id, or the file's name. */
  id: string;
  url?: string;
  title: string;
  /** In the source's order (oldest first): position i + 1. */
  items: ListingItem[];
}

/** The key an episode and a listing item share: video id, and part where there is one. */
export function itemKey(site: string, videoId: string, part?: number): string {
  return `${site}:${videoId.toLowerCase()}${part === undefined ? "" : `#${part}`}`;
}

/** An episode's keys; a whole bilibili video is also its part 1 (an upload that got a 2nd part). */
function episodeKeys(ep: Episode): string[] {
  return ep.videos.flatMap((v) => {
    if (!v.id || (v.site !== "bilibili" && v.site !== "youtube")) return [];
    const key = itemKey(v.site, v.id, v.part);
    return v.site === "bilibili" && v.part === undefined ? [key, itemKey(v.site, v.id, 1)] : [key];
  });
}

/** A video a list holds twice (playlists allow it) is one episode, at its first position. */
function uniqueItems(items: ListingItem[]): ListingItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = itemKey(item.site, item.videoId, item.part);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function makeListingEpisode(courseId: string, number: number, item: ListingItem): Episode {
  const ep = makeEpisode({
    courseId,
    number,
    title: item.title || `#${number}`,
    videos: [
      {
        site: item.site,
        id: item.videoId,
        ...(item.part === undefined ? {} : { part: item.part }),
        url: item.url,
      },
    ],
  });
  if (item.duration !== undefined && item.duration > 0) ep.runtime = Math.round(item.duration);
  if (item.date) ep.date = item.date;
  return ep;
}

/**
 * The course of a listing: one episode per item, numbered by position.
 * @example courseFromListing(listing, { takenIds: ["limu"] }).episodes[0].number === 1
 */
export function courseFromListing(
  listing: CourseListing,
  opts: { takenIds?: Iterable<string>; id?: string } = {},
): Course {
  const courseId = opts.id ?? uniqueId(slugify(listing.title), new Set(opts.takenIds ?? []));
  return makeCourse({
    id: courseId,
    title: listing.title,
    source: {
      kind: listing.kind,
      id: listing.id,
      ...(listing.url ? { url: listing.url } : {}),
    },
    episodes: uniqueItems(listing.items).map((item, i) =>
      makeListingEpisode(courseId, i + 1, item),
    ),
  });
}

/**
 * The episodes a course lacks from its grown source: items no episode shows yet, numbered after
 * the course's last episode, in the source's order. Existing episodes are never renumbered or
 * dropped (an item gone from the source keeps its episode, progress and notes).
 */
export function newEpisodesFromListing(course: Course, listing: CourseListing): Episode[] {
  const known = new Set(course.episodes.flatMap(episodeKeys));
  let next = course.episodes.reduce((max, e) => Math.max(max, e.number), 0);
  const added: Episode[] = [];
  for (const item of listing.items) {
    const key = itemKey(item.site, item.videoId, item.part);
    if (known.has(key)) continue;
    known.add(key);
    next += 1;
    added.push(makeListingEpisode(course.id, next, item));
  }
  return added;
}
