import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { createMarkdownProcessor } from "../render/index.js";
import type { AssetSource } from "./assets.js";
import { createSiteRoutes } from "./create-site-routes.js";

const markdown = createMarkdownProcessor();

const now = () => new Date("2024-07-10T08:00:00Z");
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>block</title></svg>';

describe("the library's files/ folder (images in notes)", () => {
  const library = fixtureLibrary("zh");
  const episode = library.courses[0]?.episodes[0];
  if (episode) {
    episode.notes = `${episode.notes}\n\n![残差块](files/diagrams/block.svg)\n\n![不存在](files/missing.png)\n`;
  }
  const files = new Map<string, AssetSource>([
    ["diagrams/block.svg", { contentType: "image/svg+xml", read: () => SVG }],
  ]);
  const site = createSiteRoutes(library, { markdown, baseUrl: "/notes/", now, files });
  const path = `/courses/${encodeURIComponent(library.courses[0]?.id ?? "")}/1/`;

  it("serves each file under /files/ and lists it as a route", () => {
    expect(site.listRoutes()).toContain("/files/diagrams/block.svg");
    const r = site.render("/files/diagrams/block.svg");
    expect(r.status).toBe(200);
    expect(r.contentType).toBe("image/svg+xml");
    expect(r.body).toBe(SVG);
    expect(site.render("/files/../jingdu.yaml").status).toBe(404);
    expect(site.render("/files/nope.svg").status).toBe(404);
  });

  it("points a note's relative image at the served file under the base URL", () => {
    const body = String(site.render(path).body);
    expect(body).toContain('<img src="/notes/files/diagrams/block.svg" alt="残差块"');
    expect(body).toContain("<figcaption>残差块</figcaption>");
    // A file that is not in the library stays as written (and the build's link check names it).
    expect(body).toContain('src="files/missing.png"');
  });
});
