import { expect, it } from "vitest";
import { samplePaper } from "../../test/fixtures/libraries/sample-libraries.js";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteRoutes } from "./create-site-routes.js";

it("a paper's page names its files on disk by title and path, with no file: link", () => {
  const library = fixtureLibrary("en");
  const path = "/home/reader/Zotero/storage/PDF4ASER/Asero & Antonicelli - 2011.pdf";
  library.papers.push(
    samplePaper("asero", {
      short: "Asero 2011",
      attachments: [{ path, title: "Full Text PDF", contentType: "application/pdf" }],
      ids: { zotero: "3EWF3P9V" },
    }),
  );
  const site = createSiteRoutes(library, {
    markdown: createMarkdownProcessor(),
    baseUrl: "/",
    now: () => new Date("2024-07-10T08:00:00Z"),
  });
  const page = site.render("/papers/asero/").body;
  const body = typeof page === "string" ? page : new TextDecoder().decode(page);
  expect(body).toContain('<h2 id="attachments">Files</h2>');
  expect(body).toContain(
    'Full Text PDF <span class="muted url">/home/reader/Zotero/storage/PDF4ASER/Asero &amp; Antonicelli - 2011.pdf</span>',
  );
  expect(body).not.toContain("file:");
  expect(body).toContain('<span class="muted">zotero</span> 3EWF3P9V');
});
