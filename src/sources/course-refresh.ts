/**
 * `jingdu refresh --courses`: the current listing of a course's source (a bilibili upload's
 * page list, a 合集, a 系列, a YouTube playlist), to compare with the course's episodes.
 */
import type { Course } from "../core/index.js";
import { bilibiliVideoUrl } from "./bilibili/bvid.js";
import { parseBilibiliListRef } from "./bilibili/list-ref.js";
import type { CourseListing } from "./course-listing.js";
import type { Sources } from "./sources.js";

/** The course source kinds refresh can ask again. */
export const REFRESHABLE_COURSE_KINDS = [
  "bilibili",
  "bilibili-collection",
  "bilibili-series",
  "youtube-playlist",
  "youtube-channel",
] as const;

/** Which client a course's source is asked through (for holds and messages). */
export function courseSourceSite(course: Course): "bilibili" | "youtube" | undefined {
  const kind = course.source.kind;
  if (kind === "youtube-playlist" || kind === "youtube-channel") return "youtube";
  return kind.startsWith("bilibili") ? "bilibili" : undefined;
}

/**
 * The source's listing now, or undefined when the course has no source to ask (made by hand,
 * imported from a document, or missing the id it needs).
 * @example const listing = await fetchCourseListing(course, sources)
 */
export async function fetchCourseListing(
  course: Course,
  sources: Sources,
): Promise<CourseListing | undefined> {
  const { kind, id, url } = course.source;
  if (!id) return undefined;
  if (kind === "youtube-playlist") return (await sources.youtube.getPlaylist(id)).listing;
  if (kind === "youtube-channel") {
    // New episodes since: the feed's uploads from the day of the course's newest episode on
    // (an episode a person removed, older than that, is not brought back).
    const listing = await sources.youtube.getChannelFeed(id);
    const newest = course.episodes.reduce((max, e) => (e.date && e.date > max ? e.date : max), "");
    return { ...listing, items: listing.items.filter((i) => !i.date || i.date >= newest) };
  }
  if (kind === "bilibili-collection" || kind === "bilibili-series") {
    const ref = url ? parseBilibiliListRef(url) : undefined;
    const mid = ref?.mid ?? "0";
    if (kind === "bilibili-series" && mid === "0") return undefined;
    const got =
      kind === "bilibili-collection"
        ? await sources.bilibili.getSeason(mid, id)
        : await sources.bilibili.getSeries(mid, id);
    return got.listing;
  }
  if (kind === "bilibili") {
    const parts = await sources.bilibili.getPageList(id);
    const multi = parts.length > 1;
    return {
      kind,
      id,
      title: course.title,
      items: parts.map((p) => ({
        site: "bilibili" as const,
        videoId: id,
        ...(multi ? { part: p.part } : {}),
        title: p.title,
        ...(p.duration > 0 ? { duration: p.duration } : {}),
        ...(p.date ? { date: p.date } : {}),
        url: bilibiliVideoUrl(id, multi ? p.part : undefined),
      })),
    };
  }
  return undefined;
}
