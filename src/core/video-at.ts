import type { VideoRef } from "./model.js";
import { isAllowedUrl } from "./url-policy.js";

/**
 * The video's address at `seconds`: bilibili keeps its part (`?p=N&t=2778`), YouTube takes
 * `t=2778` (both documented by the sites' share links); other sites get no time (undefined).
 * @example videoAt({ site: "bilibili", id: "BV1", part: 2, url: "https://www.bilibili.com/video/BV1" }, 2778)
 */
export function videoAt(video: VideoRef, seconds: number): string | undefined {
  if (!isAllowedUrl(video.url) || (video.site !== "bilibili" && video.site !== "youtube")) {
    return undefined;
  }
  const url = new URL(video.url);
  if (video.site === "bilibili" && video.part && video.part > 1) {
    url.searchParams.set("p", String(video.part));
  }
  url.searchParams.set("t", String(Math.floor(seconds)));
  return url.toString();
}

/** The first of an episode's videos that takes a time, at `seconds` (undefined when none does). */
export function episodeVideoAt(videos: readonly VideoRef[], seconds: number): string | undefined {
  for (const v of videos) {
    const url = videoAt(v, seconds);
    if (url !== undefined) return url;
  }
  return undefined;
}
