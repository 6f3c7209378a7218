/**
 * The kept split index (`createSplitKeeper`, what `jingdu build --watch` remakes by the items
 * that changed) equals a fresh `librarySplit` of the same library, fragment for fragment and in
 * its order, and its `search-index.json` the fresh one, after every one of many random edits: note text, titles, a paper's name that an
 * episode shows, papers added and removed. Cut small, so that fragments split and postings page.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitLibrary } from "../../test/search/split-library.js";
import type { Category, Episode, Library, Paper } from "../core/index.js";
import { makePaper } from "../core/make-items.js";
import { createSplitKeeper, librarySearchIndex, librarySplit } from "./library-split.js";

const SIZES = { fragmentBytes: 1500, firstPage: 4, page: 8 };
const href = (path: string) => `/base${path}`;
const WORDS = ["residual", "attention", "残差网络", "梯度", "kernel", "新词", "zebra", "re"];

type Edit = (library: Library, n: number, word: string) => Library;

const papersOf = (library: Library, papers: Paper[]): Library => ({ ...library, papers });
const withPaper = (library: Library, n: number, change: (p: Paper) => Paper): Library => {
  const i = n % library.papers.length;
  return papersOf(
    library,
    library.papers.map((p, k) => (k === i ? change(p) : p)),
  );
};
const withEpisode = (library: Library, n: number, change: (e: Episode) => Episode): Library => {
  const [course] = library.courses;
  if (!course) return library;
  const i = n % course.episodes.length;
  const episodes = course.episodes.map((e, k) => (k === i ? change(e) : e));
  return { ...library, courses: [{ ...course, episodes }, ...library.courses.slice(1)] };
};

const EDITS: Record<string, Edit> = {
  "note gains a word": (l, n, w) => withPaper(l, n, (p) => ({ ...p, notes: `${p.notes} ${w}` })),
  "note loses its words": (l, n) => withPaper(l, n, (p) => ({ ...p, notes: p.notes.slice(0, 9) })),
  "note repeats a word": (l, n, w) =>
    withPaper(l, n, (p) => ({ ...p, notes: `${p.notes} ${`${w} `.repeat(30)}` })),
  "title renamed": (l, n, w) => withPaper(l, n, (p) => ({ ...p, title: `${w} ${n}` })),
  "paper's name renamed": (l, n, w) => withPaper(l, n, (p) => ({ ...p, short: `${w}${n}` })),
  "same paper, new object": (l, n) => withPaper(l, n, (p) => ({ ...p })),
  "episode note edited": (l, n, w) =>
    withEpisode(l, n, (e) => ({ ...e, notes: `${w} ${e.notes.slice(n % 40)}` })),
  "episode shows a paper": (l, n) =>
    withEpisode(l, n, (e) => ({ ...e, papers: [l.papers[n % l.papers.length]?.id ?? "x"] })),
  "paper added": (l, n, w) =>
    papersOf(l, [...l.papers, makePaper({ id: `new${n}-${l.papers.length}`, notes: w })]),
  "paper removed": (l, n) =>
    l.papers.length > 5
      ? papersOf(
          l,
          l.papers.filter((_, k) => k !== n % l.papers.length),
        )
      : l,
  "category added": (l, n, w) => {
    const category: Category = { id: `c${n}`, name: `${w} category`, aliases: [], order: n };
    return { ...l, categories: [...l.categories, category] };
  },
};

/** The index as a comparable value: its statistics and every fragment, in order. */
const shape = (index: ReturnType<typeof librarySplit>) => ({
  docs: index.docs,
  ids: index.ids,
  files: [...index.files],
});

describe("the kept split index", () => {
  it("equals a fresh split after every edit, fragment for fragment", () => {
    const start = splitLibrary(40, 3);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat(1000), fc.constantFrom(...WORDS)),
          { minLength: 1, maxLength: 12 },
        ),
        (edits) => {
          const keeper = createSplitKeeper(SIZES);
          let library = start;
          keeper.split(library, href);
          for (const [name, n, word] of edits) {
            library = (EDITS[name] as Edit)(library, n, word);
            const kept = keeper.split(library, href);
            expect(shape(kept)).toEqual(shape(librarySplit(library, href, SIZES)));
            expect(keeper.searchIndex()).toBe(librarySearchIndex(library, href));
            // Its digest is of its entries: a fresh keeper's for the same library.
            const again = createSplitKeeper(SIZES);
            again.split(library, href);
            expect(keeper.digest("/search-index.json")).toBe(again.digest("/search-index.json"));
            for (const path of kept.files.keys())
              expect(keeper.digest(path)).toMatch(/^[0-9a-f]{64}$/);
          }
        },
      ),
      { numRuns: 25 },
    );
    // 25 runs of edits, each split twice: ~5 s alone, 30 s and more beside the rest of the suite.
  }, 120_000);

  it("remakes only the fragments an edited note's terms are in", () => {
    const keeper = createSplitKeeper(SIZES);
    const before = keeper.split(splitLibrary(40, 3), href);
    const bodies = new Map(before.files);
    const edited = EDITS["note gains a word"] as Edit;
    const after = keeper.split(edited(splitLibrary(40, 3), 0, "zebra"), href);
    const changed = [...after.files].filter(([path, body]) => bodies.get(path) !== body);
    // zebra's fragment (new) and the record fragment of paper 0 (item 21: course, 20 episodes).
    expect(changed.map(([path]) => path).sort()).toEqual([
      "/search/r/5.json",
      "/search/t/7a-65.json",
    ]);
    // Unchanged fragments are the very strings of the last split (nothing remade or hashed).
    const kept = [...after.files].filter(
      ([path]) => !path.endsWith("5.json") && !path.includes("7a-65"),
    );
    expect(kept.every(([path, body]) => Object.is(body, bodies.get(path)))).toBe(true);
  });
});
