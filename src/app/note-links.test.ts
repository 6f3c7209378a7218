import { describe, expect, it } from "vitest";
import { makeCourse, makeEpisode, makeLibrary, makePaper } from "../core/make-items.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createSiteRoutes } from "./create-site-routes.js";

const markdown = createMarkdownProcessor();
const now = () => new Date("2024-07-10T08:00:00Z");
const text = (body: string | Uint8Array) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

function library() {
  return makeLibrary({
    settings: { title: "t", language: "zh", version: 1 },
    papers: [
      makePaper({
        id: "resnet",
        short: "ResNet",
        title: "Deep Residual Learning for Image Recognition",
        authors: ["Kaiming He", "Jian Sun"],
        year: 2016,
        venue: "CVPR",
        ids: { arxiv: "1512.03385", doi: "10.1109/CVPR.2016.90" },
        citekey: "he2016deep",
        tags: ["cv"],
        notes: "## Method\n\nShortcuts. #残差 #cv",
      }),
      makePaper({
        id: "densenet",
        short: "DenseNet",
        notes: "Builds on [@he2016deep, p. 3] and [[ResNet#Method]]; see [[limu/1|the video]].",
      }),
    ],
    courses: [
      makeCourse({
        id: "limu",
        title: "精读",
        episodes: [
          makeEpisode({
            courseId: "limu",
            number: 1,
            title: "ResNet 精读",
            notes: "As @resnet says; [[Deep Residual Learning for Image Recognition]]",
          }),
        ],
      }),
    ],
  });
}

describe("note links on the site's pages", () => {
  const site = createSiteRoutes(library(), { markdown, baseUrl: "/s/", now });
  const page = (path: string) => text(site.render(path).body);

  it("links citations and Obsidian links to their pages and anchors", () => {
    const body = page("/papers/densenet/");
    expect(body).toContain(
      '<span class="cite">[<a class="xref" href="/s/papers/resnet/">ResNet</a>, p. 3]</span>',
    );
    expect(body).toContain('<a class="xref" href="/s/papers/resnet/#method">ResNet › Method</a>');
    expect(body).toContain('<a class="xref" href="/s/courses/limu/1/">the video</a>');
    // The heading's anchor on the target page is the one linked to.
    expect(page("/papers/resnet/")).toContain('<h2 id="method">');
  });

  it("ends a citing note with its bibliography, in the library's language", () => {
    const body = page("/papers/densenet/");
    expect(body).toContain('<section class="bibliography"><h2>参考文献</h2>');
    expect(body).toContain(
      '<li>Kaiming He, Jian Sun (2016). <a class="xref" href="/s/papers/resnet/">Deep Residual Learning for Image Recognition</a>. <em>CVPR</em>.',
    );
    expect(body).toContain('href="https://doi.org/10.1109/CVPR.2016.90"');
  });

  it("lists on each page the notes that link to it", () => {
    const resnet = page("/papers/resnet/");
    const backlinks = resnet.slice(resnet.indexOf('id="backlinks"'));
    expect(backlinks).toContain("被以下笔记引用");
    expect(backlinks).toContain('<a href="/s/papers/densenet/">DenseNet</a>');
    expect(backlinks).toContain('<a href="/s/courses/limu/1/">ResNet 精读</a>');
    expect(page("/courses/limu/1/")).toContain('<a href="/s/papers/densenet/">DenseNet</a>');
    // A page lists no backlinks section when no note links to it, nor itself.
    expect(page("/papers/densenet/")).not.toContain('id="backlinks"');
  });

  it("adds a note's #tags to the paper's tags and catalog facets", () => {
    const resnet = page("/papers/resnet/");
    expect(resnet).toContain('<span class="tag">#残差</span>');
    const tags = resnet.slice(resnet.indexOf('id="tags"'), resnet.indexOf('id="episodes"'));
    expect(tags.match(/\?tag=[^"]+/g)).toEqual([`?tag=cv`, `?tag=${encodeURIComponent("残差")}`]);
    expect(page("/papers/")).toContain('data-facets="tag=cv&amp;tag=残差"');
    expect(resnet).toContain('<code class="citekey">he2016deep</code>');
    expect(resnet).toContain('data-copy="he2016deep"');
  });
});
