import { join } from "node:path";
import type { Course, Library } from "../core/index.js";
import type { Sources } from "../sources/index.js";

export interface AddCourseOptions {
  root: string;
  /** The metadata sources (configured by the caller: only the CLI reads the environment). */
  sources: Sources;
  /** `bilibili:BV…`, a BVID or a bilibili video URL. */
  input: string;
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
  /** The library already had this video / collection: nothing was written. */
  existing?: { id: string; file: string; by: "bvid" | "collection" };
}

/** The course of the library that is this bilibili video or collection, and how it was known. */
function sameCourse(
  library: Library,
  bvid: string,
  seasonId: string | undefined,
): { course: Library["courses"][number]; by: "bvid" | "collection" } | undefined {
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

/**
 * Imports a bilibili video's parts (or its collection) as a course: writes its course.md and
 * episode files (never over existing ones) and the fetched metadata. A video or collection the
 * library already has (a course made from it, or an episode showing it) is not added twice:
 * the result names the course and nothing is written, unless `forceNew`.
 * @example const { course } = await addCourse({ root, sources, library, input: "bilibili:BV1wE4m1R7cu" })
 */
export async function addCourse(opts: AddCourseOptions): Promise<AddCourseResult> {
  const [
    { importBilibiliCourse, parseBilibiliRef, saveFetched },
    { libraryFiles, writeFileAtomic },
  ] = await Promise.all([import("../sources/index.js"), import("../store/index.js")]);
  const dedupe = opts.forceNew !== true;
  const ref = parseBilibiliRef(opts.input);
  // Without --collection the video alone says which course it is: no request needed.
  const known =
    dedupe && ref && opts.collection !== true
      ? sameCourse(opts.library, ref.bvid, undefined)
      : undefined;
  if (known) return alreadyThere(known);
  const c = await importBilibiliCourse(opts.input, {
    sources: opts.sources,
    collection: opts.collection === true,
    takenIds: opts.library.courses.map((x) => x.id),
    ...(opts.id === undefined ? {} : { id: opts.id }),
  });
  const seasonId = opts.collection === true ? c.course.source.id : undefined;
  const same =
    dedupe && ref
      ? sameCourse(
          opts.library,
          ref.bvid,
          c.course.source.kind === "bilibili-collection" ? seasonId : undefined,
        )
      : undefined;
  if (same && (opts.collection !== true || same.by === "collection")) return alreadyThere(same);
  const files: string[] = [];
  for (const [file, content] of libraryFiles({ courses: [c.course] })) {
    await writeFileAtomic(join(opts.root, file), content, { expectedHash: null });
    files.push(file);
  }
  await saveFetched(opts.root, c.fetched);
  return { course: c.course, files, notices: c.notices };
}

function alreadyThere(hit: {
  course: Library["courses"][number];
  by: "bvid" | "collection";
}): AddCourseResult {
  const file = `courses/${hit.course.id}/course.md`;
  const what = hit.by === "collection" ? "this collection" : "this video";
  return {
    course: hit.course,
    files: [],
    notices: [`already in the library: ${file} has ${what}; nothing was added (--new adds a copy)`],
    existing: { id: hit.course.id, file, by: hit.by },
  };
}
