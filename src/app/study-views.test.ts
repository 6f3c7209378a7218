import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteRoutes } from "./create-site-routes.js";

const markdown = createMarkdownProcessor();

/**
 * The study workflow on the pages, with a fixed clock: episode 1 (3,723 s) done the day before,
 * episode 2 (2,776 s) left; a paper read twice with three sections checked and a value rating.
 */
const now = () => new Date("2024-07-10T08:00:00Z");
const text = (body: string | Uint8Array) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

function site(language: "zh" | "en") {
  const library = fixtureLibrary(language);
  library.progress.papers.bert = {
    passes: [
      { pass: 2, date: "2024-07-05" },
      { pass: 1, date: "2024-07-01" },
    ],
    sections: ["title", "abstract", "method"],
    value: { novelty: 4, effectiveness: 5, problemSize: 5 },
  };
  const routes = createSiteRoutes(library, { markdown, baseUrl: "/", now });
  return (path: string) => text(routes.render(path).body);
}

describe("study progress on the pages", () => {
  it("a paper page shows its passes in order, the section checklist and the value", () => {
    const body = site("en")("/papers/bert/");
    const reading = body.slice(body.indexOf('id="reading"'));
    expect(reading.indexOf("Pass 1: 2024-07-01")).toBeGreaterThan(0);
    expect(reading.indexOf("Pass 2: 2024-07-05")).toBeGreaterThan(
      reading.indexOf("Pass 1: 2024-07-01"),
    );
    const done = [...reading.matchAll(/<span class="done">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(done).toEqual(["Title", "Abstract", "Method"]);
    expect(reading).toContain("novelty 4 × effectiveness 5 × problem size 5 = 100 (outstanding)");
    expect(site("zh")("/papers/bert/")).toContain("新意 4 × 有效性 5 × 问题大小 5 = 100（突出）");
  });

  it("a paper nobody read says so", () => {
    expect(site("en")("/papers/resnet/")).toContain("Not read yet.");
  });

  it("a course page shows minutes watched and left and the finish at the recent pace", () => {
    const body = site("en")("/courses/%E7%B2%BE%E8%AF%BB/");
    // 3,723 s watched = 62.05 min; 2,776 s left = 46.3 min; 62.05 min over 28 days = 2.2 a day,
    // so 46.27 min take ceil(20.9) = 21 days from 2024-07-10.
    expect(body).toContain('<dd class="minutes-watched">62.1 minutes</dd>');
    expect(body).toContain('<dd class="minutes-left">46.3 minutes</dd>');
    expect(body).toContain("2024-07-31 (at 2.2 minutes a day over the last 28 days)");
  });

  it("the home page has four accessible charts, the course page two", () => {
    const home = site("zh")("/");
    const svgs = home.match(
      /<svg[^>]*role="img"[^>]*>\s*<title[^>]*>[^<]+<\/title>\s*<desc[^>]*>[^<]+<\/desc>/g,
    );
    expect(svgs).toHaveLength(4);
    expect(home).toContain("累计观看时长");
    expect(home).toContain("预计看完");
    const course = site("en")("/courses/%E7%B2%BE%E8%AF%BB/");
    expect(course.match(/<figure class="jd-chart/g)).toHaveLength(2);
    expect(course).toContain("Hours watched, cumulative");
  });
});
