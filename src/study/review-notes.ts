/**
 * Which notes can be reviewed and how they are named (`paper:ID`, `episode:COURSE/N`,
 * `course:ID`), apart from the scheduler (`review.ts`, which loads ts-fsrs): the web app needs
 * these before its first page, the scheduler only when a note is marked or rated.
 */
import type { Library, ReviewRating } from "../core/index.js";

export const REVIEW_RATINGS: readonly ReviewRating[] = ["again", "hard", "good", "easy"];

export type NoteRef =
  | { kind: "paper"; paperId: string }
  | { kind: "episode"; courseId: string; number: number }
  | { kind: "course"; courseId: string };

export const paperNoteId = (paperId: string): string => `paper:${paperId}`;
export const episodeNoteId = (courseId: string, number: number): string =>
  `episode:${courseId}/${number}`;
export const courseNoteId = (courseId: string): string => `course:${courseId}`;

/**
 * Reads a note id: `paper:ID`, `episode:COURSE/N`, `course:ID`; `undefined` when it is not one.
 * @example parseNoteId("episode:limu/7") // { kind: "episode", courseId: "limu", number: 7 }
 */
export function parseNoteId(id: string): NoteRef | undefined {
  const m = /^(paper|episode|course):(.+)$/.exec(id);
  if (!m?.[2]) return undefined;
  const rest = m[2];
  if (m[1] === "paper") return /[\s/]/.test(rest) ? undefined : { kind: "paper", paperId: rest };
  if (m[1] === "course") return /[\s/]/.test(rest) ? undefined : { kind: "course", courseId: rest };
  const e = /^([^\s/]+)\/([1-9]\d*)$/.exec(rest);
  return e?.[1] ? { kind: "episode", courseId: e[1], number: Number(e[2]) } : undefined;
}

/** The note a card is about, with its title and Markdown, when the library has it. */
export function findNote(
  library: Library,
  id: string,
): { title: string; notes: string } | undefined {
  const ref = parseNoteId(id);
  if (!ref) return undefined;
  if (ref.kind === "paper") {
    const p = library.papers.find((x) => x.id === ref.paperId);
    return p && { title: p.title ? `${p.short} — ${p.title}` : p.short, notes: p.notes };
  }
  const course = library.courses.find((c) => c.id === ref.courseId);
  if (!course) return undefined;
  if (ref.kind === "course") return { title: course.title, notes: course.notes };
  const ep = course.episodes.find((e) => e.number === ref.number);
  return ep && { title: `${course.title} ${ref.number}. ${ep.title}`, notes: ep.notes };
}
