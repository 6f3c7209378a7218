import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { withEpisodeNotes, withPaperNotes } from "../../test/support/library-edits.js";
import { siteFiles, tempFolders } from "../../test/support/site-output.js";
import type { AssetSource, MetricsLookup } from "../app/index.js";
import type { Library } from "../core/index.js";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { buildSite, createSiteBuilder, MANIFEST_NAME } from "./build-site.js";
import { attachmentFiles } from "./site-inputs.js";

const now = () => new Date("2024-07-10T08:00:00Z");
const temps = tempFolders("jingdu-incremental-");
const tempDir = temps.make;
afterEach(temps.clean);

/** The split search index's fragments among written files, and the rest, sorted. */
const fragments = (written: string[]) => written.filter((f) => f.startsWith("search/")).sort();
const pages = (written: string[]) => written.filter((f) => !f.startsWith("search/")).sort();

/** Builds `before`, then `after` into the same folder; compares with a fresh build of `after`. */
function rebuild(before: Library, after: Library) {
  const outDir = tempDir();
  buildSite(before, { outDir, baseUrl: "/", now });
  const second = buildSite(after, { outDir, baseUrl: "/", now });
  const fresh = tempDir();
  const full = buildSite(after, { outDir: fresh, baseUrl: "/", now });
  expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
  expect(second.warnings).toEqual(full.warnings);
  return second;
}

describe("buildSite renders only routes whose inputs changed, with the output of a full build", () => {
  it("renders nothing when nothing changed, and reports the same warnings", () => {
    const library = fixtureLibrary("en");
    const paper = library.papers[0];
    if (paper) paper.notes += "\n\n![gone](files/missing.png)\n";
    const second = rebuild(library, structuredClone(library));
    expect(second.rendered).toBe(0);
    expect(second.written).toEqual([]);
    expect(second.warnings.some((w) => w.rule === "link-unresolved")).toBe(true);
  });

  it("renders the changed note's page, the feed and the search index for one changed note", () => {
    const library = fixtureLibrary("en");
    const changed = structuredClone(library);
    const episode = changed.courses[0]?.episodes[0];
    if (!episode) throw new Error("fixture has no episode");
    episode.notes += "\nOne more line with $e^{i\\pi}$.\n";
    const second = rebuild(library, changed);
    // The pages, and the split index's fragments whose bytes changed (each rendered and written).
    const parts = fragments(second.written);
    expect(parts).toContain("search/r/0.json");
    expect(second.rendered).toBe(3 + parts.length);
    expect(pages(second.written)).toEqual(
      ["courses/精读/1/index.html", "feed.xml", "search-index.json"].sort(),
    );
  });

  it("renders again every page that shows a changed title", () => {
    const library = fixtureLibrary("en");
    const changed = structuredClone(library);
    const bert = changed.papers.find((p) => p.id === "bert");
    if (!bert) throw new Error("fixture has no BERT");
    bert.short = "BERT-large";
    const second = rebuild(library, changed);
    expect(second.written).toContain("courses/精读/1/index.html");
    expect(second.written).toContain("papers/index.html");
  });

  it("renders again the page a note links to or stops linking to (its backlinks)", () => {
    const library = fixtureLibrary("en");
    const unlinked = structuredClone(library);
    const episode = unlinked.courses[0]?.episodes[0];
    if (!episode) throw new Error("fixture has no episode");
    episode.notes = episode.notes.replace("See [[bert]] and", "See");
    const bertPage = "papers/bert/index.html";
    const outDir = tempDir();
    buildSite(library, { outDir, baseUrl: "/", now });
    expect(readFileSync(join(outDir, bertPage), "utf8")).toContain('id="backlinks"');
    const second = rebuild(library, unlinked);
    expect(second.written).toContain(bertPage);
    // A citation in another paper's note adds a backlink to the cited paper's page.
    const cited = structuredClone(library);
    const holder = cited.papers.find((p) => p.id === "参数服务器");
    if (!holder) throw new Error("fixture has no 参数服务器");
    holder.notes = "As [see @resnet, p. 3] shows.";
    const third = rebuild(library, cited);
    expect(third.written).toContain("papers/resnet/index.html");
    expect(third.written).not.toContain("papers/bert/index.html");
  });

  it("renders again after a progress change and after a removed paper", () => {
    const library = fixtureLibrary("en");
    const done = structuredClone(library);
    done.progress.episodes.精读 = { 2: { status: "done" } };
    rebuild(library, done);
    const fewer = structuredClone(library);
    fewer.papers = fewer.papers.filter((p) => p.id !== "resnet");
    const second = rebuild(library, fewer);
    expect(second.removed).toContain("papers/resnet/index.html");
  });

  it("keeps the feed right when one note of many changes after an unchanged build", () => {
    const library = fixtureLibrary("en");
    const outDir = tempDir();
    buildSite(library, { outDir, baseUrl: "/", now });
    buildSite(library, { outDir, baseUrl: "/", now });
    const changed = structuredClone(library);
    const resnet = changed.papers.find((p) => p.id === "resnet");
    if (!resnet) throw new Error("fixture has no ResNet");
    resnet.notes = "Changed: $y = x$.";
    buildSite(changed, { outDir, baseUrl: "/", now });
    const fresh = tempDir();
    buildSite(changed, { outDir: fresh, baseUrl: "/", now });
    expect(readFileSync(join(outDir, "feed.xml"), "utf8")).toBe(
      readFileSync(join(fresh, "feed.xml"), "utf8"),
    );
  });

  it("writes the same files from a writing thread; a rebuild splices the search index right", () => {
    const library = fixtureLibrary("en");
    const threaded = tempDir();
    const first = buildSite(library, { outDir: threaded, baseUrl: "/", now, writeThread: true });
    const here = tempDir();
    buildSite(library, { outDir: here, baseUrl: "/", now, writeThread: false });
    expect(siteFiles(threaded)).toEqual(siteFiles(here));
    expect(first.written.length).toBeGreaterThan(10);

    // One changed paper note: its entry of the search index is new, the others are copied.
    const changed = structuredClone(library);
    const resnet = changed.papers.find((p) => p.id === "resnet");
    if (!resnet) throw new Error("fixture has no ResNet");
    resnet.notes += "\nA searchable word: xylophone.\n";
    const second = rebuild(library, changed);
    expect(second.written).toContain("search-index.json");
  });
});

