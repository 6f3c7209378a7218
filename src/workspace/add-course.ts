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
}

export interface AddCourseResult {
  course: Course;
  /** The files written, relative to the library (course.md and one per episode). */
  files: string[];
  notices: string[];
}

/**
 * Imports a bilibili video's parts (or its collection) as a course: writes its course.md and
 * episode files (never over existing ones) and the fetched metadata.
 * @example const { course } = await addCourse({ root, sources, library, input: "bilibili:BV1wE4m1R7cu" })
 */
export async function addCourse(opts: AddCourseOptions): Promise<AddCourseResult> {
  const [{ importBilibiliCourse, saveFetched }, { libraryFiles, writeFileAtomic }] =
    await Promise.all([import("../sources/index.js"), import("../store/index.js")]);
  const c = await importBilibiliCourse(opts.input, {
    sources: opts.sources,
    collection: opts.collection === true,
    takenIds: opts.library.courses.map((x) => x.id),
    ...(opts.id === undefined ? {} : { id: opts.id }),
  });
  const files: string[] = [];
  for (const [file, content] of libraryFiles({ courses: [c.course] })) {
    await writeFileAtomic(join(opts.root, file), content, { expectedHash: null });
    files.push(file);
  }
  await saveFetched(opts.root, c.fetched);
  return { course: c.course, files, notices: c.notices };
}
