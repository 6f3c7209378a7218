/** `jingdu add course bilibili:BV…|URL [--collection]`. */
import { JingduError } from "../core/index.js";
import { type CourseImport, courseFromBilibiliVideo } from "./bilibili/bilibili-course.js";
import { parseBilibiliRef } from "./bilibili/bvid.js";
import type { FetchInput } from "./fetched-metadata.js";
import { bilibiliSeasonEpisodeValues, bilibiliValues } from "./record-values.js";
import type { Sources } from "./sources.js";

export interface ImportCourseOptions {
  sources: Sources;
  /** Import the whole collection (ugc_season) the video belongs to. */
  collection?: boolean;
  takenIds?: Iterable<string>;
  id?: string;
}

export interface ImportedCourse extends CourseImport {
  /** Fetches to store with `saveFetched` (views, runtimes, covers per video). */
  fetched: FetchInput[];
  stale: boolean;
}

/**
 * `jingdu add course INPUT`: the course of a bilibili video (its parts, or with `collection` its
 * 合集), of a 合集 or 系列 by its space URL, or of a YouTube playlist.
 * @example const { course } = await importCourse("https://www.youtube.com/playlist?list=PL…", { sources })
 */
export async function importCourse(
  input: string,
  opts: ImportCourseOptions,
): Promise<ImportedCourse> {
  if (parseBilibiliRef(input)) return importBilibiliCourse(input, opts);
  throw new JingduError("course-source", `not a course source jingdu knows: ${input}`, {
    hint: COURSE_SOURCE_HINT,
  });
}

const COURSE_SOURCE_HINT =
  "Give a bilibili video (bilibili:BV… or its URL), a 合集 or 系列 (its space.bilibili.com URL), a YouTube playlist URL, or a `yt-dlp --flat-playlist -J` file.";

/**
 * Fetches a bilibili video and turns it into a course: its parts, or with `collection` every
 * video of its collection (one request: the view answer lists the whole season).
 * @example const { course } = await importBilibiliCourse("bilibili:BV1wE4m1R7cu", { sources })
 */
export async function importBilibiliCourse(
  input: string,
  opts: ImportCourseOptions,
): Promise<ImportedCourse> {
  const ref = parseBilibiliRef(input);
  if (!ref) {
    throw new JingduError("course-source", `not a bilibili video: ${input}`, {
      hint: COURSE_SOURCE_HINT,
    });
  }
  const { video, fetchedAt, stale } = await opts.sources.bilibili.getVideo(ref.bvid);
  const result = courseFromBilibiliVideo(video, {
    ...(opts.collection ? { collection: true } : {}),
    ...(opts.takenIds ? { takenIds: opts.takenIds } : {}),
    ...(opts.id ? { id: opts.id } : {}),
  });
  const at = new Date(fetchedAt).toISOString();
  const fetched: FetchInput[] = [
    {
      key: `video:${video.bvid}`,
      source: "bilibili",
      query: video.bvid,
      fetchedAt: at,
      values: bilibiliValues(video),
    },
  ];
  if (opts.collection && video.season) {
    const season = { id: video.season.id, title: video.season.title };
    for (const ep of video.season.episodes) {
      if (ep.bvid === video.bvid) continue;
      fetched.push({
        key: `video:${ep.bvid}`,
        source: "bilibili",
        query: ep.bvid,
        fetchedAt: at,
        values: bilibiliSeasonEpisodeValues(ep, season),
      });
    }
  }
  return { ...result, fetched, stale };
}
