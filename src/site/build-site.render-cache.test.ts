import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { siteFiles, tempFolders } from "../../test/support/site-output.js";
import type { Library } from "../core/index.js";
import { buildSite } from "./build-site.js";

const now = () => new Date("2024-07-10T08:00:00Z");
const temps = tempFolders("jingdu-render-cache-build-");
const tempDir = temps.make;
afterEach(temps.clean);

/** The fixture library with a bad formula in a paper's note (a warning with its line). */
function library(): Library {
  const lib = fixtureLibrary("en");
  const [resnet, ...rest] = lib.papers;
  if (!resnet) throw new Error("fixture has no paper");
  return {
    ...lib,
    papers: [{ ...resnet, notes: `${resnet.notes}\n\nBroken: $\\frac{1}{$ here.\n` }, ...rest],
  };
}

const notesIn = (lib: Library) =>
  lib.papers.filter((p) => p.notes.trim()).length +
  lib.courses.reduce(
    (n, c) => n + (c.notes.trim() ? 1 : 0) + c.episodes.filter((e) => e.notes.trim()).length,
    0,
  );

describe("the build's render cache", () => {
  it("rebuilds a deleted site from the cache: no note rendered, the same bytes and warnings", () => {
    const lib = library();
    const renderCache = join(tempDir(), "render-cache.bin");
    const outDir = tempDir();
    const first = buildSite(lib, { outDir, baseUrl: "/", now, renderCache });
    expect(first.notes).toEqual({ reused: 0, rendered: notesIn(lib) });
    rmSync(outDir, { recursive: true });
    const second = buildSite(lib, { outDir, baseUrl: "/", now, renderCache });
    expect(second.notes).toEqual({ reused: notesIn(lib), rendered: 0 });
    expect(second.rendered).toBe(first.rendered);

    const plain = tempDir();
    const uncached = buildSite(lib, { outDir: plain, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(plain));
    expect(second.warnings).toEqual(uncached.warnings);
    expect(
      second.warnings.some((w) => w.rule.startsWith("math") && w.file === "papers/resnet.md"),
    ).toBe(true);
  });

  it("renders again a note whose [[link]] now names a renamed item, and only that note", () => {
    const lib = library();
    const renderCache = join(tempDir(), "render-cache.bin");
    buildSite(lib, { outDir: tempDir(), baseUrl: "/", now, renderCache });
    const renamed: Library = {
      ...lib,
      papers: lib.papers.map((p) => (p.id === "bert" ? { ...p, short: "BERT-base" } : p)),
    };
    const outDir = tempDir();
    const r = buildSite(renamed, { outDir, baseUrl: "/", now, renderCache });
    // The episode note links [[bert]]; no other note asks about it.
    expect(r.notes).toEqual({ reused: notesIn(lib) - 1, rendered: 1 });
    const plain = tempDir();
    buildSite(renamed, { outDir: plain, baseUrl: "/", now });
    expect(siteFiles(outDir)).toEqual(siteFiles(plain));
    const episode = readFileSync(join(outDir, "courses", "精读", "1", "index.html"), "utf8");
    expect(episode).toContain(">BERT-base</a>");
  });

  it("renders a changed note again and reuses the rest", () => {
    const lib = library();
    const renderCache = join(tempDir(), "render-cache.bin");
    buildSite(lib, { outDir: tempDir(), baseUrl: "/", now, renderCache });
    const edited: Library = {
      ...lib,
      papers: lib.papers.map((p) =>
        p.id === "resnet" ? { ...p, notes: "Now $e^{i\\pi}=-1$." } : p,
      ),
    };
    const outDir = tempDir();
    const r = buildSite(edited, { outDir, baseUrl: "/", now, renderCache });
    expect(r.notes).toEqual({ reused: notesIn(lib) - 1, rendered: 1 });
    expect(r.warnings.some((w) => w.rule.startsWith("math"))).toBe(false);
    const page = readFileSync(join(outDir, "papers", "resnet", "index.html"), "utf8");
    expect(page).toContain('class="katex"');
    expect(page).not.toContain("Broken:");
  });
});
