import { describe, expect, it } from "vitest";
import { videoAt } from "./resume-link.js";

describe("a video link at a position", () => {
  it("bilibili: t= in seconds, with the part of a multi-part video", () => {
    const url = "https://www.bilibili.com/video/BV1pu411o7BE/";
    expect(videoAt({ site: "bilibili", id: "BV1pu411o7BE", url }, 2778)).toBe(`${url}?t=2778`);
    expect(videoAt({ site: "bilibili", id: "BV1pu411o7BE", part: 3, url }, 61.6)).toBe(
      `${url}?p=3&t=61`,
    );
  });

  it("YouTube: t= beside the video id; other sites take no time", () => {
    expect(
      videoAt(
        { site: "youtube", id: "nzqlFIcCSWQ", url: "https://www.youtube.com/watch?v=nzqlFIcCSWQ" },
        2778,
      ),
    ).toBe("https://www.youtube.com/watch?v=nzqlFIcCSWQ&t=2778");
    expect(videoAt({ site: "zhihu", url: "https://www.zhihu.com/zvideo/1" }, 10)).toBeUndefined();
  });

  it("never for a URL the policy refuses", () => {
    expect(videoAt({ site: "youtube", url: "javascript:alert(1)" }, 10)).toBeUndefined();
  });
});
