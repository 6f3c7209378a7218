/** `jingdu add course bilibili:BV…|URL [--collection]`. */
import { JingduError } from "../core/index.js";
import { type CourseImport, courseFromBilibiliVideo } from "./bilibili/bilibili-course.js";
import { parseBilibiliRef } from "./bilibili/bvid.js";
import { type BilibiliListRef, parseBilibiliListRef } from "./bilibili/list-ref.js";
import { courseFromListing } from "./course-listing.js";
import type { FetchInput } from "./fetched-metadata.js";
import {
  bilibiliArchiveValues,
  bilibiliSeasonEpisodeValues,
  bilibiliValues,
} from "./record-values.js";
import type { Sources } from "./sources.js";
import { parseYoutubeChannelRef, parseYoutubePlaylistRef } from "./youtube/youtube-ids.js";

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
  const list = parseBilibiliListRef(input);
  if (list) return importBilibiliList(list, opts);
  const playlist = parseYoutubePlaylistRef(input);
  if (playlist) return importYoutubePlaylist(playlist, opts);
  const channel = parseYoutubeChannelRef(input);
  if (channel) return importYoutubeChannel(channel, opts);
  throw new JingduError("course-source", `not a course source jingdu knows: ${input}`, {
    hint: COURSE_SOURCE_HINT,
  });
}

const COURSE_SOURCE_HINT =
  "Give a bilibili video (bilibili:BV… or its URL), a 合集 or 系列 (its space.bilibili.com URL), a YouTube playlist or channel URL, or a `yt-dlp --flat-playlist -J` file.";

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

/** A 合集 or 系列, every page of it, as a course; each video's list values as fetched metadata. */
async function importBilibiliList(
  ref: BilibiliListRef,
  opts: ImportCourseOptions,
): Promise<ImportedCourse> {
  const b = opts.sources.bilibili;
  const got =
    ref.kind === "season" ? await b.getSeason(ref.mid, ref.id) : await b.getSeries(ref.mid, ref.id);
  const course = courseFromListing(got.listing, {
    ...(opts.takenIds ? { takenIds: opts.takenIds } : {}),
    ...(opts.id ? { id: opts.id } : {}),
  });
  const at = new Date(got.fetchedAt).toISOString();
  const list = { kind: ref.kind, id: ref.id, title: got.listing.title };
  const fetched: FetchInput[] = got.archives.map((a) => ({
    key: `video:${a.bvid}`,
    source: "bilibili",
    query: a.bvid,
    fetchedAt: at,
    values: bilibiliArchiveValues(a, list),
  }));
  const notices =
    course.episodes.length < got.listing.items.length
      ? [
          `${got.listing.items.length - course.episodes.length} video(s) listed twice were added once`,
        ]
      : [];
  if (course.episodes.length === 0) {
    throw new JingduError(
      "course-source",
      `the ${ref.kind === "season" ? "合集" : "系列"} ${ref.id} lists no video`,
      {
        hint: "Check the link on the uploader's space page; a list that is private or emptied has nothing to import.",
      },
    );
  }
  return { course, notices, fetched, stale: false };
}

/** A YouTube playlist, every page of it, as a course (no fetched metadata: nothing to merge). */
/**
 * A channel followed as a course: its feed's uploads now (15 at most), and `refresh --courses`
 * adds what it uploads from then on. The whole upload list needs yt-dlp (`…/videos` as a file).
 */
async function importYoutubeChannel(
  channelId: string,
  opts: ImportCourseOptions,
): Promise<ImportedCourse> {
  const listing = await opts.sources.youtube.getChannelFeed(channelId);
  const course = courseFromListing(listing, {
    ...(opts.takenIds ? { takenIds: opts.takenIds } : {}),
    ...(opts.id ? { id: opts.id } : {}),
  });
  const notices = [
    `a channel's feed lists its ${listing.items.length} newest uploads; refresh --courses adds what comes after (for older ones: yt-dlp --flat-playlist -J ${listing.url}/videos > uploads.json)`,
  ];
  return { course, notices, fetched: [], stale: false };
}

async function importYoutubePlaylist(
  playlistId: string,
  opts: ImportCourseOptions,
): Promise<ImportedCourse> {
  const got = await opts.sources.youtube.getPlaylist(playlistId);
  const course = courseFromListing(got.listing, {
    ...(opts.takenIds ? { takenIds: opts.takenIds } : {}),
    ...(opts.id ? { id: opts.id } : {}),
  });
  const notices: string[] = [];
  if (got.unplayable > 0) notices.push(`left out ${got.unplayable} deleted or private video(s)`);
  const twice = got.listing.items.length - course.episodes.length;
  if (twice > 0) notices.push(`${twice} video(s) listed twice were added once`);
  if (got.cut)
    notices.push("the playlist has more pages than jingdu reads; refresh adds the rest later");
  return { course, notices, fetched: [], stale: false };
}
