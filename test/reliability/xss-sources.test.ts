import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library, Paper } from "../../src/core/index.js";
import { makePaper } from "../../src/core/make-items.js";
import {
  loadFetchedMetadata,
  mergePaperWithFetched,
  refreshLibrary,
  resolvePaper,
} from "../../src/sources/index.js";
import { urlPayloads } from "../fixtures/xss/url-corpus.js";
import {
  type FakeApi,
  type FakeRequest,
  sharedFixturesDir,
  startFakeApi,
} from "../support/fake-api.js";

/**
 * Issue 14, item 4, from the API side: every response field that becomes a URL (Semantic Scholar's
 * `openAccessPdf.url` and `url`, arXiv's PDF and abs links, bilibili's covers) answered with each
 * hostile URL of test/fixtures/xss/urls.jsonl, in shaped copies of the recorded responses in
 * ../shared/fixtures served by the fake API server on 127.0.0.1. `add paper` (resolvePaper) must
 * write no such link, `refresh` must store and merge none. Every payload in both runs: no browser.
 */
const payloads = urlPayloads();
const fixtures = sharedFixturesDir();
const suite = fixtures ? describe : describe.skip;
if (!fixtures)
  console.warn("test/reliability/xss-sources.test.ts: SKIPPED, ../shared/fixtures absent");

/** A link an API gave that may be kept: an absolute http(s) URL (checked without src/core). */
const isWebLink = (url: unknown) =>
  typeof url === "string" && /^https?:\/\/[^\s/?#]+/i.test(url) && url === url.trim();

const recorded = (file: string) => readFileSync(join(fixtures ?? "", file), "utf8");
const payloadOf = (req: FakeRequest, pattern: RegExp) =>
  payloads[Number(pattern.exec(decodeURIComponent(req.path))?.[1] ?? -1)]?.url ?? "";

/** The recorded S2 paper with the hostile URL as its PDF and page link, and no arXiv id. */
function hostileS2Paper(url: string, doi: string): Record<string, unknown> {
  const paper = JSON.parse(recorded("semanticscholar/s2-paper-doi-nature-mi-fields-common.json"));
  delete paper.externalIds.ArXiv;
  paper.externalIds.DOI = doi;
  paper.openAccessPdf = { url, status: "GREEN", license: "CCBY" };
  paper.url = url;
  return paper;
}

const xml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );

suite("hostile URLs in API responses", () => {
  let server: FakeApi;
  const temps: string[] = [];
  beforeAll(async () => {
    server = await startFakeApi({ fixturesDir: fixtures as string });
    const doi = /\/paper\/DOI:10\.9999\/xss-(\d+)$/;
    server.handle({ method: "GET", path: doi }, (req) => ({
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        hostileS2Paper(payloadOf(req, doi), decodeURIComponent(req.path).split("DOI:")[1] ?? ""),
      ),
    }));
    server.handle({ method: "POST", path: /\/paper\/batch$/ }, (req) => {
      const ids = (JSON.parse(req.body) as { ids: string[] }).ids;
      return {
        headers: { "content-type": "application/json" },
        body: JSON.stringify(
          ids.map((id) =>
            hostileS2Paper(payloads[Number(/xss-(\d+)$/.exec(id)?.[1])]?.url ?? "", id.slice(4)),
          ),
        ),
      };
    });
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it("add paper: no hostile openAccessPdf.url or url reaches the paper or its fetched values", async () => {
    const sources = server.sources();
    let written = 0;
    for (const [i, p] of payloads.entries()) {
      const r = await resolvePaper(`10.9999/xss-${i}`, { sources, takenIds: [] });
      for (const link of r.paper.links)
        expect(isWebLink(link.url), `${p.note}: ${link.url}`).toBe(true);
      const values = r.fetched.values ?? {};
      expect(values.title, p.note).toBe("Augmenting large language models with chemistry tools");
      for (const key of ["pdfUrl", "url"]) {
        const value = values[key];
        if (value !== undefined) expect(isWebLink(value), `${p.note}: ${key}`).toBe(true);
      }
      if (p.refused)
        expect(JSON.stringify(r.paper)).not.toContain(JSON.stringify(p.url).slice(1, -1));
      written += r.paper.links.length;
    }
    console.log(
      "reliability:",
      `xss add paper (S2 openAccessPdf.url, url): ${payloads.length} hostile responses, ${written} links kept (absolute http(s) only), 0 refused URLs written`,
    );
  });

  it("refresh: S2 batch answers with hostile URLs store none in metadata and merge none", async () => {
    const root = mkdtempSync(join(tmpdir(), "jingdu-xss-refresh-"));
    temps.push(root);
    const papers: Paper[] = payloads.map((_, i) =>
      makePaper({
        id: `xss-${i}`,
        short: `XSS ${i}`,
        ids: { doi: `10.9999/xss-${i}` },
      }),
    );
    const library: Library = {
      settings: { title: "XSS", language: "en", version: 1 },
      categories: [],
      papers,
      courses: [],
      progress: { episodes: {}, papers: {} },
      references: [],
    };
    const sources = server.sources();
    const result = await refreshLibrary({ library, libraryRoot: root, sources, only: ["s2"] });
    expect(result.items.filter((i) => i.outcome === "updated").length).toBe(payloads.length);
    const { maps } = await loadFetchedMetadata(root);
    let merged = 0;
    for (const paper of papers) {
      const view = mergePaperWithFetched(paper, maps);
      for (const link of view.paper.links) expect(isWebLink(link.url), link.url).toBe(true);
      merged += view.paper.links.length;
      const values = maps.s2?.get(`paper:${paper.id}`)?.values ?? {};
      for (const key of ["pdfUrl", "url"]) {
        if (values[key] !== undefined) expect(isWebLink(values[key]), key).toBe(true);
      }
    }
    console.log(
      "reliability:",
      `xss refresh (S2 batch): ${payloads.length} hostile answers, ${merged} PDF links merged (absolute http(s) only)`,
    );
  });

  it("arXiv: hostile PDF and abs links in the feed are not taken", async () => {
    const feed = recorded("arxiv/arxiv-query-idlist-3-of-4-unknown-2025-11.xml");
    let kept = 0;
    for (const p of payloads) {
      const body = feed
        .replace('href="https://arxiv.org/abs/2201.13452v1"', `href="${xml(p.url)}"`)
        .replace(
          'href="https://arxiv.org/pdf/2201.13452v1"',
          `href="${xml(`${p.url}/pdf/x`)}" type="application/pdf"`,
        );
      server.script(
        { method: "GET", path: /\/api\/query$/ },
        { body, headers: { "content-type": "application/atom+xml" } },
      );
      const sources = server.sources();
      const { entries } = await sources.arxiv.getEntries(["2201.13452"]);
      const entry = entries.get("2201.13452");
      expect(entry, p.note).toBeDefined();
      expect(isWebLink(entry?.absUrl), `${p.note}: abs ${entry?.absUrl}`).toBe(true);
      if (entry?.pdfUrl !== undefined) {
        expect(isWebLink(entry.pdfUrl), `${p.note}: pdf ${entry.pdfUrl}`).toBe(true);
        kept++;
      }
    }
    console.log(
      "reliability:",
      `xss arXiv (link href): ${payloads.length} hostile feeds, ${kept} PDF links kept (absolute http(s) only)`,
    );
  });

  it("bilibili: hostile cover URLs (video, season, season episodes) are not kept", async () => {
    const recordedView = JSON.parse(
      recorded("bilibili/bilibili-view-BV1tN4y1F79k-ugc-season.json"),
    );
    let kept = 0;
    for (const p of payloads) {
      const view = structuredClone(recordedView);
      view.data.pic = p.url;
      view.data.ugc_season.cover = p.url;
      for (const section of view.data.ugc_season.sections) {
        for (const episode of section.episodes) episode.arc.pic = p.url;
      }
      server.script(
        { method: "GET", path: "/x/web-interface/view" },
        { body: JSON.stringify(view), headers: { "content-type": "application/json" } },
      );
      const sources = server.sources();
      const { video } = await sources.bilibili.getVideo("BV1tN4y1F79k", { cache: "bypass" });
      const covers = [
        video.cover,
        video.season?.cover,
        ...(video.season?.episodes ?? []).map((e) => e.cover),
      ].filter((c) => c !== undefined);
      for (const cover of covers) expect(isWebLink(cover), `${p.note}: ${cover}`).toBe(true);
      kept += covers.length;
    }
    console.log(
      "reliability:",
      `xss bilibili (pic, ugc_season.cover, arc.pic): ${payloads.length} hostile answers, ${kept} covers kept (absolute http(s) only)`,
    );
  });
});
