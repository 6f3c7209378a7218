import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEASON, serveBilibiliLists } from "../../../test/support/bilibili-lists-fake.js";
import {
  type BilibiliSubtitlesFake,
  GOOD_SESSDATA,
  SUBTITLE_PATH,
  serveBilibiliSubtitles,
} from "../../../test/support/bilibili-subtitles-fake.js";
import { type FakeApi, startFakeApi } from "../../../test/support/fake-api.js";
import { ResponseFormatError } from "../http/index.js";

const COOKIE = `SESSDATA=${GOOD_SESSDATA}`;
const CID = "25678317262";

describe("a part's subtitles (SHAPED player answer on the fake server)", () => {
  let server: FakeApi;
  let fake: BilibiliSubtitlesFake;
  beforeAll(async () => {
    server = await startFakeApi();
    serveBilibiliLists(server);
    fake = serveBilibiliSubtitles(server);
  });
  afterAll(() => server.close());

  it("lists the AI subtitle with every digit of its id, its file on the fake; nav asked once for lists and player", async () => {
    const sources = server.sources();
    const navs = () => server.count({ path: "/x/web-interface/nav" });
    const before = navs();
    await sources.bilibili.getSeason(SEASON.mid, SEASON.id);
    const listed = await sources.bilibili.listSubtitles("BV1wE4m1R7cu", CID, COOKIE);
    expect(navs() - before).toBe(1);
    expect(listed).toEqual({
      notLoggedIn: false,
      tracks: [
        {
          id: "1042985852759993344",
          lan: "ai-zh",
          lanDoc: "中文（自动生成）",
          ai: true,
          url: expect.stringContaining(`${server.url}${SUBTITLE_PATH}?auth_key=`),
        },
      ],
    });
    const body = JSON.parse(await sources.bilibili.fetchSubtitle(listed.tracks[0] as never));
    expect(body.body[2]).toMatchObject({ from: 754, content: "梯度消失的问题就这样解决了" });
  });

  it("says not logged in when bilibili lists nothing for want of a login", async () => {
    const sources = server.sources();
    const listed = await sources.bilibili.listSubtitles("BV1wE4m1R7cu", CID, "SESSDATA=old");
    expect(listed).toEqual({ notLoggedIn: true, tracks: [] });
  });

  it("waits subtitleGap from one part's request to the next", async () => {
    const sources = server.sources({
      tweak: (s) => {
        s.bilibiliSubtitleGapMs = 10_000;
      },
    });
    await sources.bilibili.listSubtitles("BV1wE4m1R7cu", CID, COOKIE);
    await sources.bilibili.listSubtitles("BV1wE4m1R7cu", "25681134366", COOKIE);
    expect(Math.max(...sources.sleeps)).toBeGreaterThanOrEqual(9_000);
    expect(fake.player.at(-1)?.query.get("cid")).toBe("25681134366");
  });

  it("fetches a subtitle file only from bilibili's CDN or the API's own host", async () => {
    const sources = server.sources();
    const asked = server.requests.length;
    const track = { id: "1", lan: "zh-CN", lanDoc: "中文", ai: false };
    for (const url of ["https://example.org/s.json", "http://i0.hdslb.com/s.json", ""]) {
      await expect(sources.bilibili.fetchSubtitle({ ...track, url })).rejects.toBeInstanceOf(
        ResponseFormatError,
      );
    }
    expect(server.requests.length).toBe(asked);
  });
});