describe("a library whose notes have no dates", () => {
  it("writes nothing on a rebuild later the same day (the feed is dated by the day)", () => {
    const library = fixtureLibrary("en");
    for (const course of library.courses) for (const ep of course.episodes) delete ep.date;
    const outDir = tempDir();
    buildSite(library, { outDir, baseUrl: "/", now });
    const manifest = statSync(join(outDir, MANIFEST_NAME)).mtimeMs;
    const later = () => new Date("2024-07-10T21:30:00Z");
    const again = buildSite(library, { outDir, baseUrl: "/", now: later });
    expect(again.written).toEqual([]);
    // Not even rendered (its input key is the day's), and the manifest is left as it was.
    expect(again.rendered).toBe(0);
    expect(statSync(join(outDir, MANIFEST_NAME)).mtimeMs).toBe(manifest);
    expect(readFileSync(join(outDir, "feed.xml"), "utf8")).toContain(
      "<updated>2024-07-10T00:00:00Z</updated>",
    );
  });
});

describe("a site builder (jingdu build --watch) remembers its last build", () => {
  it("gives after each change the files of a full build, rendering only what changed", () => {
    const outDir = tempDir();
    const builder = createSiteBuilder({ outDir, baseUrl: "/", now });
    const same = (library: Library, metrics?: MetricsLookup) => {
      const fresh = tempDir();
      buildSite(library, { outDir: fresh, baseUrl: "/", now, ...(metrics ? { metrics } : {}) });
      expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
    };
    let library = fixtureLibrary("en");
    expect(builder.build(library).written.length).toBeGreaterThan(10);

    // One episode's note: its page, the feed, the search index; no other file looked at again
    // (its links stay, so the pages they link to keep their backlinks).
    library = withEpisodeNotes(
      library,
      1,
      "Edited: $e^{i\\pi} = -1$, a word: xylophone. See [[bert]] and [[精读/2]].",
    );
    let r = builder.build(library);
    expect(pages(r.written)).toEqual(
      ["courses/精读/1/index.html", "feed.xml", "search-index.json"].sort(),
    );
    same(library);
    const index = readFileSync(join(outDir, "search-index.json"), "utf8");
    expect(index).toContain("xylophone");

    // A paper's note, then the same library again: the second build renders nothing.
    library = withPaperNotes(library, "resnet", "Residuals: $F(x) + x$.");
    r = builder.build(library);
    expect(r.written).toContain("papers/resnet/index.html");
    same(library);
    r = builder.build(library);
    expect(r.rendered).toBe(0);
    expect(r.written).toEqual([]);

    // New citation counts with the same paper objects: every page that shows them again.
    const metrics: MetricsLookup = (kind, id) =>
      kind === "paper" && id === "resnet" ? { value: 271828, asOf: "2024-07-09" } : undefined;
    r = builder.build(library, { metrics });
    expect(r.written).toContain("papers/resnet/index.html");
    expect(readFileSync(join(outDir, "papers/resnet/index.html"), "utf8")).toMatch(/271,?828/);
    same(library, metrics);

    // A paper removed: its page deleted, as by a new build.
    library = { ...library, papers: library.papers.filter((p) => p.id !== "bert") };
    r = builder.build(library, { metrics });
    expect(r.removed).toContain("papers/bert/index.html");
    same(library, metrics);
  });
});

