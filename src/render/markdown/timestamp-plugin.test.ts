import { describe, expect, it } from "vitest";
import { createMarkdownProcessor } from "./markdown-processor.js";
import type { RenderContext } from "./render-env.js";
import { timestampUrl } from "./timestamp-plugin.js";

const md = createMarkdownProcessor();
const bilibili: RenderContext = {
  file: "courses/limu/episodes/007.md",
  kind: "episode",
  episodeVideo: { site: "bilibili", id: "BV1pu411o7BE" },
};
const render = (text: string, context: RenderContext = bilibili) => md.render(text, context).html;
const tsLinks = (html: string) =>
  [...html.matchAll(/<a class="ts" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [
    m[2],
    m[1]?.replaceAll("&amp;", "&"),
  ]);

describe("timestamps", () => {
  it("links [46:18] and 1:02:03 into the bilibili video at that second", () => {
    const html = render("见 [46:18]，以及 1:02:03 处的推导。");
    expect(tsLinks(html)).toEqual([
      ["46:18", "https://www.bilibili.com/video/BV1pu411o7BE/?t=2778"],
      ["1:02:03", "https://www.bilibili.com/video/BV1pu411o7BE/?t=3723"],
    ]);
    expect(html).toContain("见 <a");
    expect(html).not.toContain("[46:18]");
  });

  it("adds the part for bilibili parts after the first", () => {
    const context = {
      ...bilibili,
      episodeVideo: { site: "bilibili" as const, id: "BV1x", part: 3 },
    };
    expect(tsLinks(render("06:39", context))).toEqual([
      ["06:39", "https://www.bilibili.com/video/BV1x/?t=399&p=3"],
    ]);
    expect(timestampUrl({ site: "bilibili", id: "BV1x", part: 1 }, 5)).toBe(
      "https://www.bilibili.com/video/BV1x/?t=5",
    );
  });

  it("links into YouTube", () => {
    const context = { ...bilibili, episodeVideo: { site: "youtube" as const, id: "nzqlFIcCSWQ" } };
    expect(tsLinks(render("at 46:18", context))).toEqual([
      ["46:18", "https://www.youtube.com/watch?v=nzqlFIcCSWQ&t=2778s"],
    ]);
  });

  it.each([
    ["a ratio 12:30:45:10", "longer than a time"],
    ["version v1:20", "glued to a letter"],
    ["2024-07-09 12:30", "a clock time after a date"],
    ["2024-07-09T12:30:00", "an ISO date-time"],
    ["61:30 or 1:75:00 or 10:60", "minutes or seconds past 59"],
    ["3.14:15 and 1:20/2", "part of a number"],
    ["score 16:9", "one-digit seconds"],
  ])("leaves %s alone (%s)", (text) => {
    expect(tsLinks(render(text))).toEqual([]);
  });

  it("leaves code, math and links alone", () => {
    const html = render('`46:18` $46:18$ [at 46:18](https://example.com) <a href="/x">46:18</a>');
    expect(tsLinks(html)).toEqual([]);
  });

  it("keeps a lone bracket as text", () => {
    expect(render("[46:18 and 47:00]")).toContain('[<a class="ts"');
  });

  it("does nothing in paper notes or without a video", () => {
    expect(tsLinks(render("46:18", { file: "p.md", kind: "paper" }))).toEqual([]);
    expect(tsLinks(render("46:18", { file: "e.md", kind: "episode" }))).toEqual([]);
  });
});
