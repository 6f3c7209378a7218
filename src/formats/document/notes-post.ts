import { makeCourse } from "../../core/make-items.js";
import type { StudyLogImport } from "../study-log/types.js";

/**
 * A notes post (a roadmap, a derivation, no episodes) becomes a **course note**: a course of
 * its own with no episodes, whose note is the post. Why a course note and not a library note:
 * the model has no free-standing note; a course note is already published at `/courses/ID/`
 * with KaTeX, searched with the course, reviewable as `course:ID`, and a later `import --course`
 * of the series the post is about can add episodes to it.
 */
export function postAsCourse(parsed: StudyLogImport, courseId: string, file: string): void {
  const post = parsed.post;
  if (!post) return;
  const base = file.split(/[\\/]/).pop() || file;
  const course = makeCourse({
    id: courseId,
    title: post.title,
    source: { kind: "import", id: base },
    tags: post.tags,
    notes: post.notes,
    at: { file, line: 1 },
  });
  if (post.inProgress) course.state = "in-progress";
  parsed.course = course;
}
