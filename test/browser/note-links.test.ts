import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/index.js";
import { buildSite } from "../../src/site/index.js";
import { attachmentFiles } from "../../src/site/site-inputs.js";
import { loadLibrary } from "../../src/store/index.js";
import { gotoSettled } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

/**
 * Issue 18's "notes with each citation and link form render to the right links in the site and
 * the app; backlinks listed", in Debian's chromium: the same library served by `jingdu serve`
 * (under its CSP) and built by `buildSite`, each link followed as a user would.
 */
const browsing = browserFile("test/browser/note-links.test.ts");
const suite = browsing.suite;
const now = () => new Date("2026-03-01T10:00:00Z");

const FIGURE = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>`;

/** A library on disk whose notes use every link form. */
function writeLibrary(): string {
  const root = join(browsing.temp("jingdu-note-links-"), "lib");
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  file("jingdu.yaml", "title: Links\nlanguage: en\n");
  file(
    "papers/resnet.md",
    '---\nshort: ResNet\ntitle: Deep Residual Learning for Image Recognition\nyear: 2016\nvenue: CVPR\nauthors: [Kaiming He, Jian Sun]\nids:\n  arxiv: "1512.03385"\ncitekey: he2016deep\n---\n## Method\n\nShortcut connections.\n',
  );
  file("papers/vgg.md", "---\nshort: VGG\ntitle: Very Deep Convolutional Networks\n---\n");
  file(
    "papers/densenet.md",
    [
      "---",
      "short: DenseNet",
      "---",
      "By citekey [@he2016deep, p. 3], grouped [see @resnet; @vgg, ch. 2], in text @vgg.",
      "",
      "By title [[Deep Residual Learning for Image Recognition]], by name [[VGG|the VGG net]],",
      "to a heading [[resnet#Method]], to an episode [[limu/1]]. Broken: [[alexnet]].",
      "",
      "![[block.svg|A dense block]]",
      "",
      "Not links: `[@resnet]`, mail kaiming@resnet.org. Tagged #dense #密集",
    ].join("\n"),
  );
  file("courses/limu/course.md", "---\ntitle: Paper reading\n---\n");
  file(
    "courses/limu/episodes/001.md",
    "---\nnumber: 1\ntitle: ResNet reading\n---\nWe read [[ResNet]] today.\n",
  );
  file("files/block.svg", FIGURE);
  return root;
}

interface Seen {
  cites: { text: string; href: string }[];
  xrefs: { text: string; href: string }[];
  broken: string[];
  tags: string[];
  figure: { src: string; caption: string; width: number } | undefined;
  bibliography: string[];
}

/** What a reader sees of the DenseNet note: its links, where they lead, its figure. */
async function readNote(page: Page): Promise<Seen> {
  // The figure loads lazily: bring it into view and let it load (a missing file never would).
  await page.locator(".note figure img").scrollIntoViewIfNeeded();
  await page.waitForFunction(`document.querySelector(".note figure img").complete`);
  // A string: the test's TypeScript has no DOM types.
  return page.evaluate<Seen>(`(() => {
    const note = document.querySelector(".note");
    const path = (href) => new URL(href).pathname + new URL(href).hash;
    const links = (sel) =>
      [...note.querySelectorAll(sel)].map((a) => ({ text: a.textContent, href: path(a.href) }));
    const img = note.querySelector("figure img");
    return {
      cites: links(".cite a"),
      xrefs: links("p > a.xref"),
      broken: [...note.querySelectorAll(".xref.broken")].map((e) => e.textContent),
      tags: [...note.querySelectorAll(".tag")].map((e) => e.textContent),
      figure: img
        ? {
            src: new URL(img.src).pathname,
            caption: note.querySelector("figcaption")?.textContent ?? "",
            width: img.complete ? img.naturalWidth : -1,
          }
        : undefined,
      bibliography: [...note.querySelectorAll(".bibliography li")].map((e) => e.textContent),
    };
  })()`);
}

function expectNote(seen: Seen): void {
  expect(seen.cites).toEqual([
    { text: "ResNet", href: "/papers/resnet/" },
    { text: "ResNet", href: "/papers/resnet/" },
    { text: "VGG", href: "/papers/vgg/" },
    { text: "VGG", href: "/papers/vgg/" },
  ]);
  expect(seen.xrefs).toEqual([
    { text: "ResNet", href: "/papers/resnet/" },
    { text: "the VGG net", href: "/papers/vgg/" },
    { text: "ResNet › Method", href: "/papers/resnet/#method" },
    { text: "ResNet reading", href: "/courses/limu/1/" },
  ]);
  expect(seen.broken).toEqual(["alexnet"]);
  expect(seen.tags).toEqual(["#dense", "#密集"]);
  expect(seen.figure).toEqual({ src: "/files/block.svg", caption: "A dense block", width: 40 });
  expect(seen.bibliography).toHaveLength(2);
  expect(seen.bibliography[0]).toMatch(
    /^Kaiming He, Jian Sun \(2016\)\. Deep Residual Learning for Image Recognition\. CVPR\. arXiv:1512\.03385/,
  );
}

/** Follows the heading link and reads the backlinks of the pages the note links to. */
async function followLinks(page: Page, base: string): Promise<void> {
  await page.locator(".note a.xref", { hasText: "ResNet › Method" }).click();
  await page.waitForURL(`${base}/papers/resnet/#method`);
  expect(await page.locator("h2#method").isVisible()).toBe(true);
  const names = await page.locator("section.backlinks a").allTextContents();
  const hrefs = await page
    .locator("section.backlinks a")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const backlinks = names.map((name, i) => `${name} ${hrefs[i]}`);
  expect(backlinks).toEqual(["DenseNet /papers/densenet/", "ResNet reading /courses/limu/1/"]);
  await gotoSettled(page, `${base}/courses/limu/1/`);
  expect(await page.locator("section.backlinks a").allTextContents()).toEqual(["DenseNet"]);
  // The note's #tags are the paper's tags, and filter the catalog.
  await gotoSettled(page, `${base}/papers/densenet/`);
  expect(await page.locator("#tags + ul a").allTextContents()).toEqual(["dense", "密集"]);
}

suite("citations, Obsidian links and backlinks in a real browser", () => {
  let root: string;
  let app: RunningServer;
  let site: StaticServer;
  beforeAll(async () => {
    root = writeLibrary();
    app = await browsing.serve({ root, now });
    const outDir = join(dirname(root), "site");
    const { library } = await loadLibrary(root);
    buildSite(library, { outDir, baseUrl: "/", now, files: attachmentFiles(root) });
    site = browsing.closeAfter(await startStaticServer(outDir));
  });

  it("the app renders every form to the right link, under its CSP, and lists backlinks", async () => {
    const p = await browsing.open();
    const base = app.url.replace(/\/$/, "");
    await gotoSettled(p.page, `${base}/papers/densenet/`);
    expectNote(await readNote(p.page));
    await followLinks(p.page, base);
    expect(p.errors).toEqual([]);
    expect(p.foreign).toEqual([]);
    await p.close();
  });

  it("the built site shows the same", async () => {
    const p = await browsing.open();
    await gotoSettled(p.page, `${site.url}/papers/densenet/`);
    expectNote(await readNote(p.page));
    await followLinks(p.page, site.url);
    expect(p.errors).toEqual([]);
    expect(p.foreign).toEqual([]);
    await p.close();
  });
});
