import { flatString } from "./flat-string.js";
import { nameKey } from "./ids.js";
import type { Course, Episode, Library, Paper } from "./model.js";

/** What a `[[ref]]` or a citation key names. */
export type ItemResolution =
  | { kind: "paper"; paper: Paper }
  | { kind: "episode"; course: Course; episode: Episode }
  /** Several items answer to the name at the first rule that matched: none is chosen. */
  | { kind: "ambiguous"; candidates: string[] };

export interface ItemResolver {
  /**
   * A `[[ref]]`'s target, tried in this order, the first rule that matches deciding:
   * 1. a paper id (`resnet`), 2. an episode `COURSE/N` (`limu/7`), 3. a paper's `citekey`,
   * 4. a paper's short name, 5. a paper's title, 6. an episode's title. Rules 4–6 compare
   * loosely (`nameKey`: case, spaces and punctuation ignored). When two items match at the
   * deciding rule, the link is ambiguous and resolves to none (`doctor` names the candidates).
   */
  link(ref: string): ItemResolution | undefined;
  /** A citation key (`[@key]`, `@key`): a paper id, an episode `COURSE/N`, or a `citekey`, exactly. */
  cite(key: string): ItemResolution | undefined;
}

type Entry =
  | { kind: "paper"; paper: Paper }
  | { kind: "episode"; course: Course; episode: Episode };

/**
 * The items of a loose key: one entry (nearly every key), or a list when several share it. Not a
 * list each: at 20,000 papers the two lists per paper were ~2 MB of a server's heap.
 */
type Found = Entry | Entry[];

const nameOf = (e: Entry) =>
  e.kind === "paper" ? e.paper.id : `${e.episode.courseId}/${e.episode.number}`;

function add(map: Map<string, Found>, key: string | undefined, entry: Entry): void {
  if (key === undefined || key === "") return;
  const found = map.get(key);
  // Kept flat: a key is a rope of the pieces `nameKey`'s replace kept (see `flatString`).
  if (!found) map.set(flatString(key), entry);
  else if (!Array.isArray(found)) {
    if (nameOf(found) !== nameOf(entry)) map.set(key, [found, entry]);
  } else if (!found.some((e) => nameOf(e) === nameOf(entry))) found.push(entry);
}

function decide(found: Found | undefined): ItemResolution | undefined {
  if (!found) return undefined;
  if (!Array.isArray(found)) return found;
  if (found.length === 1) return found[0] as Entry;
  return { kind: "ambiguous", candidates: found.map(nameOf) };
}

/** The one rule by which notes name library items (docs/notes.md), built once per library. */
export function createItemResolver(library: Pick<Library, "papers" | "courses">): ItemResolver {
  const ids = new Map<string, Entry>();
  const episodes = new Map<string, Entry>();
  const citekeys = new Map<string, Found>();
  const shorts = new Map<string, Found>();
  const titles = new Map<string, Found>();
  const episodeTitles = new Map<string, Found>();
  for (const paper of library.papers) {
    const entry: Entry = { kind: "paper", paper };
    ids.set(paper.id, entry);
    add(citekeys, paper.citekey, entry);
    add(shorts, nameKey(paper.short), entry);
    if (paper.title) add(titles, nameKey(paper.title), entry);
  }
  for (const course of library.courses) {
    for (const episode of course.episodes) {
      const entry: Entry = { kind: "episode", course, episode };
      episodes.set(`${course.id}/${episode.number}`, entry);
      add(episodeTitles, nameKey(episode.title), entry);
    }
  }
  const exact = (ref: string): ItemResolution | undefined =>
    ids.get(ref) ?? episodes.get(ref) ?? decide(citekeys.get(ref));
  return {
    cite: exact,
    link(ref) {
      const found = exact(ref);
      if (found) return found;
      const key = nameKey(ref);
      if (key === "") return undefined;
      return decide(shorts.get(key)) ?? decide(titles.get(key)) ?? decide(episodeTitles.get(key));
    },
  };
}
