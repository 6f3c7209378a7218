import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SEED_SKIP_REASON,
  seedAvailable,
  seedFormulaCount,
  seedLibrary,
} from "../../test/fixtures/site/seed-library.js";
import { createSiteRoutes, routeFile } from "../app/index.js";
import type { Library } from "../core/index.js";
import { createMarkdownProcessor } from "../render/index.js";
import { type BuildSiteResult, buildSite } from "./build-site.js";

const markdown = createMarkdownProcessor();

const suite = seedAvailable ? describe : describe.skip;
const now = () => new Date("2024-07-10T08:00:00Z");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Every internal href/src of every HTML file, resolved like a browser would, that names no file. */
function crawl(outDir: string): { from: string; ref: string }[] {
  const broken: { from: string; ref: string }[] = [];
  for (const file of walk(outDir).filter((f) => f.endsWith(".html"))) {
    const rel = relative(outDir, file).split("\\").join("/");
    const page = new URL(`/${rel}`, "http://crawl.invalid");
    const body = readFileSync(file, "utf8");
    for (const m of body.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const url = new URL((m[1] ?? "").replace(/&amp;/g, "&"), page);
      if (url.origin !== page.origin) continue;
      let target = decodeURIComponent(url.pathname);
      if (target.endsWith("/")) target += "index.html";
      try {
        if (statSync(join(outDir, target)).isFile()) continue;
      } catch {}
      broken.push({ from: rel, ref: m[1] ?? "" });
    }
  }
  return broken;
}

