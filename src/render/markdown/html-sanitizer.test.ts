import { describe, expect, it } from "vitest";
import { sanitizeNoteHtml, VIDEO_EMBED_ORIGINS, videoEmbedUrl } from "./html-sanitizer.js";
import { isAllowedMarkdownUrl as isAllowedUrl } from "./url-policy.js";

describe("sanitizeNoteHtml", () => {
  it("keeps harmless hand-written HTML", () => {
    const html =
      "<details open><summary>更多</summary><p>x<sup>2</sup> <kbd>Ctrl</kbd></p></details>";
    expect(sanitizeNoteHtml(html)).toBe(html);
  });

  it("shows a YouTube embed from youtube-nocookie, the only YouTube origin the CSP frames", () => {
    for (const host of ["www.youtube.com", "youtube.com", "www.youtube-nocookie.com"]) {
      const out = sanitizeNoteHtml(`<iframe src="https://${host}/embed/nzqlFIcCSWQ"></iframe>`);
      expect(out, host).toContain('src="https://www.youtube-nocookie.com/embed/nzqlFIcCSWQ"');
    }
    expect(VIDEO_EMBED_ORIGINS).toEqual([
      "https://player.bilibili.com",
      "https://www.youtube-nocookie.com",
    ]);
  });

  it("keeps only allowed inline styles", () => {
    expect(
      sanitizeNoteHtml('<span style="color:#c00;position:fixed;background:url(x)">x</span>'),
    ).toBe('<span style="color:#c00">x</span>');
    expect(sanitizeNoteHtml('<td style="text-align:right">1</td>')).toContain(
      'style="text-align:right"',
    );
  });

  it("adds rel to external links written as HTML", () => {
    expect(sanitizeNoteHtml('<a href="https://example.com" target="_blank">x</a>')).toBe(
      '<a href="https://example.com" rel="noopener noreferrer">x</a>',
    );
  });

  it("lets images be PNG/JPEG/GIF/WebP data URLs only", () => {
    expect(sanitizeNoteHtml('<img src="data:image/webp;base64,AAAA">')).toContain(
      'src="data:image/webp;base64,AAAA"',
    );
    expect(sanitizeNoteHtml('<img src="data:image/svg+xml;base64,AAAA">')).not.toContain("src=");
    expect(sanitizeNoteHtml('<a href="data:image/png;base64,AAAA">x</a>')).toBe("<a>x</a>");
  });

  it("drops an iframe that is not a known video player, with its content", () => {
    expect(sanitizeNoteHtml('<p>a<iframe src="https://evil.example/">fallback</iframe>b</p>')).toBe(
      "<p>ab</p>",
    );
  });
});

describe("videoEmbedUrl", () => {
  it.each([
    [
      "//player.bilibili.com/player.html?bvid=BV1x&p=2",
      "https://player.bilibili.com/player.html?bvid=BV1x&p=2",
    ],
    [
      "https://www.youtube-nocookie.com/embed/nzqlFIcCSWQ",
      "https://www.youtube-nocookie.com/embed/nzqlFIcCSWQ",
    ],
    [
      "https://www.youtube.com/embed/nzqlFIcCSWQ?start=60",
      "https://www.youtube-nocookie.com/embed/nzqlFIcCSWQ?start=60",
    ],
  ])("allows %s", (src, expected) => {
    expect(videoEmbedUrl(src)).toBe(expected);
  });

  it.each([
    "http://player.bilibili.com/player.html",
    "https://www.youtube.com/watch?v=x",
    "https://www.youtube.com/embed/../redirect",
    "https://user@www.youtube.com/embed/x",
    "https://www.youtube.com:8443/embed/x",
    "https://evil.example/embed/x",
    "//constructor/player.html",
    "javascript:alert(1)",
    "player.html",
  ])("refuses %s", (src) => {
    expect(videoEmbedUrl(src)).toBeUndefined();
  });
});

describe("isAllowedUrl", () => {
  it.each([
    "https://a.example/",
    "http://a",
    "mailto:a@b.c",
    "/papers/x/",
    "#fn1",
    "images/a:b.png",
    "//cdn.example/x",
  ])("allows %s", (url) => expect(isAllowedUrl(url)).toBe(true));
  it.each([
    "javascript:alert(1)",
    " JavaScript:x",
    "java\tscript:x",
    "vbscript:x",
    "file:///etc/passwd",
    "data:text/html,x",
    "data:image/svg+xml,x",
    "tel:1",
  ])("refuses %s", (url) => expect(isAllowedUrl(url)).toBe(false));
});
