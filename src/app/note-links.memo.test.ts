/**
 * Note links kept between route tables (`NoteLinksMemo`, what a site builder keeps across
 * `jingdu build --watch` rebuilds) resolve and backlink as fresh ones do, after every one of
 * many random edits: links added to and dropped from notes, papers renamed, retitled, given
 * another citation key or other authors, added and removed, episodes retitled; and the kept
 * generated citation keys (`keptCitekeys`) are those of `libraryCitekeys`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Episode, Library, Paper } from "../core/index.js";
import { libraryCitekeys } from "../core/index.js";
import { makeCourse, makeEpisode, makeLibrary, makePaper } from "../core/make-items.js";
import { createNoteLinks, createNoteLinksMemo, keptCitekeys } from "./note-links.js";
import { createLinker } from "./paths.js";

const REFS = ["[[p1]]", "[[P2 name]]", "@key3", "[[course/1]]", "[[Episode two]]", "[[Same]]"];
const linker = createLinker("/base/");

function start(): Library {
  const papers = Array.from({ length: 6 }, (_, i) =>
    makePaper({
      id: `p${i}`,
      short: i === 2 ? "P2 name" : `P${i}`,
      authors: ["Smith"],
      year: 2020,
      // Half the papers without a key of their own: theirs are generated.
      ...(i % 2 ? { citekey: `key${i}` } : {}),
      title: i >= 4 ? "Same" : `Title ${i}`,
      notes: `Note ${i} ${REFS[i % REFS.length]}`,
    }),
  );
  const episodes = [1, 2, 3].map((number) =>
    makeEpisode({
      courseId: "course",
      number,
      title: number === 2 ? "Episode two" : `E${number}`,
      notes: `see [[p${number}]]`,
    }),
  );
  return makeLibrary({
    papers,
    courses: [makeCourse({ id: "course", episodes, notes: "[[p0]]" })],
  });
}

type Edit = (l: Library, n: number, ref: string) => Library;
const paper = (l: Library, n: number, change: (p: Paper) => Paper): Library => {
  const i = n % l.papers.length;
  return { ...l, papers: l.papers.map((p, k) => (k === i ? change(p) : p)) };
};
const episode = (l: Library, n: number, change: (e: Episode) => Episode): Library => {
  const [course] = l.courses;
  if (!course) return l;
  const episodes = course.episodes.map((e, k) =>
    k === n % course.episodes.length ? change(e) : e,
  );
  return { ...l, courses: [{ ...course, episodes }] };
};
const EDITS: Record<string, Edit> = {
  "link added": (l, n, ref) => paper(l, n, (p) => ({ ...p, notes: `${p.notes} ${ref}` })),
  "links dropped": (l, n) => paper(l, n, (p) => ({ ...p, notes: "no links" })),
  "episode links": (l, n, ref) => episode(l, n, (e) => ({ ...e, notes: `${e.notes} ${ref}` })),
  renamed: (l, n) => paper(l, n, (p) => ({ ...p, short: p.short === "P2 name" ? "X" : "P2 name" })),
  retitled: (l, n) => paper(l, n, (p) => ({ ...p, title: p.title === "Same" ? "Other" : "Same" })),
  "citation key": (l, n) => paper(l, n, (p) => ({ ...p, citekey: `key${(n + 1) % 6}` })),
  authors: (l, n) => paper(l, n, (p) => ({ ...p, authors: [`A${n}`] })),
  "same, new object": (l, n) => paper(l, n, (p) => ({ ...p })),
  "episode retitled": (l, n) =>
    episode(l, n, (e) => ({ ...e, title: `Episode two${n % 2 ? "" : "!"}` })),
  "paper added": (l, n, ref) => ({
    ...l,
    papers: [...l.papers, makePaper({ id: `q${n}`, short: `Q${n}`, notes: ref })],
  }),
  "paper removed": (l, n) =>
    l.papers.length > 2
      ? { ...l, papers: l.papers.filter((_, k) => k !== n % l.papers.length) }
      : l,
};

/** Every answer a route table's pages could ask of the note links. */
function answers(links: ReturnType<typeof createNoteLinks>, library: Library) {
  const targets = [
    ...library.papers.map((p) => p.id),
    ...library.courses.flatMap((c) => c.episodes.map((e) => `${c.id}/${e.number}`)),
  ];
  const refs = [...REFS.map((r) => (r.startsWith("@") ? r : r.slice(2, -2))), "@key1", "nothing"];
  return {
    backlinks: targets.map((t) => [t, links.backlinksOf(t)]),
    items: refs.map((r) => [r, links.resolveItem(r), links.resolvedJson(r)]),
  };
}

describe("note links kept between route tables", () => {
  it("answer as fresh ones after every edit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat(100), fc.constantFrom(...REFS)),
          { minLength: 1, maxLength: 15 },
        ),
        (edits) => {
          const memo = createNoteLinksMemo();
          let library = start();
          answers(createNoteLinks(library, linker, memo), library);
          keptCitekeys(library, memo);
          for (const [name, n, ref] of edits) {
            library = (EDITS[name] as Edit)(library, n, ref);
            const kept = answers(createNoteLinks(library, linker, memo), library);
            expect(kept).toEqual(answers(createNoteLinks(library, linker), library));
            expect(keptCitekeys(library, memo)).toEqual(libraryCitekeys(library.papers));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
