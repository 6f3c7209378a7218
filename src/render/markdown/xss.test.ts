import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";
import type { RenderContext } from "./render-env.js";

const CORPUS = fileURLToPath(new URL("../../../test/fixtures/xss/payloads.txt", import.meta.url));

/** Entries of the corpus: separated by lines of exactly `%%`; the text before the first is a header. */
function loadPayloads(): string[] {
  return readFileSync(CORPUS, "utf8")
    .split(/\r?\n%%\r?\n/)
    .slice(1)
    .map((entry) => entry.replace(/\r?\n$/, ""));
}

interface Tag {
  name: string;
  attributes: [string, string][];
}

/** Start tags and their attributes, as a browser would see them in serialized HTML. */
function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attributes: [string, string][] = [];
    const body = match[2] ?? "";
    for (const attr of body.matchAll(
      /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g,
    )) {
      attributes.push([
        (attr[1] ?? "").toLowerCase(),
        decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? ""),
      ]);
    }
    tags.push({ name: (match[1] ?? "").toLowerCase(), attributes });
  }
  return tags;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(
      /&(colon|tab|newline|quot|amp|lt|gt|apos);/gi,
      (_, name: string) =>
        ({
          colon: ":",
          tab: "\t",
          newline: "\n",
          quot: '"',
          amp: "&",
          lt: "<",
          gt: ">",
          apos: "'",
        })[name.toLowerCase() as "colon"] ?? "",
    );
}

const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "xlink:href",
  "action",
  "formaction",
  "data",
  "background",
  "poster",
  "srcset",
  "cite",
  "lowsrc",
  "dynsrc",
]);
const FORBIDDEN_TAGS = new Set([
  "script",
  "style",
  "object",
  "embed",
  "form",
  "meta",
  "base",
  "link",
  "input",
  "button",
  "textarea",
  "isindex",
  "frame",
  "frameset",
  "applet",
]);
const VIDEO_EMBED =
  /^https:\/\/(?:player\.bilibili\.com\/player\.html|www\.youtube-nocookie\.com\/embed\/)/;

/** What is dangerous in rendered HTML; an empty list means the HTML is inert. */
function findDangers(html: string): string[] {
  const dangers: string[] = [];
  if (/<script/i.test(html)) dangers.push("<script");
  for (const tag of startTags(html)) {
    if (FORBIDDEN_TAGS.has(tag.name)) dangers.push(`<${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      if (/^on/.test(name)) dangers.push(`${tag.name} ${name}=`);
      if (name === "srcdoc") dangers.push(`${tag.name} srcdoc`);
      if (name === "style" && /url\s*\(|expression|javascript|@import/i.test(value)) {
        dangers.push(`${tag.name} style=${value}`);
      }
      if (!URL_ATTRIBUTES.has(name)) continue;
      const url = [...value]
        .filter((c) => c.charCodeAt(0) > 0x20 && c.trim() !== "")
        .join("")
        .toLowerCase();
      if (/^(?:javascript|vbscript|livescript):/.test(url))
        dangers.push(`${tag.name} ${name}=${value}`);
      const imageData = /^data:image\/(?:png|jpeg|gif|webp)[;,]/.test(url);
      if (url.startsWith("data:") && !(imageData && tag.name === "img")) {
        dangers.push(`${tag.name} ${name}=${value}`);
      }
      if (tag.name === "iframe" && name === "src" && !VIDEO_EMBED.test(value)) {
        dangers.push(`iframe src=${value}`);
      }
    }
  }
  return dangers;
}

const context: RenderContext = {
  file: "xss.md",
  kind: "episode",
  episodeVideo: { site: "bilibili", id: "BV1pu411o7BE" },
  // `@x` is a citation key: its bibliography entry is made of hostile model fields.
  resolveItem: (ref) =>
    ref === "x" || ref === "@x"
      ? {
          href: "/papers/x/",
          title: "X",
          work: {
            authors: ["<img src=x onerror=alert(1)>"],
            title: "<script>alert(1)</script>",
            venue: '"><svg onload=alert(1)>',
            arxiv: '"><script>alert(1)</script>',
            doi: "javascript:alert(1)",
          },
        }
      : undefined,
};

describe("XSS corpus", () => {
  const payloads = loadPayloads();

  it("has at least 50 payloads", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50);
  });

  it("is caught by the checker when not sanitized (the checker can fail)", () => {
    const flagged = payloads.filter((payload) => findDangers(payload).length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(40);
    expect(findDangers('<a href="&#106;avascript&colon;x">')).not.toEqual([]);
    expect(findDangers("<img src=x onerror=alert(1)>")).toEqual(["img onerror="]);
    expect(findDangers('<iframe src="https://evil.example/"></iframe>')).not.toEqual([]);
  });

  for (const sanitize of ["raw-html", "always"] as const) {
    const md = createMarkdownProcessor({ sanitize });
    it.each(payloads.map((payload, i) => [i + 1, payload]))(
      `renders payload %i inert (sanitize: ${sanitize})`,
      (_, payload) => {
        const { html } = md.render(payload as string, context);
        expect(findDangers(html), html).toEqual([]);
      },
    );
  }

  it("keeps what is allowed: video embeds, image data URLs, KaTeX", () => {
    const md = createMarkdownProcessor();
    const { html } = md.render(
      [
        '<iframe src="//player.bilibili.com/player.html?bvid=BV1pu411o7BE&page=1" width="640" height="360" onload="x()"></iframe>',
        "",
        "![dot](data:image/png;base64,iVBORw0KGgo=)",
        "",
        "<p>$x$ and <b>bold</b></p>",
        "",
        "$\\sqrt{x^2}$",
      ].join("\n"),
      context,
    );
    expect(html).toContain(
      '<iframe src="https://player.bilibili.com/player.html?bvid=BV1pu411o7BE&amp;page=1"',
    );
    expect(html).toContain('width="640" height="360"');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain("<b>bold</b>");
    expect(html).toContain('<span class="katex">');
    expect(html).toContain("<svg");
    expect(findDangers(html)).toEqual([]);
  });
});
