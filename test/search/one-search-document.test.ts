/**
 * The app's SQLite index and the static site's search index are made from one search document
 * per item (core/search-document.ts): a word in any searched field is found by both.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteRoutes, type SearchEntry } from "../../src/app/index.js";
import { makeCourse, makeEpisode, makeLibrary, makePaper } from "../../src/core/make-items.js";
import { createMarkdownProcessor } from "../../src/render/index.js";
import { createSiteBuilder } from "../../src/site/index.js";
import { type LibraryIndex, libraryFiles, openIndex } from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";

/** Field → a word only that field holds. */
const PAPER_WORDS = {
  short: "Zyxshort",
  title: "Qwtitle",
  summary: "Plmsummary",
  authors: "Vbnauthor",
  venue: "Ghjvenue",
  notes: "Rtynotes",
};
const COURSE_WORDS = { title: "Kexcourse", tags: "Wuxtag", notes: "Coursenotez" };
const EPISODE_WORDS = {
  title: "Epititle",
  label: "Labelq",
  mentions: "Mentionz",
  notes: "Epinotez",
};

const library = makeLibrary({
  papers: [
    makePaper({
      id: "resnet",
      short: PAPER_WORDS.short,
      title: `${PAPER_WORDS.title} learning`,
      summary: `about ${PAPER_WORDS.summary}`,
      authors: ["Someone", PAPER_WORDS.authors],
      venue: PAPER_WORDS.venue,
      notes: `Some ${PAPER_WORDS.notes} here.`,
    }),
  ],
  courses: [
    makeCourse({
      id: "limu",
      title: COURSE_WORDS.title,
      tags: [COURSE_WORDS.tags],
      notes: COURSE_WORDS.notes,
      episodes: [
        makeEpisode({
          courseId: "limu",
          number: 1,
          title: EPISODE_WORDS.title,
          label: EPISODE_WORDS.label,
          mentions: [EPISODE_WORDS.mentions],
          papers: ["resnet"],
          notes: EPISODE_WORDS.notes,
        }),
      ],
    }),
  ],
});

let root: string;
let index: LibraryIndex;
let site: SearchEntry[];

beforeAll(async () => {
  root = await writeTempLibrary(libraryFiles(library));
  index = openIndex(root);
  await index.refresh();
  const routes = createSiteRoutes(library, {
    markdown: createMarkdownProcessor(),
    baseUrl: "/",
    now: () => new Date("2024-07-10T08:00:00Z"),
  });
  const body = routes.render("/search-index.json").body;
  site = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
});
afterAll(async () => {
  index.close();
  await rm(root, { recursive: true, force: true });
});

/** What the site's script searches in an entry. */
const siteText = (e: SearchEntry) => `${e.title} ${e.summary} ${e.text}`.toLowerCase();

describe("one search document for the app's index and the site's", () => {
  const cases = [
    ...Object.entries(PAPER_WORDS).map(([field, word]) => ["paper", "resnet", field, word]),
    ...Object.entries(COURSE_WORDS).map(([field, word]) => ["course", "limu", field, word]),
    ...Object.entries(EPISODE_WORDS).map(([field, word]) => ["episode", "limu/1", field, word]),
  ] as const;

  it.each(cases)("finds a %s (%s) by its %s in both", (kind, id, _field, word) => {
    const app = index.search(word).map((r) => `${r.kind}:${r.id}`);
    expect(app).toEqual([`${kind}:${id}`]);
    const hits = site.filter((e) => siteText(e).includes(word.toLowerCase()));
    // (The site also finds the episode covering the paper by the paper's short name.)
    expect(hits.filter((e) => e.kind === kind)).toHaveLength(1);
  });

  it("names results alike in both", () => {
    const app = index.search(PAPER_WORDS.notes)[0];
    const entry = site.find((e) => e.kind === "paper");
    expect(app?.title).toBe(`${PAPER_WORDS.short} — ${PAPER_WORDS.title} learning`);
    expect(entry?.title).toBe(app?.title);
  });

  it("searches an episode by the papers it covers: their name on the site, their id in the app", () => {
    const entry = site.find((e) => e.kind === "episode");
    expect(entry?.summary).toContain(PAPER_WORDS.short);
    expect(index.search("resnet", { kinds: ["episode"] }).map((r) => r.id)).toEqual(["limu/1"]);
  });
});

describe("the site's search index in an incremental build", () => {
  it("is written again when only a course's note changes (the note is searched)", () => {
    const outDir = mkdtempSync(join(tmpdir(), "jingdu-search-doc-"));
    try {
      const builder = createSiteBuilder({
        outDir,
        baseUrl: "/",
        now: () => new Date("2024-07-10T08:00:00Z"),
      });
      const withNote = (notes: string) => {
        const [course] = library.courses;
        if (!course) throw new Error("no course");
        return { ...library, courses: [{ ...course, notes }] };
      };
      const index = () => readFileSync(join(outDir, "search-index.json"), "utf8");
      builder.build(withNote("one Firstnotez"));
      expect(index()).toContain("Firstnotez");
      builder.build(withNote("another Secondnotez"));
      expect(index()).toContain("Secondnotez");
      expect(index()).not.toContain("Firstnotez");
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