suite(`jingdu build on the seed library${seedAvailable ? "" : ` — ${SEED_SKIP_REASON}`}`, () => {
  let library: Library;
  let outDir: string;
  let first: BuildSiteResult;
  const read = (rel: string) => readFileSync(join(outDir, rel), "utf8");

  beforeAll(() => {
    library = seedLibrary();
    outDir = mkdtempSync(join(tmpdir(), "jingdu-site-"));
    first = buildSite(library, { outDir, baseUrl: "/", now });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("writes one file per route: 54 episodes, 89 papers, 12 categories, assets", () => {
    const routes = createSiteRoutes(library, { markdown, baseUrl: "/", now }).listRoutes();
    const files = new Set(walk(outDir).map((f) => relative(outDir, f).split("\\").join("/")));
    for (const route of routes) expect(files, route).toContain(routeFile(route));
    expect(first.written).toHaveLength(routes.length);
    expect(routes.filter((r) => /^\/courses\/limu\/\d+\/$/.test(r))).toHaveLength(54);
    expect(routes.filter((r) => r.startsWith("/papers/") && r !== "/papers/")).toHaveLength(89);
    expect(routes.filter((r) => r.startsWith("/categories/"))).toHaveLength(12);
    expect(files).toContain("assets/katex/katex.min.css");
    expect(files).toContain("assets/katex/fonts/KaTeX_Main-Regular.woff2");
  });

  it("resolves every internal link; the seed's blog images (not in the library) are warned about", () => {
    const broken = crawl(outDir);
    const unresolved = first.warnings.filter((w) => w.rule === "link-unresolved");
    // The only dangling refs are the original blog's images, which the study log points at but
    // which are not part of the library; the build names each one.
    for (const b of broken) expect(b.ref).toMatch(/^\/assets\/images\/240709-ml-dl-limu\//);
    expect(broken.length).toBe(unresolved.length);
    // Each is told at the note that holds it, naming the page it breaks on.
    const pages = unresolved.map((w) => /\(on ([^)]+)\)$/.exec(w.message)?.[1] ?? w.file);
    expect(new Set(pages)).toEqual(new Set(broken.map((b) => b.from)));
    expect(unresolved.every((w) => w.line > 0)).toBe(true);
    expect(broken.filter((b) => !b.ref.startsWith("/assets/images/"))).toEqual([]);
  });

  it("renders every formula of the seed as KaTeX, none left as $$", () => {
    const htmlFiles = walk(outDir).filter((f) => f.endsWith(".html"));
    let katex = 0;
    for (const file of htmlFiles) {
      const body = readFileSync(file, "utf8");
      katex += count(body, 'class="katex"');
      expect(body, file).not.toContain("$$");
      expect(body, file).not.toContain("math-error");
    }
    expect(seedFormulaCount()).toBe(22);
    expect(katex).toBe(seedFormulaCount());
  });

  it("shows the GAN derivation of D(x)* as KaTeX, with the KaTeX stylesheet", () => {
    const gan = library.courses[0]?.episodes.find((e) => e.title.startsWith("GAN"));
    expect(gan).toBeDefined();
    const page = read(`courses/limu/${gan?.number}/index.html`);
    expect(page).toContain('href="/assets/katex/katex.min.css"');
    const derivation =
      /<span class="katex">(?:(?!<span class="katex">)[\s\S])*?D\(x\)\^\*[\s\S]*?<\/annotation>/.exec(
        page,
      );
    expect(derivation?.[0]).toContain("\\frac{p_{data}(x)}{p_{data}(x) + p_g(x)}");
  });

  it("does not turn the seed's runtime lines into timestamps", () => {
    const gan = library.courses[0]?.episodes.find((e) => e.title.startsWith("GAN"));
    const page = read(`courses/limu/${gan?.number}/index.html`);
    expect(page).not.toContain('class="ts"');
    expect(page).toContain("<dd>46:16</dd>");
    for (const file of walk(outDir).filter((f) => f.endsWith(".html"))) {
      expect(readFileSync(file, "utf8"), file).not.toContain('<a class="ts"');
    }
  });

  it("shows the Swin figure with its caption", () => {
    const swin = library.courses[0]?.episodes.find((e) => e.title.startsWith("Swin"));
    const page = read(`courses/limu/${swin?.number}/index.html`);
    expect(page).toMatch(
      /<figure><img [^>]*alt="网络结构对比"[^>]*><figcaption>网络结构对比<\/figcaption><\/figure>/,
    );
  });

  it("computes the catalog totals (89 / 58) and the course totals", () => {
    expect(read("papers/index.html")).toContain("<strong>89 / 58</strong>");
    const course = read("courses/limu/index.html");
    const episodes = course.slice(course.indexOf('<table class="episodes">'));
    expect(count(episodes.slice(0, episodes.indexOf("</table>")), "<tr>")).toBe(55);
    expect(course).toContain("54 集");
  });

  it("keeps pages CSP-clean (no inline script) and offline (no CDN)", () => {
    for (const file of walk(outDir).filter((f) => f.endsWith(".html"))) {
      const body = readFileSync(file, "utf8");
      expect(body, file).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(body, file).not.toMatch(/(?:href|src)="https?:\/\/[^"]*(?:cdn|jsdelivr|unpkg)/);
    }
  });

  it("writes nothing on a second build of the same library", () => {
    // The same day too: the home and course pages chart progress up to the day they are built.
    const second = buildSite(library, { outDir, baseUrl: "/", now });
    expect(second.written).toEqual([]);
    expect(second.skipped).toHaveLength(first.written.length);
  });

  it("rewrites only the pages that depend on a changed note", () => {
    const markdown = createMarkdownProcessor();
    const changed: Library = structuredClone(library);
    const course = changed.courses[0];
    const swin = course?.episodes.find((e) => e.title.startsWith("Swin"));
    if (!swin) throw new Error("no Swin episode");
    swin.notes += "\n\n补充：窗口注意力。\n";
    const third = buildSite(changed, { outDir, baseUrl: "/", now, markdown });
    // The split index's fragments of the new terms too (search-split.test.ts checks those).
    expect(third.written.filter((f) => !f.startsWith("search/")).sort()).toEqual(
      [`courses/limu/${swin.number}/index.html`, "feed.xml", "search-index.json"].sort(),
    );
    expect(read(`courses/limu/${swin.number}/index.html`)).toContain("补充：窗口注意力。");
  });

  it("rewrites the pages with progress charts a week later, and only those", () => {
    // The per-week charts end at the current week: a week later they have moved on.
    const nextWeek = () => new Date(now().getTime() + 7 * 24 * 3600 * 1000);
    buildSite(library, { outDir, baseUrl: "/", now }); // undo the changed note of the last test
    const fourth = buildSite(library, { outDir, baseUrl: "/", now: nextWeek });
    expect(fourth.written.sort()).toEqual(["courses/limu/index.html", "index.html"]);
  });
});
