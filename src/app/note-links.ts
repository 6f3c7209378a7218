import {
  createItemResolver,
  type ItemResolver,
  type Library,
  libraryCitekeys,
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
 * What `createNoteLinks` keeps between route tables (a site builder holds one across builds):
 * the resolved references and each note's link targets, reused while every item's names and
 * cited fields are as before. The library's items must not change in place (a builder freezes
 * them): a note that is the object of the last build links where it did.
 */
export interface NoteLinksMemo {
  /** What every resolution depends on: the base, and each item's names and cited fields. */
  world?: string;
  refs: Map<string, ResolvedItem | AmbiguousItem | undefined>;
  /** Each resolved reference as JSON (a page's recorded answer). */
  refJson: Map<string, string | undefined>;
  /** The resolver of the world (its items' names and ids are the same in every library of it). */
  resolver?: ItemResolver;
  /** A note's item → the names (`id`, `course/N`) its note links to, in order. */
  targets: WeakMap<object, string[]>;
  /** The generated citation keys (`keptCitekeys`), with the papers and inputs they are of. */
  citekeys?: { papers: Paper[]; inputs: string[]; keys: Map<string, string> };
}

/** What `libraryCitekeys` reads of a paper. */
const citekeyInputs = (p: Paper): string =>
  JSON.stringify([p.id, p.citekey, p.authors[0], p.year, p.title, p.short]);

/**
 * `libraryCitekeys(library.papers)`, kept in `memo` while the papers are the same ones, in the
 * same order, with the same fields the keys are made of (an edited note changes none).
 */
export function keptCitekeys(library: Library, memo?: NoteLinksMemo): Map<string, string> {
  const { papers } = library;
  const kept = memo?.citekeys;
  if (kept && kept.papers.length === papers.length) {
    let same = true;
    for (let i = 0; i < papers.length && same; i++) {
      const paper = papers[i] as Paper;
      if (paper === kept.papers[i]) continue;
      same = citekeyInputs(paper) === kept.inputs[i];
      if (same) kept.papers[i] = paper;
    }
    if (same) return kept.keys;
  }
  const keys = libraryCitekeys(papers);
  if (memo) memo.citekeys = { papers: [...papers], inputs: papers.map(citekeyInputs), keys };
  return keys;
}

export const createNoteLinksMemo = (): NoteLinksMemo => ({
  refs: new Map(),
  refJson: new Map(),
  targets: new WeakMap(),
});

/** What a link resolves by and shows of each item (`createItemResolver`, `resolveItem`). */
const printOf = new WeakMap<object, string>();
function itemPrint(item: object, make: () => unknown[]): string {
  let print = printOf.get(item);
  if (print === undefined) {
    print = JSON.stringify(make());
    printOf.set(item, print);
  }
  return print;
}

/** The print `NoteLinksMemo.world` of a library under a base. */
function worldOf(library: Library, base: string): string {
  const parts = [base];
  for (const p of library.papers) {
    parts.push(itemPrint(p, () => [p.id, p.citekey, p.short, p.title, citedWork(p)]));
  }
  for (const c of library.courses) {
    parts.push(JSON.stringify([c.id, c.title]));
    for (const e of c.episodes) parts.push(itemPrint(e, () => [e.number, e.title]));
  }
  return parts.join("\n");
}

/**
 * How a site's notes link to its items, by core's one rule (`createItemResolver`): what a
 * `[[ref]]` or a citation key (`@key`) resolves to for the renderer, and which notes link to an
 * item (from every note's text by `scanNoteRefs`, the scanner `doctor` checks with), made at the
 * first question. With `memo`, what the last route table resolved is reused while no item's
 * names changed (a one-note rebuild resolves and scans that note alone).
 */
export function createNoteLinks(
  library: Library,
  linker: Linker,
  memo?: NoteLinksMemo,
): {
  resolveItem(ref: string): ResolvedItem | AmbiguousItem | undefined;
  /** `resolveItem`'s answer as JSON (undefined when it resolves to nothing). */
  resolvedJson(ref: string): string | undefined;
  backlinksOf(target: string): Backlink[];
} {
  let checked: NoteLinksMemo | undefined;
  const kept = (): NoteLinksMemo => {
    if (checked) return checked;
    checked = memo ?? createNoteLinksMemo();
    if (!memo) return checked;
    const world = worldOf(library, linker.href(""));
    if (memo.world !== world) {
      memo.world = world;
      memo.refs.clear();
      memo.refJson.clear();
      memo.targets = new WeakMap();
      delete memo.resolver;
    }
    return checked;
  };
  // One resolver a world: what it finds (ids, names, cited fields) is the same in each library.
  const resolverOf = (): ItemResolver => {
    const within = kept();
    within.resolver ??= createItemResolver(library);
    return within.resolver;
  };
  // `[[ref]]` by core's rule (id, episode, citekey, short name, title); `@key` a citation key.
  const resolve = (ref: string): ResolvedItem | AmbiguousItem | undefined => {
    const resolver = resolverOf();
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
  const resolveItem = (ref: string): ResolvedItem | AmbiguousItem | undefined => {
    const { refs } = kept();
    if (refs.has(ref)) return refs.get(ref);
    const found = resolve(ref);
    refs.set(ref, found);
    return found;
  };

  /** The names a note links to (not itself), in order, each once. */
  const targetsOf = (notes: string, self: string): string[] => {
    const names: string[] = [];
    for (const ref of scanned(notes).refs) {
      if (ref.kind === "embed") continue;
      const resolver = resolverOf();
      const item = ref.kind === "wiki" ? resolver.link(ref.ref) : resolver.cite(ref.ref);
      if (!item || item.kind === "ambiguous") continue;
      const name =
        item.kind === "paper" ? item.paper.id : `${item.course.id}/${item.episode.number}`;
      if (name !== self && !names.includes(name)) names.push(name);
    }
    return names;
  };
  // Who links to what, from every note's text (core's scanner and resolver: the rules `doctor`
  // checks by), made at the first question.
  let linkedFrom: Map<string, Backlink[]> | undefined;
  const backlinksOf = (target: string): Backlink[] => {
    if (!linkedFrom) {
      const { targets } = kept();
      const found = new Map<string, Backlink[]>();
      const from = (item: object, notes: string, self: string, source: () => Backlink) => {
        if (notes === "") return;
        let names = targets.get(item);
        if (!names) {
          names = targetsOf(notes, self);
          targets.set(item, names);
        }
        if (names.length === 0) return;
        const entry = source();
        for (const name of names) {
          const list = found.get(name);
          if (list) list.push(entry);
          else found.set(name, [entry]);
        }
      };
      for (const p of library.papers) {
        from(p, p.notes, p.id, () => ({ href: linker.href(paths.paper(p.id)), title: p.short }));
      }
      for (const c of library.courses) {
        from(c, c.notes, "", () => ({ href: linker.href(paths.course(c.id)), title: c.title }));
        for (const e of c.episodes) {
          from(e, e.notes, `${c.id}/${e.number}`, () => ({
            href: linker.href(paths.episode(c.id, e.number)),
            title: e.title,
          }));
        }
      }
      linkedFrom = found;
    }
    return linkedFrom.get(target) ?? [];
  };

  const resolvedJson = (ref: string): string | undefined => {
    const { refJson } = kept();
    if (refJson.has(ref)) return refJson.get(ref);
    const found = resolveItem(ref);
    const json = found === undefined ? undefined : JSON.stringify(found);
    refJson.set(ref, json);
    return json;
  };

  return { resolveItem, resolvedJson, backlinksOf };
}
