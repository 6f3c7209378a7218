import { describe, expect, it } from "vitest";
import { describeWithFixtures, useFakeApi } from "../../../test/support/fake-api.js";
import { NotFoundError, SourceBlockedError } from "../http/index.js";
import { BilibiliNotFoundError } from "./bilibili-client.js";
import { parseBilibiliRef } from "./bvid.js";
import { parseBilibiliListRef } from "./list-ref.js";

describe("parseBilibiliRef", () => {
  it.each([
    ["bilibili:BV1wE4m1R7cu", { bvid: "BV1wE4m1R7cu" }],
    ["BV1wE4m1R7cu", { bvid: "BV1wE4m1R7cu" }],
    ["https://www.bilibili.com/video/BV1H44y1t75x/?t=398&spm_id_from=x", { bvid: "BV1H44y1t75x" }],
    ["https://www.bilibili.com/video/BV1wE4m1R7cu?p=2", { bvid: "BV1wE4m1R7cu", part: 2 }],
    [
      "https://player.bilibili.com/player.html?bvid=BV1wE4m1R7cu&page=2",
      { bvid: "BV1wE4m1R7cu", part: 2 },
    ],
  ])("%s", (input, expected) => {
    expect(parseBilibiliRef(input)).toEqual(expected);
  });
  it("rejects other sites and malformed ids", () => {
    expect(parseBilibiliRef("https://www.youtube.com/watch?v=BV1wE4m1R7cu")).toBeUndefined();
    expect(parseBilibiliRef("BV1wE4m1R7c0")).toBeUndefined();
  });
});

describeWithFixtures("bilibili client replaying recorded responses", () => {
  const api = useFakeApi();
  const view = "/x/web-interface/view";

  it("reads a single-part video: title, runtime, date, cover, views", async () => {
    const { video } = await api.sources.bilibili.getVideo("BV1X54y1C74U");
    expect(video.bvid).toBe("BV1X54y1C74U");
    expect(video.parts).toHaveLength(1);
    expect(video.duration).toBeGreaterThan(0);
    expect(video.views).toBeGreaterThan(0);
    expect(video.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(video.cover).toMatch(/hdslb\.com/);
  });

  it("survives ids beyond 2^53 (subtitle ids) without losing digits elsewhere", async () => {
    const { video } = await api.sources.bilibili.getVideo("BV1Et4y1r7Eu");
    expect(video.bvid).toBe("BV1Et4y1r7Eu");
    expect(typeof video.aid).toBe("string");
  });

  it("reads the parts of a multi-part video", async () => {
    const { video } = await api.sources.bilibili.getVideo("BV1wE4m1R7cu");
    expect(video.parts.map((p) => [p.part, p.title, p.duration])).toEqual([
      [1, "上集", 6291],
      [2, "下集", 7861],
    ]);
    expect(video.duration).toBe(14152);
    expect(video.date).toBe("2024-09-02");
    expect(video.parts[0]?.cid).toBe("25678317262");
  });

  it("reads the collection (ugc_season) a video belongs to", async () => {
    const { video } = await api.sources.bilibili.getVideo("BV1tN4y1F79k");
    expect(video.season?.title).toBe("《黑神话：悟空》6分钟实机剧情片段");
    expect(video.season?.episodes.map((e) => e.bvid)).toEqual(["BV1tN4y1F79k", "BV1Ye4y1f7kA"]);
  });

  it("turns -400 into a clear not-found message", async () => {
    const err = await api.sources.bilibili.getVideo("BV1UnExisted").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BilibiliNotFoundError);
    expect((err as NotFoundError).detail).toMatch(/BVID is probably wrong/);
  });

  it.each([
    ["bilibili/bilibili-view-code-404.OBSERVED.json", 200, /does not exist or was deleted/],
    ["bilibili/bilibili-view-code-62002.OBSERVED.json", 200, /not visible/],
  ])("turns %s into a clear not-found message", async (fixture, status, message) => {
    api.server.script({ path: view }, { status, fixture });
    const err = await api.sources.bilibili.getVideo("BV1xx411c7mD").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).detail).toMatch(message);
  });

  it.each([
    ["bilibili/bilibili-code-412-blocked.OBSERVED.json", 412],
    ["synthetic:bilibili-view-code-412-banned.synthetic.json", 412],
    ["bilibili/bilibili-code-412-blocked.OBSERVED.json", 200],
  ])(
    "turns -412 (%s, HTTP %i) into a blocked-source error, without retrying",
    async (fixture, status) => {
      const before = api.server.count({ path: view });
      api.server.script({ path: view }, { status, fixture });
      const err = await api.sources.bilibili.getVideo("BV1xx411c7mD").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceBlockedError);
      expect((err as SourceBlockedError).hint).toMatch(/few hours/);
      expect(api.server.count({ path: view }) - before).toBe(1);
    },
  );

  it("treats an HTML 412 page as blocked too", async () => {
    api.server.script(
      { path: view },
      { status: 412, body: "<html>blocked</html>", headers: { "content-type": "text/html" } },
    );
    await expect(api.sources.bilibili.getVideo("BV1xx411c7mD")).rejects.toBeInstanceOf(
      SourceBlockedError,
    );
  });
});

describe("parseBilibiliListRef", () => {
  it.each([
    [
      "https://space.bilibili.com/1567748478/channel/collectiondetail?sid=32744",
      { kind: "season", mid: "1567748478", id: "32744" },
    ],
    [
      "https://space.bilibili.com/37737161/channel/seriesdetail?sid=2158988&ctype=0",
      { kind: "series", mid: "37737161", id: "2158988" },
    ],
    [
      "https://space.bilibili.com/690151424/lists/8495686?type=season",
      { kind: "season", mid: "690151424", id: "8495686" },
    ],
    [
      "https://space.bilibili.com/690151424/lists/123456?type=series",
      { kind: "series", mid: "690151424", id: "123456" },
    ],
    ["bilibili:season:37737161:1227671", { kind: "season", mid: "37737161", id: "1227671" }],
    ["bilibili:season:1227671", { kind: "season", mid: "0", id: "1227671" }],
    ["bilibili:series:37737161:2158988", { kind: "series", mid: "37737161", id: "2158988" }],
  ])("%s", (input, expected) => {
    expect(parseBilibiliListRef(input)).toEqual(expected);
  });
  it("rejects videos, other hosts and a series without its uploader", () => {
    expect(parseBilibiliListRef("https://www.bilibili.com/video/BV1wE4m1R7cu")).toBeUndefined();
    expect(parseBilibiliListRef("https://space.example.com/1/lists/2?type=season")).toBeUndefined();
    expect(parseBilibiliListRef("bilibili:series:2158988")).toBeUndefined();
  });
});
