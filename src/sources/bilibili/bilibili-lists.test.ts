import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BilibiliListsFake,
  extraArchive,
  SEASON,
  SERIES,
  serveBilibiliLists,
} from "../../../test/support/bilibili-lists-fake.js";
import { type FakeApi, startFakeApi } from "../../../test/support/fake-api.js";
import type { TestSources } from "../../../test/support/test-sources.js";
import { SourceBlockedError } from "../http/index.js";
import { createBilibiliListClient } from "./bilibili-lists.js";

describe("bilibili 合集, 系列 and page lists (SHAPED answers on the fake server)", () => {
  let server: FakeApi;
  let sources: TestSources;
  let fake: BilibiliListsFake;
  beforeAll(async () => {
    server = await startFakeApi();
    fake = serveBilibiliLists(server);
    sources = server.sources();
  });
  afterAll(() => server.close());

  it("lists a 合集 with WBI-signed requests: title, runtimes, dates, links in its order", async () => {
    const { listing } = await sources.bilibili.getSeason(SEASON.mid, SEASON.id);
    expect(fake.unsigned).toBe(0);
    expect(listing).toMatchObject({
      kind: "bilibili-collection",
      id: SEASON.id,
      title: SEASON.title,
      url: `https://space.bilibili.com/${SEASON.mid}/channel/collectiondetail?sid=${SEASON.id}`,
    });
    expect(listing.items.map((i) => [i.videoId, i.duration, i.date, i.url])).toEqual([
      ["BV1XN411K7g9", 261, "2023-03-24", "https://www.bilibili.com/video/BV1XN411K7g9/"],
      ["BV1qo4y1L73P", 335, "2023-04-29", "https://www.bilibili.com/video/BV1qo4y1L73P/"],
    ]);
    const season = server.requests.find((r) => r.path.endsWith("seasons_archives_list"));
    expect(season?.query.get("w_rid")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("asks nav for the WBI keys once a day, not once a request", async () => {
    const navs = () => server.count({ path: "/x/web-interface/nav" });
    const before = navs();
    await sources.bilibili.getSeason(SEASON.mid, SEASON.id);
    expect(navs()).toBe(before);
    sources.advance(86_400_000);
    await sources.bilibili.getSeason(SEASON.mid, SEASON.id);
    expect(navs()).toBe(before + 1);
  });

  it("pages through a 合集 and a 系列 until their totals", async () => {
    fake.season.push(extraArchive(3, "BV1Ab411c7dE"));
    const small = createBilibiliListClient(sources.bilibili.http, {
      now: sources.now,
      pageSize: 1,
    });
    const before = server.count({ path: "/x/polymer/web-space/seasons_archives_list" });
    const season = await small.getSeason(SEASON.mid, SEASON.id);
    expect(season.listing.items.map((i) => i.videoId)).toEqual([
      "BV1XN411K7g9",
      "BV1qo4y1L73P",
      "BV1Ab411c7dE",
    ]);
    expect(server.count({ path: "/x/polymer/web-space/seasons_archives_list" }) - before).toBe(3);
    const series = await createBilibiliListClient(sources.bilibili.http, {
      now: sources.now,
      pageSize: 4,
    }).getSeries(SERIES.mid, SERIES.id);
    expect(series.listing).toMatchObject({ kind: "bilibili-series", title: SERIES.title });
    expect(series.listing.items).toHaveLength(6);
    expect(series.listing.items[0]).toMatchObject({
      videoId: "BV1Er4y1r7as",
      title: "Java JVM 虚拟机 已完结（IDEA 2021版本）4K蓝光画质 全程劝退",
      duration: 21585,
    });
    fake.season.pop();
  });

  it("reads a multi-part upload's page list", async () => {
    const parts = await sources.bilibili.getPageList("BV1wE4m1R7cu");
    expect(parts.map((p) => [p.part, p.title, p.duration])).toEqual([
      [1, "上集", 6291],
      [2, "下集", 7861],
    ]);
  });

  it.each([
    [-352, "risk control rejected"],
    [-401, "risk control refused"],
    [-412, "blocked requests"],
  ])("treats %i on a list like -412: blocked, not retried", async (code, message) => {
    const path = "/x/series/archives";
    const before = server.count({ path });
    server.script({ path }, { body: JSON.stringify({ code, message: "x", ttl: 1 }) });
    const err = await sources.bilibili.getSeries(SERIES.mid, SERIES.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceBlockedError);
    expect(String((err as Error).message)).toMatch(message);
    expect(server.count({ path }) - before).toBe(1);
  });
});
