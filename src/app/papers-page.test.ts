import { describe, expect, it } from "vitest";
import { samplePaper } from "../../test/fixtures/libraries/sample-libraries.js";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteRoutes } from "./create-site-routes.js";
import { CATALOG_PAGE_LIMIT } from "./papers-page.js";

const markdown = createMarkdownProcessor();
const now = () => new Date("2024-07-10T08:00:00Z");
const text = (body: string | Uint8Array) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

/** The fixture library with `extra` generated papers: half in 视觉, half in nlp, one without. */
function withPapers(extra: number) {
  const library = fixtureLibrary("en");
  for (let i = 0; i < extra; i++) {
    const category = i === 0 ? "gone" : i % 2 === 0 ? "视觉" : "nlp";
    library.papers.push(samplePaper(`gen-${i}`, { short: `Gen ${i}`, categories: [category] }));
  }
  return createSiteRoutes(library, { markdown, baseUrl: "/", now });
}

describe("the catalog page", () => {
  it("lists every paper in tables up to the limit", () => {
    const site = withPapers(CATALOG_PAGE_LIMIT - 3);
    const body = text(site.render("/papers/").body);
    expect(body.match(/<table class="catalog"/g)).toHaveLength(3);
    expect(body).toContain(">Gen 1996<");
  });

  it("past the limit links each category to its page, keeps papers without one, loses none", () => {
    const site = withPapers(CATALOG_PAGE_LIMIT);
    const body = text(site.render("/papers/").body);
    expect(body).toContain("2,003 papers are too many for one page");
    // Only the uncategorized papers (gen-0, 参数服务器 has a category) keep a table here.
    expect(body.match(/<table class="catalog"/g)).toHaveLength(1);
    expect(body).toContain(">Gen 0<");
    expect(body).not.toContain(">Gen 2<");
    // The fixture's own papers: one in 视觉, two in nlp.
    expect(body).toContain('<a href="/categories/nlp/">1,002 papers →</a>');
    expect(body).toContain(">1,000 papers →</a>");
    // Every other paper is in the table of its category's page.
    const vision = text(site.render(`/categories/${encodeURIComponent("视觉")}/`).body);
    const nlp = text(site.render("/categories/nlp/").body);
    for (let i = 1; i < CATALOG_PAGE_LIMIT; i++) {
      expect(i % 2 === 0 ? vision : nlp).toContain(`>Gen ${i}<`);
    }
  });
});
