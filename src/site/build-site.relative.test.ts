import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { siteFiles, tempFolders } from "../../test/support/site-output.js";
import { makePaper } from "../core/make-items.js";
import { buildSite } from "./build-site.js";

const now = () => new Date("2024-07-10T08:00:00Z");
const temps = tempFolders("jingdu-relative-");
afterEach(temps.clean);

/** The search fragment files of a build's folder, by extension. */
const fragmentKinds = (dir: string) =>
  new Set(
    [...siteFiles(dir).keys()]
      .filter((f) => /^search\/[a-z]\//.test(f))
      .map((f) => f.slice(f.lastIndexOf("."))),
  );

describe("a relative build (jingdu build --relative)", () => {
  it("rebuilds incrementally like any build, and equals a fresh one after a change", () => {
    const library = fixtureLibrary("en");
    const outDir = temps.make();
    const first = buildSite(library, { outDir, baseUrl: "/", now, relative: true });
    expect(first.written).toContain("search/r/0.js");
    expect(fragmentKinds(outDir)).toEqual(new Set([".js"]));
    const again = buildSite(structuredClone(library), {
      outDir,
      baseUrl: "/",
      now,
      relative: true,
    });
    expect(again.rendered).toBe(0);
    expect(again.written).toEqual([]);

    const changed = structuredClone(library);
    changed.papers.push(makePaper({ id: "added-paper", short: "Added", title: "An added paper" }));
    const third = buildSite(changed, { outDir, baseUrl: "/", now, relative: true });
    expect(third.written).toContain("papers/added-paper/index.html");
    const fresh = temps.make();
    buildSite(changed, { outDir: fresh, baseUrl: "/", now, relative: true });
    expect(siteFiles(outDir)).toEqual(siteFiles(fresh));
  });

  it("switched off or on in the same folder, leaves exactly the other kind's site", () => {
    const library = fixtureLibrary("en");
    const outDir = temps.make();
    buildSite(library, { outDir, baseUrl: "/", now, relative: true });
    buildSite(library, { outDir, baseUrl: "/", now });
    const plain = temps.make();
    buildSite(library, { outDir: plain, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(plain));
    expect(existsSync(join(outDir, "search", "r", "0.js"))).toBe(false);

    buildSite(library, { outDir, baseUrl: "/", now, relative: true });
    const relative = temps.make();
    buildSite(library, { outDir: relative, baseUrl: "/", now, relative: true });
    expect(siteFiles(outDir)).toEqual(siteFiles(relative));
  });
});
