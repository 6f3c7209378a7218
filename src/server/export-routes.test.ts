import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDemoApp, openDemoApp, TEST_HOST } from "../../test/support/demo-app.js";
import { libraryCitekeys } from "../core/index.js";
import { exportBibliography, parseBibliography } from "../formats/index.js";
import { EXPORT_LINKS } from "./client-labels.js";
import type { LibraryHost } from "./library-host.js";

/** A category's export (routes/export.ts) through app.request(): what a download holds. */
let root: string;
let library: LibraryHost;
let app: Hono;

beforeAll(async () => {
  ({ root, library, app } = await openDemoApp("jingdu-export-routes-"));
});
afterAll(() => closeDemoApp({ root, library }));

const get = (path: string) => app.request(path, { headers: { host: TEST_HOST } });
const CATEGORY = "系统";

describe("GET /export/<category>.<ext>", () => {
  it("each link of a category page downloads the category's papers, the same text as jingdu export", async () => {
    const lib = library.state().library;
    const papers = lib.papers.filter((p) => p.categories.includes(CATEGORY));
    expect(papers.length).toBeGreaterThan(0);
    const keys = libraryCitekeys(lib.papers);
    for (const [, extension, format] of EXPORT_LINKS) {
      const r = await get(`/export/${encodeURIComponent(CATEGORY)}.${extension}?format=${format}`);
      expect(r.status, format).toBe(200);
      const disposition = r.headers.get("content-disposition") ?? "";
      expect(disposition).toMatch(/^attachment; /);
      expect(disposition).toContain(
        `filename*=UTF-8''${encodeURIComponent(`${CATEGORY}.${extension}`)}`,
      );
      const text = await r.text();
      const cli = exportBibliography(lib, { format, category: CATEGORY });
      expect(r.headers.get("content-type")).toBe(cli?.mediaType);
      expect(text).toBe(cli?.text);
      const kind = format === "biblatex" ? "bibtex" : format;
      const read = parseBibliography(text, kind, `export.${extension}`);
      expect(read.papers.map((p) => p.citekey).sort()).toEqual(
        papers.map((p) => keys.get(p.id)).sort(),
      );
      expect(read.papers.map((p) => p.short).sort()).toEqual(papers.map((p) => p.short).sort());
    }
  });

  it("takes the format from the extension; an unknown category is 404, a format 400", async () => {
    const ris = await get(`/export/${encodeURIComponent(CATEGORY)}.ris`);
    expect(ris.status).toBe(200);
    expect(await ris.text()).toMatch(/^TY {2}- /);
    const none = await get("/export/no-such-category.bib");
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: "export-category-unknown" });
    const format = await get(`/export/${encodeURIComponent(CATEGORY)}.bib?format=endnote`);
    expect(format.status).toBe(400);
    expect(await format.json()).toMatchObject({ code: "export-format-unknown" });
  });
});
