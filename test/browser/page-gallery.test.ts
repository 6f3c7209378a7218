import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import {
  CITATION_GRAPH_FILE,
  type CitationGraph,
  emptyCitationGraph,
  serializeCitationGraph,
} from "../../src/core/index.js";
import type { RunningServer } from "../../src/server/index.js";
import { ARTIFACTS } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { demoLibrary } from "../support/demo-library.js";
import { runCliInProcess } from "../support/run-cli.js";

/**
 * The daily pages as a learner sees them (issue 20): home, course, episode, catalog, paper, add,
 * editor, review and next (with a citation graph around ResNet), at 1280 and 390 px, in Chinese and English, light and dark. Each is kept as
 * a screenshot in test-artifacts/gallery/ to judge by eye; the test asserts what can be asserted:
 * no horizontal overflow of the page, no console error, and no serious or critical violation by
 * axe-core (WCAG 2 A/AA rules, colour contrast included) in either colour scheme.
 */
const browsing = browserFile("test/browser/page-gallery.test.ts");
const suite = browsing.suite;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const GALLERY = join(ARTIFACTS, "gallery");
const PAGES = [
  ["home", "/"],
  ["course", "/courses/limu/"],
  ["episode", "/courses/limu/5/"],
  ["catalog", "/papers/"],
  ["paper", "/papers/resnet/"],
  ["add", "/_/add"],
  ["editor", `/_/edit?page=${encodeURIComponent("/papers/resnet/")}`],
  ["review", "/_/review"],
  ["next", "/_/next"],
] as const;

/** ResNet (its S2 id in the template) citing three papers, cited by two. */
function resnetGraph(): CitationGraph {
  const g = emptyCitationGraph();
  const resnet = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";
  const near: [string, number, number][] = [
    ["Batch Normalization: Accelerating Deep Network Training", 2015, 45000],
    ["Network In Network", 2013, 6000],
    ["Highway Networks", 2015, 1800],
    ["Identity Mappings in Deep Residual Networks", 2016, 9000],
    ["Wide Residual Networks", 2016, 7000],
  ];
  const ids = near.map((_, i) => String(i + 1).repeat(40));
  near.forEach(([title, year, citationCount], i) => {
    const s2 = ids[i] as string;
    g.papers.set(s2, { s2, title, year, citationCount });
  });
  g.references.set(resnet, ids.slice(0, 3));
  g.citations.set(resnet, ids.slice(3));
  g.fetched.set(resnet, { fetchedAt: "2026-12-01T10:00:00.000Z" });
  return g;
}

const servers: Record<string, RunningServer> = {};

beforeAll(async () => {
  if (!browsing.chromium) return;
  mkdirSync(GALLERY, { recursive: true });
  for (const language of ["zh", "en"]) {
    const root = await demoLibrary(`jingdu-gallery-${language}-`);
    browsing.removeAfter(dirname(root));
    const config = join(root, "jingdu.yaml");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(/^language: .*$/m, `language: ${language}`),
    );
    // A note under review, so the review page shows its card and rating buttons.
    const mark = await runCliInProcess(["review", "--mark", "resnet"], { cwd: root });
    expect(mark.code, mark.stderr).toBe(0);
    // ResNet read, and a citation graph around it, so the Next page lists papers and draws them.
    const read = await runCliInProcess(["read", "resnet", "--pass", "1"], { cwd: root });
    expect(read.code, read.stderr).toBe(0);
    mkdirSync(join(root, "metadata"), { recursive: true });
    writeFileSync(join(root, CITATION_GRAPH_FILE), serializeCitationGraph(resnetGraph()));
    servers[language] = await browsing.serve({ root, watch: false });
  }
}, 120_000);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then(r => r.violations)",
  )) as Violation[];
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

suite("the daily pages at 1280 and 390 px, zh/en, light/dark", { timeout: 300_000 }, () => {
  for (const language of ["zh", "en"] as const) {
    for (const scheme of ["light", "dark"] as const) {
      it(`${language}, ${scheme}: no overflow, no console error, no serious axe violation`, async () => {
        const problems: string[] = [];
        for (const width of [1280, 390]) {
          // bypassCSP only lets the test add axe's script; the pages' own CSP is tested elsewhere.
          const { page, errors, foreign, close } = await browsing.open(width, {
            colorScheme: scheme,
            bypassCSP: true,
          });
          page.on("response", (r) => {
            if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
          });
          for (const [name, path] of PAGES) {
            await page.goto(new URL(path, servers[language]?.url).href);
            await page.waitForLoadState("load");
            const where = `${name} ${width}px`;
            const overflow = await page.evaluate<number>(
              "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            );
            if (overflow > 0) problems.push(`${where}: the page is ${overflow} px too wide`);
            await page.screenshot({
              path: join(GALLERY, `${language}-${scheme}-${width}-${name}.png`),
              // The whole page at 1280; the first screen on a phone (its width is asserted above).
              fullPage: width === 1280,
            });
            // axe at one width per scheme; English in the dark has the colours of Chinese in the
            // dark (the language changes words, not styles), so that pass is left out for time.
            if (width === 1280 && !(language === "en" && scheme === "dark")) {
              for (const v of await seriousViolations(page)) problems.push(`${where}: ${v}`);
            }
          }
          for (const e of errors) problems.push(`${width}px console: ${e}`);
          for (const url of foreign) problems.push(`${width}px asked outside 127.0.0.1: ${url}`);
          await close();
        }
        expect(problems).toEqual([]);
      });
    }
  }
});
