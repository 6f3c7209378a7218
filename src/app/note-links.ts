import {
  createItemResolver,
  type ItemResolver,
  type Library,
  type Paper,
  scanNoteRefs,
} from "../core/index.js";
import type { AmbiguousItem, CitedWork, ResolvedItem } from "../render/index.js";
import { type Linker, paths } from "./paths.js";
import { textMemo } from "./text-memo.js";

/** A note's references and tags, kept by its text (category pages ask for hundreds per request). */
const scanned = textMemo(scanNoteRefs, { byDigest: true });

/** An item's tags: its front matter's, then its note's `#tags` (core's `itemTags`, memoized). */
export function tagsOf(item: { tags: readonly string[]; notes: string }): string[] {
  const noteTags = item.notes === "" ? [] : scanned(item.notes).tags;
  if (noteTags.length === 0) return [...item.tags];
  return [...new Set([...item.tags, ...noteTags])];
}

/** A note linking to an item: its item's page and name. */
export interface Backlink {
  href: string;
  title: string;
}

/** What a note's bibliography shows of a paper. */
function citedWork(paper: Paper): CitedWork {
  return {
    authors: paper.authors,
    ...(paper.year === undefined ? {} : { year: paper.year }),
    title: paper.title ?? paper.short,
    ...(paper.venue ? { venue: paper.venue } : {}),
    ...(paper.ids.arxiv ? { arxiv: paper.ids.arxiv } : {}),
    ...(paper.ids.doi ? { doi: paper.ids.doi } : {}),
  };
}

/**
 * How a site's notes link to its items, by core's one rule (`createItemResolver`): what a
 * `[[ref]]` or a citation key (`@key`) resolves to for the renderer, and which notes link to an
 * item (from every note's text by `scanNoteRefs`, the scanner `doctor` checks with), made at the
 * first question.
 */
export function createNoteLinks(
  library: Library,
  linker: Linker,
): {
  resolveItem(ref: string): ResolvedItem | AmbiguousItem | undefined;
  backlinksOf(target: string): Backlink[];
} {
  let resolver: ItemResolver | undefined;
  // `[[ref]]` by core's rule (id, episode, citekey, short name, title); `@key` a citation key.
  const resolveItem = (ref: string): ResolvedItem | AmbiguousItem | undefined => {
    resolver ??= createItemResolver(library);
    const found = ref.startsWith("@") ? resolver.cite(ref.slice(1)) : resolver.link(ref);
    if (!found) return undefined;
    if (found.kind === "ambiguous") return { ambiguous: found.candidates };
    if (found.kind === "episode") {
      const { course, episode } = found;
      return { href: linker.href(paths.episode(course.id, episode.number)), title: episode.title };
    }
    const paper = found.paper;
    return {
      href: linker.href(paths.paper(paper.id)),
      title: paper.short,
      work: citedWork(paper),
    };
  };

  // Who links to what, from every note's text (core's scanner and resolver: the rules `doctor`
  // checks by), made at the first question.
  let linkedFrom: Map<string, Backlink[]> | undefined;
  const backlinksOf = (target: string): Backlink[] => {
    if (!linkedFrom) {
      resolver ??= createItemResolver(library);
      const found = new Map<string, Backlink[]>();
      const from = (notes: string, self: string, source: () => Backlink) => {
        if (notes === "") return;
        let entry: Backlink | undefined;
        for (const ref of scanned(notes).refs) {
          if (ref.kind === "embed") continue;
          const item =
            ref.kind === "wiki"
              ? (resolver as ItemResolver).link(ref.ref)
              : (resolver as ItemResolver).cite(ref.ref);
          if (!item || item.kind === "ambiguous") continue;
          const name =
            item.kind === "paper" ? item.paper.id : `${item.course.id}/${item.episode.number}`;
          if (name === self) continue;
          entry ??= source();
          const list = found.get(name) ?? [];
          if (list.at(-1) !== entry) list.push(entry);
          found.set(name, list);
        }
      };
      for (const p of library.papers) {
        from(p.notes, p.id, () => ({ href: linker.href(paths.paper(p.id)), title: p.short }));
      }
      for (const c of library.courses) {
        from(c.notes, "", () => ({ href: linker.href(paths.course(c.id)), title: c.title }));
        for (const e of c.episodes) {
          from(e.notes, `${c.id}/${e.number}`, () => ({
            href: linker.href(paths.episode(c.id, e.number)),
            title: e.title,
          }));
        }
      }
      linkedFrom = found;
    }
    return linkedFrom.get(target) ?? [];
  };

  return { resolveItem, backlinksOf };
}
