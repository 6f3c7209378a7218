import { describe, expect, it } from "vitest";
import { relativeHtml, relativeRouteFile, relativeUrl, searchPartScript } from "./relative-urls.js";

describe("a relative build's URLs", () => {
  it("names files relative to the page, keeping queries and anchors", () => {
    expect(relativeUrl("/papers/", "/papers/resnet/", "")).toBe("../../papers/index.html");
    expect(relativeUrl("/", "/", "")).toBe("index.html");
    expect(relativeUrl("/assets/site.css", "/courses/limu/3/", "")).toBe(
      "../../../assets/site.css",
    );
    expect(relativeUrl("/papers/?category=nlp#top", "/404.html", "")).toBe(
      "papers/index.html?category=nlp#top",
    );
    expect(relativeUrl("/notes/papers/%E5%8F%82/", "/papers/", "/notes")).toBe(
      "../papers/%E5%8F%82/index.html",
    );
    // Outside the base path, scheme-relative, or another site: as it was.
    expect(relativeUrl("/other/", "/papers/", "/notes")).toBe("/other/");
    expect(relativeUrl("https://arxiv.org/abs/1", "/papers/", "")).toBe("https://arxiv.org/abs/1");
  });

  it("rewrites the pages' URL attributes only, and names the search fragments as scripts", () => {
    const page =
      '<a href="/papers/x/">x</a> <a href="//cdn.example/a">c</a> <img src="/files/a.png">' +
      '<form action="/search/" data-search-parts="/search/" data-search-index="/search-index.json">' +
      "<code>href=&quot;/papers/&quot;</code>";
    expect(relativeHtml(page, "/search/", "")).toBe(
      '<a href="../papers/x/index.html">x</a> <a href="//cdn.example/a">c</a> <img src="../files/a.png">' +
        '<form action="../search/index.html" data-search-scripts="../search/" data-search-index="../search-index.json">' +
        "<code>href=&quot;/papers/&quot;</code>",
    );
    expect(relativeRouteFile("/search/t/72-65.json")).toBe("search/t/72-65.js");
    expect(relativeRouteFile("/search/p/72-65.1.json")).toBe("search/p/72-65.1.js");
    expect(relativeRouteFile("/search-index.json")).toBe("search-index.json");
    expect(relativeRouteFile("/papers/x/")).toBe("papers/x/index.html");
  });

  it("hands a fragment to the loader, record URLs relative to the search page", () => {
    const records = JSON.stringify([["paper", "ResNet", "/papers/resnet/", "", ""]]);
    expect(searchPartScript("/search/r/0.json", records, "")).toBe(
      'jingduSearch.load("r/0.json",[["paper","ResNet","../papers/resnet/index.html","",""]]);\n',
    );
    expect(searchPartScript("/search/t/72.json", '{"re":[1,2]}\n', "")).toBe(
      'jingduSearch.load("t/72.json",{"re":[1,2]});\n',
    );
  });
});
