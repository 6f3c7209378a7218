import {
  createItemResolver,
  type Diagnostic,
  type Library,
  scanNoteRefs,
  unresolvedRefProblem,
} from "../core/index.js";
import { coursePath, episodePath, paperPath } from "./library-layout.js";

/**
 * Every `[[…]]` link and bracketed citation of every note that names no item (or several), at
 * its file and line: `doctor`'s check. It finds references with core's `scanNoteRefs` and
 * resolves them with core's `createItemResolver`, the rule the renderer resolves by, and words
 * each problem with `unresolvedRefProblem` as the renderer does in `build`: both report the same
 * problems. A bare `@name` that cites nothing is text, not a problem; `![[file]]` embeds are
 * checked by the build's link check (it knows `files/`).
 */
export function checkNoteLinks(library: Pick<Library, "papers" | "courses">): Diagnostic[] {
  const resolver = createItemResolver(library);
  const out: Diagnostic[] = [];
  const check = (item: { notes: string; at?: { file: string; body?: number } }, file: string) => {
    if (item.notes === "") return;
    const offset = item.at?.body !== undefined && item.at.body > 1 ? item.at.body - 1 : 0;
    for (const ref of scanNoteRefs(item.notes).refs) {
      if (ref.kind === "bare" || ref.kind === "embed") continue;
      const found = ref.kind === "wiki" ? resolver.link(ref.ref) : resolver.cite(ref.ref);
      if (found && found.kind !== "ambiguous") continue;
      const written = ref.kind === "wiki" ? `[[${ref.ref}]]` : `[@${ref.ref}]`;
      const ambiguous = found?.kind === "ambiguous" ? found.candidates : undefined;
      out.push({
        ...unresolvedRefProblem(written, ambiguous),
        file: item.at?.file ?? file,
        line: ref.line + offset,
      });
    }
  };
  for (const paper of library.papers) check(paper, paperPath(paper.id));
  for (const course of library.courses) {
    check(course, coursePath(course.id));
    for (const episode of course.episodes) {
      check(episode, episodePath(course.id, episode.number));
    }
  }
  return out;
}
