import { describe, expect, it } from "vitest";
import { checkInternalLinks, createLinkChecker, locateInNote } from "./link-check.js";

const files = new Set([
  "index.html",
  "papers/resnet/index.html",
  "assets/site.css",
  "files/a b.png",
]);
const unresolved = (pages: Record<string, string>, basePath = "") =>
  checkInternalLinks(new Map(Object.entries(pages)), files, basePath).map((d) => [
    d.file,
    d.message.split(" ")[0],
  ]);

describe("checkInternalLinks", () => {
  it("resolves root-relative, relative and base-path refs against each page like a browser", () => {
    expect(
      unresolved({
        "/": '<link href="/assets/site.css"><a href="papers/resnet/">r</a><img src="files/a%20b.png">',
        "/papers/resnet/": '<a href="../../">home</a> <a href="../resnet/#method">m</a>',
      }),
    ).toEqual([]);
    expect(
      unresolved(
        { "/papers/resnet/": '<a href="/notes/">home</a> <a href="../../x/">x</a>' },
        "/notes",
      ),
    ).toEqual([["papers/resnet/index.html", "../../x/"]]);
  });

  it("reports each dangling ref once per page, and ignores fragments, other sites and non-attributes", () => {
    const problems = unresolved({
      "/": [
        '<a href="/gone/">1</a><a href="/gone/">2</a>',
        '<a href="#top">top</a><a href="">self</a><a href="https://example.org/x">ext</a>',
        '<a data-href="/nope/">not an href</a><a title="see href=&quot;x" href="/papers/resnet/?a=1&amp;b=2">q</a>',
        '<img alt="" src="/files/missing.png">',
      ].join("\n"),
      "/papers/resnet/": '<a href="/gone/">again</a>',
    });
    expect(problems).toEqual([
      ["index.html", "/gone/"],
      ["index.html", "/files/missing.png"],
      ["papers/resnet/index.html", "/gone/"],
    ]);
  });
});

describe("a dead ref of a note", () => {
  it("is told at the note's file and line (front matter counted), others at the page", () => {
    const check = createLinkChecker(files, "");
    const note = {
      markdown: "First line.\n\nSee ![图](files/图.png) and [x](../gone/).\n",
      context: { file: "papers/resnet.md", lineOffset: 9 },
    };
    const page =
      '<a href="/gone-nav/">nav</a><img src="files/%E5%9B%BE.png"><a href="../gone/">x</a>';
    const problems = check("/papers/resnet/", page, locateInNote(note));
    expect(problems.map((d) => [d.file, d.line, d.message.split(" ")[0]])).toEqual([
      ["papers/resnet/index.html", 0, "/gone-nav/"],
      ["papers/resnet.md", 12, "files/%E5%9B%BE.png"],
      ["papers/resnet.md", 12, "../gone/"],
    ]);
    expect(problems[1]?.message).toContain("(on papers/resnet/index.html)");
  });
});
