import type { Course, EpisodeStatus, Library } from "../core/index.js";
import { JingduError } from "../core/index.js";

export const EPISODE_STATUSES: readonly EpisodeStatus[] = ["todo", "watching", "done", "skipped"];

export interface MarkEpisodesOptions {
  root: string;
  /** Only its courses are read. */
  library: Pick<Library, "courses">;
  courseId: string;
  numbers: readonly number[];
  status: EpisodeStatus;
  /** Position reached, in seconds (kept with `watching`). */
  position?: number;
  now: () => Date;
}

export interface MarkEpisodesResult {
  course: Course;
  numbers: number[];
  /** The episodes' runtime together, in seconds (what the CLI reports). */
  seconds: number;
  /** The library files written (relative): what a server reloads. */
  changed: string[];
}

/**
 * Sets the status of episodes of a course in progress.yaml (through the store's one writer of
 * that file). The course and each episode must exist in `library`.
 * @example await markEpisodes({ root, library, courseId: "limu", numbers: [1, 2], status: "done", now })
 */
export async function markEpisodes(opts: MarkEpisodesOptions): Promise<MarkEpisodesResult> {
  const course = opts.library.courses.find((c) => c.id === opts.courseId);
  if (!course) {
    throw new JingduError("unknown-course", `no course “${opts.courseId}”`, {
      hint: `Courses: ${opts.library.courses.map((c) => c.id).join(", ") || "(none)"}.`,
    });
  }
  if (!EPISODE_STATUSES.includes(opts.status)) {
    throw new JingduError("bad-status", `“${opts.status}” is not an episode status`, {
      hint: `Statuses: ${EPISODE_STATUSES.join(", ")}.`,
    });
  }
  const known = new Set(course.episodes.map((e) => e.number));
  const missing = opts.numbers.filter((n) => !known.has(n));
  if (missing.length > 0 || opts.numbers.length === 0) {
    throw new JingduError(
      "unknown-episode",
      `${course.id} has no episode ${missing.join(", ") || "(none given)"} (it has ${course.episodes.length})`,
    );
  }
  const { LIBRARY_FILES, setEpisodeStatus } = await import("../store/index.js");
  await setEpisodeStatus(opts.root, course.id, opts.numbers, opts.status, {
    now: opts.now,
    ...(opts.position === undefined ? {} : { position: opts.position }),
  });
  const numbers = [...opts.numbers];
  const seconds = course.episodes
    .filter((e) => numbers.includes(e.number))
    .reduce((s, e) => s + (e.runtime ?? 0), 0);
  return { course, numbers, seconds, changed: [LIBRARY_FILES.progress] };
}
