import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { withEpisodeNotes, withPaperNotes } from "../../test/support/library-edits.js";
import { siteFiles, tempFolders } from "../../test/support/site-output.js";
import { RECORD_GROUP, runSplitQuery } from "../app/index.js";
import { type Library, termTokens } from "../core/index.js";
import { makePaper } from "../core/make-items.js";
import { buildSite, createSiteBuilder, MANIFEST_NAME } from "./build-site.js";

const now = () => new Date("2024-07-10T08:00:00Z");
const temps = tempFolders("jingdu-manifest-");
const tempDir = temps.make;
afterEach(temps.clean);

describe("the build manifest never describes pages older than those on disk", () => {
  it("is written by flush() when deferred, and a process killed before leaves none", () => {
    const outDir = tempDir();
    const manifest = join(outDir, MANIFEST_NAME);
    const original = fixtureLibrary("en");
    const watching = createSiteBuilder({ outDir, baseUrl: "/", now, deferManifest: true });
    watching.build(original);
    expect(existsSync(manifest)).toBe(true);
    const edited = withPaperNotes(original, "resnet", "Edited while watching: zeppelin.");
    expect(watching.build(edited).written).toContain("papers/resnet/index.html");
    // Deferred: the old manifest is gone with the first page written, the new one not yet there.
    expect(existsSync(manifest)).toBe(false);

    // Killed here. The note goes back to what the old manifest recorded: a new build must not
    // trust that record and keep the edited page.
    const after = buildSite(original, { outDir, baseUrl: "/", now });
    expect(after.written).toContain("papers/resnet/index.html");
    expect(readFileSync(join(outDir, "papers/resnet/index.html"), "utf8")).not.toContain(
      "zeppelin",
    );
    const fresh = tempDir();
    buildSite(original, { outDir: fresh, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
  });

  it("after flush(), a new build finds every page current and writes nothing", () => {
    const outDir = tempDir();
    const watching = createSiteBuilder({ outDir, baseUrl: "/", now, deferManifest: true });
    watching.build(fixtureLibrary("en"));
    const edited = withEpisodeNotes(fixtureLibrary("en"), 1, "Edited: $a^2 + b^2 = c^2$.");
    watching.build(edited);
    watching.flush();
    expect(existsSync(join(outDir, MANIFEST_NAME))).toBe(true);
    const again = buildSite(edited, { outDir, baseUrl: "/", now });
    expect(again.rendered).toBe(0);
    expect(again.written).toEqual([]);
  });

  it("is not trusted in a copy of the site made elsewhere: every page is rendered there", () => {
    const outDir = tempDir();
    const library = fixtureLibrary("en");
    buildSite(library, { outDir, baseUrl: "/", now });
    // Somebody's committed site, with a page that is not what the library renders.
    const page = join(outDir, "papers", "resnet", "index.html");
    writeFileSync(page, "<script>alert(1)</script>");
    const clone = join(tempDir(), "site");
    cpSync(outDir, clone, { recursive: true });
    const r = buildSite(library, { outDir: clone, baseUrl: "/", now });
    expect(r.skipped).toEqual(expect.not.arrayContaining(["papers/resnet/index.html"]));
    expect(r.rendered).toBe(r.written.length + r.skipped.length);
    expect(readFileSync(join(clone, "papers", "resnet", "index.html"), "utf8")).not.toContain(
      "<script>alert(1)",
    );
    const fresh = tempDir();
    buildSite(library, { outDir: fresh, baseUrl: "/", now });
    expect(siteFiles(clone)).toEqual(siteFiles(fresh));
  });
});

describe("the split search index after changes", () => {
  /** A query run on the fragments a build wrote in `outDir`. */
  async function query(outDir: string, q: string, docs: number) {
    const read = async (path: string) => {
      const file = join(outDir, path);
      return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
    };
    const { hits } = await runSplitQuery(q, docs, read, termTokens, [10, 4, 1]);
    const records = await Promise.all(
      hits.map(
        async (h) =>
          ((await read(`/search/r/${Math.floor(h.n / RECORD_GROUP)}.json`)) as string[][])[
            h.n % RECORD_GROUP
          ],
      ),
    );
    return records.map((r) => r?.[2]);
  }

  it("equals a fresh build after each added, edited and removed item, by builder and by build", async () => {
    const outDir = tempDir();
    const builder = createSiteBuilder({ outDir, baseUrl: "/", now });
    const rebuilt = tempDir();
    let library = fixtureLibrary("en");
    const steps: ((l: Library) => Library)[] = [
      (l) => ({
        ...l,
        papers: [
          ...l.papers,
          makePaper({ id: "zep", short: "Zeppelin", notes: "飞艇注意力 quasar" }),
        ],
      }),
      (l) => withPaperNotes(l, "resnet", "残差 now mentions quasar too."),
      (l) => ({ ...l, papers: l.papers.filter((p) => p.id !== "zep") }),
      (l) => ({
        ...l,
        papers: l.papers.map((p) => (p.id === "bert" ? { ...p, title: "Quasar BERT" } : p)),
      }),
    ];
    for (const step of steps) {
      library = step(library);
      builder.build(library);
      buildSite(library, { outDir: rebuilt, baseUrl: "/", now });
      const fresh = tempDir();
      buildSite(library, { outDir: fresh, baseUrl: "/", now });
      expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
      expect(siteFiles(rebuilt)).toEqual(siteFiles(fresh));
    }
    const docs =
      library.papers.length +
      library.categories.length +
      library.courses.reduce((n, c) => n + 1 + c.episodes.length, 0);
    expect((await query(outDir, "quasar", docs)).sort()).toEqual([
      "/papers/bert/",
      "/papers/resnet/",
    ]);
    expect(await query(outDir, "飞艇", docs)).toEqual([]);
  });
});
