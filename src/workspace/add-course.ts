import { basename, join } from "node:path";
import { type Course, JingduError, type Library } from "../core/index.js";
import type { Sources } from "../sources/index.js";

export interface AddCourseOptions {
  root: string;
  /** The metadata sources (configured by the caller: only the CLI reads the environment). */
  sources: Sources;
  /**
   * `bilibili:BV…`, a BVID or a bilibili video URL; a 合集 or 系列 (space URL,
   * `bilibili:season:MID:ID`, `bilibili:series:MID:ID`); a YouTube playlist URL or `youtube:PL…`.
   */
  input: string;
  /** A `yt-dlp --flat-playlist -J` file (absolute path) instead of `input`. */
  file?: string;
  /** The library as loaded (its courses' ids are taken). */
  library: Library;
  /** Every video of the collection (合集) the video belongs to, not only its parts. */
  collection?: boolean;
  /** The course id (default: from the title). */
  id?: string;
  /** Write a new course even when the library already has this video or collection (`--new`). */
  forceNew?: boolean;
}

export interface AddCourseResult {
  course: Course;
  /** The files written, relative to the library (course.md and one per episode). */
  files: string[];
  notices: string[];
  /** The library already had this video / collection / playlist: nothing was written. */
  existing?: { id: string; file: string; by: "bvid" | "collection" | "source" };
}

type Hit = { course: Library["courses"][number]; by: "bvid" | "collection" | "source" };

/** The course of the library that is this bilibili video or collection, and how it was known. */
function sameCourse(library: Library, bvid: string, seasonId: string | undefined): Hit | undefined {
  const lower = bvid.toLowerCase();
  for (const course of library.courses) {
    const src = course.source;
    if (seasonId !== undefined && src.kind === "bilibili-collection" && src.id === seasonId) {
      return { course, by: "collection" };
    }
    const ownVideo = src.kind === "bilibili" && src.id?.toLowerCase() === lower;
    const anEpisode = course.episodes.some((ep) =>
      ep.videos.some((v) => v.site === "bilibili" && v.id?.toLowerCase() === lower),
    );
    if (ownVideo || anEpisode) return { course, by: "bvid" };
  }
  return undefined;
}

/** The course made from the same list (合集, 系列, playlist): same source kind and id. */
function sameSource(library: Library, source: Course["source"]): Hit | undefined {
  const course = library.courses.find(
    (c) => c.source.kind === source.kind && c.source.id !== undefined && c.source.id === source.id,
  );
  return course
    ? { course, by: source.kind === "bilibili-collection" ? "collection" : "source" }
    : undefined;
}

/**
 * Imports a course: a bilibili video's parts (or its collection), a 合集 or 系列, a YouTube
 * playlist (by URL, or from a yt-dlp JSON file): writes its course.md and episode files (never
 * over existing ones) and the fetched metadata. A video or list the library already has (a course
 * made from it, or an episode showing it) is not added twice: the result names the course and
 * nothing is written, unless `forceNew`.
 * @example const { course } = await addCourse({ root, sources, library, input: "bilibili:BV1wE4m1R7cu" })
 */
export async function addCourse(opts: AddCourseOptions): Promise<AddCourseResult> {
  const [sources, { libraryFiles, writeFileAtomic }, { readRegularFile }] = await Promise.all([
    import("../sources/index.js"),
    import("../store/index.js"),
    import("../base/index.js"),
  ]);
  const dedupe = opts.forceNew !== true;
  const takenIds = opts.library.courses.map((x) => x.id);
  const idOpt = opts.id === undefined ? {} : { id: opts.id };
  let c: { course: Course; notices: string[]; fetched: Parameters<typeof sources.saveFetched>[1] };
  let same: Hit | undefined;
  if (opts.file !== undefined) {
    const name = basename(opts.file);
    const read = await readRegularFile(opts.file);
    if ("missing" in read) throw new JingduError("file-not-found", `no such file: ${opts.file}`);
    if ("notRegular" in read) {
      throw new JingduError("course-file", `${opts.file} is ${read.notRegular}, not a file`);
    }
    const { listing, skipped } = sources.readYtDlpPlaylist(read.text, name);
    const course = sources.courseFromListing(listing, { takenIds, ...idOpt });
    const notices = skipped.map((s) => `left out ${s}`);
    const twice = listing.items.length - course.episodes.length;
    if (twice > 0) notices.push(`${twice} video(s) listed twice were added once`);
    c = { course, notices, fetched: [] };
    same = dedupe ? sameSource(opts.library, course.source) : undefined;
  } else {
    const ref = sources.parseBilibiliRef(opts.input);
    // Without --collection the video alone says which course it is: no request needed.
    const known =
      dedupe && ref && opts.collection !== true
        ? sameCourse(opts.library, ref.bvid, undefined)
        : undefined;
    if (known) return alreadyThere(known);
    c = await sources.importCourse(opts.input, {
      sources: opts.sources,
      collection: opts.collection === true,
      takenIds,
      ...idOpt,
    });
    if (dedupe && ref) {
      const seasonId = opts.collection === true ? c.course.source.id : undefined;
      const hit = sameCourse(
        opts.library,
        ref.bvid,
        c.course.source.kind === "bilibili-collection" ? seasonId : undefined,
      );
      if (hit && (opts.collection !== true || hit.by === "collection")) same = hit;
    } else if (dedupe) {
      same = sameSource(opts.library, c.course.source);
    }
  }
  if (same) return alreadyThere(same);
  const files: string[] = [];
  for (const [file, content] of libraryFiles({ courses: [c.course] })) {
    await writeFileAtomic(join(opts.root, file), content, { expectedHash: null });
    files.push(file);
  }
  if (c.fetched.length > 0) await sources.saveFetched(opts.root, c.fetched);
  return { course: c.course, files, notices: c.notices };
}

function alreadyThere(hit: Hit): AddCourseResult {
  const file = `courses/${hit.course.id}/course.md`;
  const what =
    hit.by === "collection" ? "this collection" : hit.by === "bvid" ? "this video" : "this list";
  return {
    course: hit.course,
    files: [],
    notices: [`already in the library: ${file} has ${what}; nothing was added (--new adds a copy)`],
    existing: { id: hit.course.id, file, by: hit.by },
  };
}
