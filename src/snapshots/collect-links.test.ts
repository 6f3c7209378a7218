import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyProgress, type Library } from "../core/index.js";
import { makePaper } from "../core/make-items.js";
import { collectLinks, extractNoteLinks } from "./collect-links.js";

describe("extractNoteLinks", () => {
  it("finds Markdown links, autolinks, bare URLs and hrefs, skipping code", () => {
    const md = [
      "See [the post](https://a.org/p?x=1#sec) and <https://b.org/>.",
      "Wiki: https://en.wikipedia.org/wiki/Foo_(bar)。",
      "```",
      "https://in-code.example/",
      "```",
      '`https://span.example/` and <a href="https://c.org/x">c</a>',
      "[ref]: https://d.org/ref",
    ].join("\n");
    expect(extractNoteLinks(md)).toEqual([
      { url: "https://a.org/p?x=1", line: 1 },
      { url: "https://b.org/", line: 1 },
      { url: "https://en.wikipedia.org/wiki/Foo_(bar)", line: 2 },
      { url: "https://c.org/x", line: 6 },
      { url: "https://d.org/ref", line: 7 },
    ]);
  });
});

describe("extractNoteLinks in Chinese text", () => {
  it("ends a URL at full-width punctuation and Han characters that follow without a space", () => {
    const note =
      "读这篇：[文章](https://a.org/article)，还有 <https://b.org/x>。以及 https://c.org/p，完。";
    expect(extractNoteLinks(note).map((l) => l.url)).toEqual([
      "https://a.org/article",
      "https://b.org/x",
      "https://c.org/p",
    ]);
  });
});

describe("collectLinks", () => {
  it("collects notes, catalog links and references with file lines and origin", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-collect-"));
    await mkdir(join(root, "papers"));
    const paperText = `---\nshort: ResNet\nlinks:\n  - { url: "https://arxiv.org/pdf/1512.03385", kind: pdf }\n---\nIntro.\n\nRead https://zhuanlan.zhihu.com/p/1 now.\n`;
    await writeFile(join(root, "papers/resnet.md"), paperText);
    await writeFile(
      join(root, "references.yaml"),
      "- url: https://zhuanlan.zhihu.com/p/1\n  archived: /backup/x.html\n  origin: seed.txt\n",
    );
    const library: Library = {
      settings: { title: "t", language: "zh", version: 1 },
      categories: [],
      papers: [
        makePaper({
          id: "resnet",
          short: "ResNet",
          links: [{ url: "https://arxiv.org/pdf/1512.03385", kind: "pdf" }],
          notes: "Intro.\n\nRead https://zhuanlan.zhihu.com/p/1 now.",
          at: { file: "papers/resnet.md", line: 1 },
        }),
      ],
      courses: [],
      progress: emptyProgress(),
      references: [
        { url: "https://zhuanlan.zhihu.com/p/1", archived: "/backup/x.html", origin: "seed.txt" },
      ],
    };
    const links = await collectLinks(library, { root });
    await rm(root, { recursive: true, force: true });
    expect(links).toEqual([
      {
        url: "https://arxiv.org/pdf/1512.03385",
        host: "arxiv.org",
        citations: [{ file: "papers/resnet.md", line: 4, kind: "paper-link" }],
      },
      {
        url: "https://zhuanlan.zhihu.com/p/1",
        host: "zhuanlan.zhihu.com",
        citations: [
          { file: "papers/resnet.md", line: 8, kind: "note" },
          { file: "references.yaml", line: 1, kind: "reference" },
        ],
        origin: { archived: "/backup/x.html", origin: "seed.txt" },
      },
    ]);
  });
});
