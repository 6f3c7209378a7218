import { type Course, type Episode, slugify, uniqueId } from "../../core/index.js";
import { makeCourse, makeEpisode } from "../../core/make-items.js";
import type { BilibiliVideo } from "./bilibili-client.js";
import { bilibiliVideoUrl } from "./bvid.js";

export interface CourseFromVideoOptions {
  /** Import the video's whole collection (ugc_season) instead of its parts. */
  collection?: boolean;
  /** Course ids already in the library (the new id is made unique among them). */
  takenIds?: Iterable<string>;
  /** A course id chosen by the person. */
  id?: string;
}

export interface CourseImport {
  course: Course;
  /** Things the person should know: e.g. "this video belongs to a collection of 12". */
  notices: string[];
}

/**
 * A multi-part video becomes a course whose episodes are its parts (`?p=N`); with `collection`,
 * a video in a collection imports every video of the collection, in the collection's order.
 */
export function courseFromBilibiliVideo(
  video: BilibiliVideo,
  opts: CourseFromVideoOptions = {},
): CourseImport {
  const notices: string[] = [];
  const taken = new Set(opts.takenIds ?? []);
  if (opts.collection && !video.season) {
    notices.push(
      `${video.bvid} is not in a collection; imported its ${video.parts.length || 1} part(s) instead.`,
    );
  }
  if (opts.collection && video.season) {
    const s = video.season;
    const courseId = opts.id ?? uniqueId(slugify(s.title), taken);
    const episodes: Episode[] = s.episodes.map((e, i) => {
      const ep: Episode = makeEpisode({
        courseId,
        number: i + 1,
        title: e.title,
        videos: [{ site: "bilibili", id: e.bvid, url: bilibiliVideoUrl(e.bvid) }],
      });
      const runtime = e.duration ?? sum(e.parts.map((p) => p.duration));
      if (runtime > 0) ep.runtime = runtime;
      if (e.date) ep.date = e.date;
      return ep;
    });
    const url = s.mid
      ? `https://space.bilibili.com/${s.mid}/channel/collectiondetail?sid=${s.id}`
      : bilibiliVideoUrl(video.bvid);
    return {
      course: makeCourse({
        id: courseId,
        title: s.title,
        source: { kind: "bilibili-collection", id: s.id, url },
        episodes,
      }),
      notices,
    };
  }
  if (!opts.collection && video.season && video.season.episodes.length > 1) {
    notices.push(
      `${video.bvid} belongs to the collection "${video.season.title}" (${video.season.episodes.length} videos); add --collection to import all of them.`,
    );
  }
  const courseId = opts.id ?? uniqueId(slugify(video.title), taken);
  const parts =
    video.parts.length > 0
      ? video.parts
      : [{ part: 1, title: video.title, duration: video.duration ?? 0, cid: "" }];
  const multi = parts.length > 1;
  const episodes: Episode[] = parts.map((p) => {
    const ep: Episode = makeEpisode({
      courseId,
      number: p.part,
      title: p.title || video.title,
      videos: [
        {
          site: "bilibili",
          id: video.bvid,
          ...(multi ? { part: p.part } : {}),
          url: bilibiliVideoUrl(video.bvid, multi ? p.part : undefined),
        },
      ],
    });
    if (p.duration > 0) ep.runtime = p.duration;
    const date = "date" in p ? p.date : undefined;
    if (date) ep.date = date;
    else if (video.date && (!multi || p.part === 1)) ep.date = video.date;
    return ep;
  });
  return {
    course: makeCourse({
      id: courseId,
      title: video.title,
      source: { kind: "bilibili", id: video.bvid, url: bilibiliVideoUrl(video.bvid) },
      episodes,
    }),
    notices,
  };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