describe("the feed of a library with more notes than the feed shows", () => {
  it("is rendered again when a note it shows changes, not when an older one does", () => {
    const base = fixtureLibrary("en");
    const course = base.courses[0];
    const template = course?.episodes[0];
    if (!course || !template) throw new Error("fixture has no episode");
    // 60 dated episodes with notes: the feed shows the newest 50.
    course.episodes = Array.from({ length: 60 }, (_, i) => ({
      ...template,
      number: i + 1,
      date: `2024-0${1 + Math.floor(i / 28)}-${String((i % 28) + 1).padStart(2, "0")}`,
      notes: `Note ${i + 1}: $x_{${i}}$.`,
    }));
    const outDir = tempDir();
    const builder = createSiteBuilder({ outDir, baseUrl: "/", now });
    builder.build(base);
    const oldest = builder.build(withEpisodeNotes(base, 1, "The oldest note, edited."));
    expect(pages(oldest.written)).toEqual(["courses/精读/1/index.html", "search-index.json"]);
    // Its page and the search index: the feed not even rendered.
    expect(oldest.rendered).toBe(2 + fragments(oldest.written).length);
    const newest = withEpisodeNotes(base, 60, "The newest note, edited: zeppelin.");
    const r = builder.build(newest);
    expect(r.written).toContain("feed.xml");
    expect(readFileSync(join(outDir, "feed.xml"), "utf8")).toContain("zeppelin");
    const fresh = tempDir();
    buildSite(newest, { outDir: fresh, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
  });
});

describe("the library's files/ in a rebuild", () => {
  it("are read and written again only when their version changes", () => {
    const library = fixtureLibrary("en");
    let reads = 0;
    const file = (bytes: string, version: string | undefined): Map<string, AssetSource> =>
      new Map([
        [
          "fig.svg",
          {
            contentType: "image/svg+xml",
            read: () => {
              reads++;
              return bytes;
            },
            ...(version ? { version } : {}),
          },
        ],
      ]);
    const outDir = tempDir();
    const build = (files: Map<string, AssetSource>) =>
      buildSite(library, { outDir, baseUrl: "/", now, files });
    expect(build(file("<svg>1</svg>", "v1")).written).toContain("files/fig.svg");
    expect(reads).toBe(1);
    const same = build(file("<svg>1</svg>", "v1"));
    expect(same.rendered).toBe(0);
    expect(reads).toBe(1);
    const changed = build(file("<svg>2</svg>", "v2"));
    expect(changed.written).toEqual(["files/fig.svg"]);
    expect(readFileSync(join(outDir, "files/fig.svg"), "utf8")).toBe("<svg>2</svg>");
    // Without a version, its bytes are its version: read every build to be compared (and once
    // more to be copied, here, as the version it was recorded under was "v2").
    expect(build(file("<svg>2</svg>", undefined)).written).toEqual([]);
    expect(reads).toBe(4);
    expect(build(file("<svg>2</svg>", undefined)).rendered).toBe(0);
    expect(reads).toBe(5);
  });

  it("get a new version when a file is rewritten (attachmentFiles)", async () => {
    const root = tempDir();
    mkdirSync(join(root, "files"));
    writeFileSync(join(root, "files", "a.png"), "first");
    const before = attachmentFiles(root).get("a.png")?.version;
    expect(before).toBeTruthy();
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(root, "files", "a.png"), "second!");
    expect(attachmentFiles(root).get("a.png")?.version).not.toBe(before);
  });
});

describe("a site builder given a library it built two builds ago", () => {
  it("builds it again right: an item is unchanged only if the build before had it", () => {
    const outDir = tempDir();
    const builder = createSiteBuilder({ outDir, baseUrl: "/", now });
    const first = fixtureLibrary("en");
    builder.build(first);
    builder.build(withPaperNotes(first, "resnet", "A different note: $z$, zeppelin."));
    // The very objects of the first build again (an undo that kept them).
    const r = builder.build(first);
    expect(r.written).toContain("papers/resnet/index.html");
    const fresh = tempDir();
    buildSite(first, { outDir: fresh, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
  });
});

describe("a generated citation key in a rebuild", () => {
  it("is shown anew on a paper's page when another paper takes its key", () => {
    const paper = (id: string, authors: string[], title: string) =>
      makePaper({ id, authors, year: 2020, title, notes: `Note of ${id}.` });
    const before = makeLibrary({
      papers: [
        paper("a-other", ["Lee"], "Graphs"),
        paper("b-paper", ["Jones"], "Kernels"),
        paper("m-paper", ["Smith"], "Deep nets"),
      ],
    });
    // b-paper now makes the same key as m-paper and comes first by id: m-paper's key moves on.
    const after = {
      ...before,
      papers: before.papers.map((p) =>
        p.id === "b-paper" ? paper("b-paper", ["Smith"], "Deep learning") : p,
      ),
    };
    const outDir = tempDir();
    const builder = createSiteBuilder({ outDir, baseUrl: "/", now });
    builder.build(before);
    const page = () => readFileSync(join(outDir, "papers", "m-paper", "index.html"), "utf8");
    expect(page()).toContain("smith2020deep");
    expect(page()).not.toContain("smith2020deepa");
    builder.build(after);
    expect(page()).toContain("smith2020deepa");
    const fresh = tempDir();
    buildSite(after, { outDir: fresh, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
  });
});
