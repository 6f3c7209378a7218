import { join } from "node:path";
import type { Course, Library } from "../core/index.js";
import type { Sources } from "../sources/index.js";

export interface RefreshCoursesOptions {
  root: string;
  library: Library;
  /** Configured by the caller (only the CLI reads the environment). */
  sources: Sources;
  /** Only these courses (ids); default every course with a source to ask. */
  only?: readonly string[];
}

export interface CourseRefreshResult {
  course: string;
  title: string;
  outcome: "added" | "unchanged" | "failed" | "skipped";
  /** The episodes written, numbered after the course's last one. */
  added: { number: number; title: string; file: string; url?: string }[];
  /** Why it failed or was skipped. */
  message?: string;
}

export interface RefreshCoursesResult {
  courses: CourseRefreshResult[];
  /** Episodes added over all courses. */
  added: number;
  failed: number;
}

/**
 * Asks each course's source for its list again and adds the episodes it lacks: new files numbered
 * after the course's last episode, written under the course file's lock (two refreshes cannot
 * both write episode N). Existing episodes, their numbers, progress and notes are never touched,
 * and an episode whose video left the source stays. A source that blocks (bilibili's risk control)
 * is not asked again in this run.
 * @example const r = await refreshCourses({ root, library, sources }) // r.courses[0].added
 */
export async function refreshCourses(opts: RefreshCoursesOptions): Promise<RefreshCoursesResult> {
  const [sources, store] = await Promise.all([
    import("../sources/index.js"),
    import("../store/index.js"),
  ]);
  const wanted = opts.only ? new Set(opts.only) : undefined;
  const blocked = new Map<string, string>();
  const results: CourseRefreshResult[] = [];
  for (const course of opts.library.courses) {
    if (wanted && !wanted.has(course.id)) continue;
    const base = { course: course.id, title: course.title, added: [] };
    const site = sources.courseSourceSite(course);
    if (!site) {
      if (wanted)
        results.push({
          ...base,
          outcome: "skipped",
          message: `made ${course.source.kind === "manual" ? "by hand" : `from ${course.source.kind}`}: no source to ask`,
        });
      continue;
    }
    const stop = blocked.get(site);
    if (stop) {
      results.push({ ...base, outcome: "skipped", message: `not asked: ${stop}` });
      continue;
    }
    let listing: Awaited<ReturnType<typeof sources.fetchCourseListing>>;
    try {
      listing = await sources.fetchCourseListing(course, opts.sources);
    } catch (err) {
      if (!(err instanceof sources.SourceError)) throw err;
      const stops =
        err instanceof sources.SourceBlockedError || err instanceof sources.SourceOnHoldError;
      if (stops) blocked.set(site, err.message);
      // Remembered like refresh and add do: the next command does not ask before that time.
      const now = opts.sources.now();
      const hold =
        site === "bilibili" ? sources.holdFor(site, err, opts.sources.settings, now) : undefined;
      if (hold) await sources.rememberHold(opts.root, "bilibili", hold, now);
      results.push({ ...base, outcome: "failed", message: err.message });
      continue;
    }
    if (!listing) {
      results.push({
        ...base,
        outcome: "skipped",
        message: "its source lacks the id to ask it by",
      });
      continue;
    }
    const added = await addNewEpisodes(opts.root, course, listing, sources, store);
    results.push({ ...base, outcome: added.length > 0 ? "added" : "unchanged", added });
  }
  return {
    courses: results,
    added: results.reduce((n, r) => n + r.added.length, 0),
    failed: results.filter((r) => r.outcome === "failed").length,
  };
}

async function addNewEpisodes(
  root: string,
  course: Course,
  listing: NonNullable<
    Awaited<ReturnType<typeof import("../sources/index.js").fetchCourseListing>>
  >,
  sources: typeof import("../sources/index.js"),
  store: typeof import("../store/index.js"),
): Promise<CourseRefreshResult["added"]> {
  const fresh = sources.newEpisodesFromListing(course, listing);
  if (fresh.length === 0) return [];
  return store.withFileLock(join(root, store.coursePath(course.id)), async () => {
    const written: CourseRefreshResult["added"] = [];
    for (const ep of fresh) {
      const file = store.episodePath(course.id, ep.number);
      // A new file only: an episode file already there (another run, a hand-made one) is a conflict.
      await store.writeFileAtomic(join(root, file), store.serializeEpisode(ep), {
        expectedHash: null,
      });
      const url = ep.videos[0]?.url;
      written.push({ number: ep.number, title: ep.title, file, ...(url ? { url } : {}) });
    }
    return written;
  });
}
