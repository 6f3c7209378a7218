/**
 * What to study next, each suggestion with its reason: the next episode of every course in
 * progress, papers covered by episodes already watched but not read yet, and papers cited by
 * papers already read (when their references are known). Pure.
 */
import type { Course, Episode, Library, Paper } from "../core/index.js";
import { formatRuntime } from "../core/index.js";

export type Suggestion =
  | {
      kind: "episode";
      /** `COURSE/N`. */
      id: string;
      courseId: string;
      number: number;
      title: string;
      why: "next-episode" | "continue-episode";
      /** Position reached when continuing, in seconds. */
      position?: number;
      reason: string;
    }
  | {
      kind: "paper";
      id: string;
      title: string;
      why: "covered-by-watched";
      /** The watched episodes (`COURSE/N`) that cover it. */
      episodes: string[];
      reason: string;
    }
  | {
      kind: "paper";
      id: string;
      title: string;
      why: "cited-by-read";
      /** The read papers that cite it. */
      citedBy: string[];
      reason: string;
    };

export interface NextOptions {
  /** Ids of the library papers a paper cites, when known (fetched metadata); default none. */
  references?: (paperId: string) => readonly string[];
}

/** A course is in progress when the learner says so or has watched any of it, unless finished or paused. */
function inProgress(course: Course, library: Pick<Library, "progress">): boolean {
  if (course.state === "finished" || course.state === "paused") return false;
  if (course.state === "in-progress") return true;
  return Object.values(library.progress.episodes[course.id] ?? {}).some(
    (p) => p.status === "done" || p.status === "watching",
  );
}

function nextEpisode(course: Course, library: Pick<Library, "progress">): Suggestion | undefined {
  const progress = library.progress.episodes[course.id] ?? {};
  const ep = course.episodes.find((e) => {
    const s = progress[e.number]?.status;
    return s !== "done" && s !== "skipped";
  });
  if (!ep) return undefined;
  const episode = {
    kind: "episode",
    id: `${course.id}/${ep.number}`,
    courseId: course.id,
    number: ep.number,
    title: ep.title,
  } as const;
  const p = progress[ep.number];
  if (p?.status === "watching") {
    const at = p.position === undefined ? "" : ` at ${formatRuntime(p.position)}`;
    return {
      ...episode,
      why: "continue-episode",
      ...(p.position === undefined ? {} : { position: p.position }),
      reason: `you stopped watching it${at}`,
    };
  }
  const done = course.episodes.filter((e) => progress[e.number]?.status === "done").length;
  return {
    ...episode,
    why: "next-episode",
    reason:
      done === 0
        ? `the first episode of ${course.title}`
        : `the next episode of ${course.title} (${done}/${course.episodes.length} done)`,
  };
}

/**
 * The suggestions, in this order: episodes (course order), covered papers (in the order the
 * watched episodes cover them), cited papers. A paper is read when it has any pass recorded.
 * @example nextSuggestions(library)[0]?.reason // "the first episode of 论文精读"
 */
export function nextSuggestions(
  library: Omit<Library, "papers"> & { papers: readonly Pick<Paper, "id" | "short">[] },
  options: NextOptions = {},
): Suggestion[] {
  const out: Suggestion[] = [];
  for (const course of library.courses) {
    if (!inProgress(course, library)) continue;
    const s = nextEpisode(course, library);
    if (s) out.push(s);
  }
  const papers = new Map(library.papers.map((p) => [p.id, p]));
  const isRead = (id: string): boolean => (library.progress.papers[id]?.passes.length ?? 0) > 0;
  const title = (id: string): string => papers.get(id)?.short ?? id;

  const covering = new Map<string, Episode[]>();
  for (const course of library.courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    for (const ep of course.episodes) {
      if (progress[ep.number]?.status !== "done") continue;
      for (const id of ep.papers) {
        if (!papers.has(id) || isRead(id)) continue;
        covering.set(id, [...(covering.get(id) ?? []), ep]);
      }
    }
  }
  for (const [id, episodes] of covering) {
    const names = episodes.map((e) => `${e.courseId}/${e.number}`);
    const first = episodes[0];
    out.push({
      kind: "paper",
      id,
      title: title(id),
      why: "covered-by-watched",
      episodes: names,
      reason: `covered by ${names.join(", ")}${first ? ` (${first.title})` : ""}, which you watched; not read yet`,
    });
  }

  const lookup = options.references;
  if (lookup) {
    const citedBy = new Map<string, string[]>();
    for (const paper of library.papers) {
      if (!isRead(paper.id)) continue;
      for (const ref of lookup(paper.id)) {
        if (ref === paper.id || !papers.has(ref) || isRead(ref) || covering.has(ref)) continue;
        const list = citedBy.get(ref) ?? [];
        if (!list.includes(paper.id)) list.push(paper.id);
        citedBy.set(ref, list);
      }
    }
    const ordered = [...citedBy].sort((a, b) => b[1].length - a[1].length);
    for (const [id, by] of ordered) {
      out.push({
        kind: "paper",
        id,
        title: title(id),
        why: "cited-by-read",
        citedBy: by,
        reason: `cited by ${by.map(title).join(", ")}, which you read`,
      });
    }
  }
  return out;
}
