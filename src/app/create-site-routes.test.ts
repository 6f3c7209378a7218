import { describe, expect, it } from "vitest";
import { fixtureLibrary } from "../../test/fixtures/site/fixture-library.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteRoutes } from "./create-site-routes.js";
import { html, raw } from "./html.js";
import { matchRoute, paths } from "./paths.js";

const markdown = createMarkdownProcessor();

const now = () => new Date("2024-07-10T08:00:00Z");
const text = (body: string | Uint8Array) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

describe("createSiteRoutes on a hand-built library", () => {
  const site = createSiteRoutes(fixtureLibrary("zh"), { markdown, baseUrl: "/", now });
  const page = (path: string) => text(site.render(path).body);

  it("links timestamps in an episode note into the first bilibili video", () => {
    const body = page("/courses/%E7%B2%BE%E8%AF%BB/1/");
    expect(body).toContain(
      '<a class="ts" href="https://www.bilibili.com/video/BV1P3411y7nn/?t=2778">46:18</a>',
    );
    expect(body).toContain(
      '<a class="ts" href="https://www.bilibili.com/video/BV1P3411y7nn/?t=3723">1:02:03</a>',
    );
    // The runtime in the facts list is not a timestamp link.
    expect(body).toContain("<dd>1:02:03</dd>");
  });

  it("encodes CJK ids in hrefs and decodes them when matching routes", () => {
    expect(site.listRoutes()).toContain("/courses/%E7%B2%BE%E8%AF%BB/");
    expect(site.listRoutes()).toContain(`/papers/${encodeURIComponent("参数服务器")}/`);
    expect(site.render("/courses/精读/").status).toBe(200);
    expect(page("/courses/精读/2/")).toContain(
      `href="/papers/${encodeURIComponent("参数服务器")}/"`,
    );
    expect(matchRoute("/papers/%E5%8F%82%E6%95%B0%E6%9C%8D%E5%8A%A1%E5%99%A8/")).toEqual({
      page: "paper",
      paperId: "参数服务器",
    });
    expect(matchRoute("/papers/%E5/")).toBeUndefined();
    expect(matchRoute("/assets/../secret")).toBeUndefined();
  });

  it("resolves [[links]] in notes to pages under the base URL", () => {
    const under = createSiteRoutes(fixtureLibrary("zh"), {
      markdown,
      baseUrl: "https://example.org/notes/",
      now,
    });
    const body = text(under.render("/courses/%E7%B2%BE%E8%AF%BB/1/").body);
    expect(body).toContain('<a class="xref" href="/notes/papers/bert/">BERT</a>');
    expect(body).toContain('href="/notes/assets/site.css"');
    const feed = text(under.render(paths.feed).body);
    expect(feed).toContain('<link rel="self" href="https://example.org/notes/feed.xml"/>');
  });

  it("escapes library text in pages", () => {
    const body = page("/courses/%E7%B2%BE%E8%AF%BB/2/");
    expect(body).toContain("BERT &lt;论文&gt; 逐段精读");
    expect(body).not.toContain("<论文>");
    expect(page("/")).toContain("Fixture &lt;library&gt;");
  });

  it("computes course totals and shows progress from progress.yaml", () => {
    const body = page("/courses/%E7%B2%BE%E8%AF%BB/");
    expect(body).toContain("2 集 · 1.8 小时");
    expect(body).toContain('<span class="status status-done">看完</span>');
    expect(page("/papers/")).toContain("<strong>3 / 2</strong>");
  });

  it("shows — for unknown counts and plugs in fetched metrics", () => {
    expect(page("/papers/resnet/")).toContain('<span class="unknown">—</span>');
    const withMetrics = createSiteRoutes(fixtureLibrary("en"), {
      markdown,
      baseUrl: "/",
      now,
      metrics: (kind, id) =>
        kind === "paper" && id === "resnet" ? { value: 212345, asOf: "2024-07-01" } : undefined,
    });
    const body = text(withMetrics.render("/papers/").body);
    expect(body).toContain("212,345 <small>as of 2024-07-01</small>");
  });

  it("switches interface labels with settings.language", () => {
    const zh = page("/papers/");
    const en = text(
      createSiteRoutes(fixtureLibrary("en"), { markdown, baseUrl: "/", now }).render("/papers/")
        .body,
    );
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<th scope="col">已录制</th>');
    expect(zh).toContain("论文总数 / 录制完成数");
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<th scope="col">Covered</th>');
    expect(en).toContain("Papers / covered");
    expect(en).not.toContain("已录制");
  });

  it("answers an unknown path with the 404 page", () => {
    const missing = site.render("/papers/no-such-paper/");
    expect(missing.status).toBe(404);
    expect(text(missing.body)).toContain("找不到页面");
    expect(site.render("/nowhere").status).toBe(404);
  });

  it("serves KaTeX's CSS and fonts from the npm package, and the search script", () => {
    const css = site.render("/assets/katex/katex.min.css");
    expect(css.contentType).toMatch(/^text\/css/);
    expect(text(css.body)).toContain("KaTeX_Main");
    expect(site.render("/assets/katex/fonts/KaTeX_Main-Regular.woff2").contentType).toBe(
      "font/woff2",
    );
    expect(page("/search/")).toContain('<script src="/assets/search.js" defer></script>');
    expect(text(site.render("/search-index.json").body)).toContain('"title":"ResNet — Deep');
  });

  it("leaves a Mermaid block as readable source when mermaid is not installed", () => {
    const lib = fixtureLibrary("en");
    const paper = lib.papers[0];
    if (!paper) throw new Error("fixture has no paper");
    paper.notes = "```mermaid\ngraph TD; A-->B\n```\n";
    const body = text(
      createSiteRoutes(lib, { markdown, baseUrl: "/", now }).render("/papers/resnet/").body,
    );
    expect(body).toContain('<pre class="mermaid">graph TD; A--&gt;B\n</pre>');
  });
});

describe("html", () => {
  it("escapes interpolated text and keeps raw() and nested templates", () => {
    const name = '<b>"x"</b>';
    expect(
      html`<p title="${name}">${name}${raw("<i>ok</i>")}${[html`<br>`, 1, null]}</p>`.value,
    ).toBe(
      '<p title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&lt;/b&gt;<i>ok</i><br>1</p>',
    );
  });
});
