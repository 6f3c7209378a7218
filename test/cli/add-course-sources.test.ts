/**
 * `jingdu add course` from every course source: a yt-dlp playlist file, a YouTube playlist URL,
 * a bilibili 合集 and 系列 (fake server on 127.0.0.1), and `refresh --courses` adding exactly the
 * episodes a grown source has.
 */
import { appendFileSync, copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BilibiliListsFake,
  extraArchive,
  SEASON,
  SERIES,
  serveBilibiliLists,
} from "../support/bilibili-lists-fake.js";
import { describeWithFixtures, type FakeApi, startFakeApi } from "../support/fake-api.js";
import { SYNTHETIC_FIXTURES } from "../support/fake-api-server.js";
import { initialisedLibrary, runCliInProcess } from "../support/run-cli.js";
import {
  PLAYLIST_ID,
  PLAYLIST_TITLE,
  serveYoutubeBrowse,
  type YoutubeBrowseFake,
} from "../support/youtube-browse-fake.js";
import {
  CHANNEL_ID,
  CHANNEL_TITLE,
  serveYoutubeFeed,
  type YoutubeFeedFake,
} from "../support/youtube-feed-fake.js";

interface JsonEpisode {
  number: number;
  title: string;
  runtime?: number;
  date?: string;
  videos: { site: string; id: string; url: string; part?: number }[];
}

describe("add course from a yt-dlp --flat-playlist -J file", () => {
  let lib: string;
  beforeAll(async () => {
    lib = await initialisedLibrary();
    copyFileSync(
      join(SYNTHETIC_FIXTURES, "ytdlp-flat-playlist.SHAPED.json"),
      join(lib, "ncs.json"),
    );
  });

  it("makes one episode per video with title, runtime, link and position; says what it left out", async () => {
    const run = await runCliInProcess(["add", "course", "ncs.json", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const { course, notices } = JSON.parse(run.stdout) as {
      course: { id: string; source: unknown; episodes: JsonEpisode[] };
      notices: string[];
    };
    expect(course.source).toEqual({
      kind: "youtube-playlist",
      id: "PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y",
      url: "https://www.youtube.com/playlist?list=PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y",
    });
    expect(course.episodes.map((e) => [e.number, e.title, e.runtime, e.videos[0]?.url])).toEqual([
      [
        1,
        "Clarx & Harddope - Castle [NCS Release]",
        158,
        "https://www.youtube.com/watch?v=ANygbRCuwZo",
      ],
      [
        2,
        "DEAF KEV - Invincible [NCS Release]",
        273,
        "https://www.youtube.com/watch?v=J2X5mJ3HDYE",
      ],
      [
        3,
        "Cartoon, Jéja - On & On (feat. Daniel Levi) [NCS Release]",
        208,
        "https://www.youtube.com/watch?v=K4DyBUG242c",
      ],
      [
        4,
        "Janji - Heroes Tonight (feat. Johnning) [NCS Release]",
        208,
        "https://www.youtube.com/watch?v=3nQNiWdeH2Q",
      ],
    ]);
    expect(notices).toEqual(["left out entry 2: deleted video"]);
    const files = readdirSync(join(lib, "courses", course.id, "episodes"));
    expect(files).toEqual(["001.md", "002.md", "003.md", "004.md"]);
    const status = JSON.parse((await runCliInProcess(["status", "--json"], { cwd: lib })).stdout);
    expect(status.courses.find((c: { id: string }) => c.id === course.id).episodes.total).toBe(4);
  });

  it("a second add of the same playlist names the course and writes nothing", async () => {
    const run = await runCliInProcess(["add", "course", "ncs.json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Not added: .* is already courses\/.*\/course\.md/);
  });

  it("a file that is not a playlist fails with its name and a hint, writing nothing", async () => {
    const before = readdirSync(join(lib, "courses"));
    copyFileSync(
      join(SYNTHETIC_FIXTURES, "s2-batch-paper.synthetic.json"),
      join(lib, "paper.json"),
    );
    const run = await runCliInProcess(["add", "course", "paper.json"], { cwd: lib });
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/paper\.json: not a yt-dlp playlist/);
    expect(run.stderr).toMatch(/yt-dlp --flat-playlist -J/);
    expect(readdirSync(join(lib, "courses"))).toEqual(before);
    expect(readFileSync(join(lib, "ncs.json"), "utf8")).toContain(
      "PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y",
    );
  });
});

describe("add course from a bilibili 合集 and 系列 (fake server on 127.0.0.1)", () => {
  let lib: string;
  let server: FakeApi;
  let fake: BilibiliListsFake;
  beforeAll(async () => {
    lib = await initialisedLibrary();
    server = await startFakeApi();
    fake = serveBilibiliLists(server);
  });
  afterAll(() => server.close());

  it("a 合集 by its space URL: every video with title, runtime, date, link and position", async () => {
    const url = `https://space.bilibili.com/${SEASON.mid}/channel/collectiondetail?sid=${SEASON.id}`;
    const run = await server.jingdu(["add", "course", url, "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const { course } = JSON.parse(run.stdout) as {
      course: {
        id: string;
        title: string;
        source: unknown;
        episodes: (JsonEpisode & { date: string })[];
      };
    };
    expect(course.title).toBe(SEASON.title);
    expect(course.source).toEqual({ kind: "bilibili-collection", id: SEASON.id, url });
    expect(course.episodes.map((e) => [e.number, e.runtime, e.date, e.videos[0]?.url])).toEqual([
      [1, 261, "2023-03-24", "https://www.bilibili.com/video/BV1XN411K7g9/"],
      [2, 335, "2023-04-29", "https://www.bilibili.com/video/BV1qo4y1L73P/"],
    ]);
    expect(course.episodes[0]?.title).toMatch(/^某些IT社区平台乱象/);
    expect(fake.unsigned).toBe(0);
    const md = readFileSync(join(lib, "courses", course.id, "course.md"), "utf8");
    expect(md).toContain("kind: bilibili-collection");
    const meta = readFileSync(join(lib, "metadata", "bilibili.jsonl"), "utf8");
    expect(meta).toContain("BV1qo4y1L73P");
  });

  it("a 系列 by bilibili:series:MID:ID: its 6 videos oldest first, then the same list is not added twice", async () => {
    const ref = `bilibili:series:${SERIES.mid}:${SERIES.id}`;
    const run = await server.jingdu(["add", "course", ref, "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const { course } = JSON.parse(run.stdout) as {
      course: { id: string; title: string; source: { kind: string }; episodes: JsonEpisode[] };
    };
    expect(course.title).toBe(SERIES.title);
    expect(course.source.kind).toBe("bilibili-series");
    expect(course.episodes.map((e) => [e.number, e.videos[0]?.id, e.runtime])).toEqual([
      [1, "BV1Er4y1r7as", 21585],
      [2, "BV1JT4y1S7K8", 31736],
      [3, "BV1ar4y1J7mC", 26314],
      [4, "BV1tU4y1y7Fg", 10243],
      [5, "BV1YP4y1o75f", 103542],
      [6, "BV1G84y1v7Vj", 19395],
    ]);
    const again = await server.jingdu(["add", "course", ref], { cwd: lib });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Not added: JavaSE基础路线 is already courses\/.*\/course\.md/);
  });

  it("refresh --courses adds exactly the new videos of a grown 合集 and 系列, keeping progress and notes", async () => {
    const list = JSON.parse((await runCliInProcess(["status", "--json"], { cwd: lib })).stdout) as {
      courses: { id: string; title: string }[];
    };
    const seasonId = list.courses.find((c) => c.title === SEASON.title)?.id as string;
    const seriesId = list.courses.find((c) => c.title === SERIES.title)?.id as string;
    const done = await runCliInProcess(["done", `${seasonId}/1`], { cwd: lib });
    expect(done.code, done.stderr).toBe(0);
    const first = join(lib, "courses", seasonId, "episodes", "001.md");
    appendFileSync(first, "\n我的笔记：这一集讲版权。\n");
    const before = readFileSync(first, "utf8");

    const unchanged = await server.jingdu(["refresh", "--courses"], { cwd: lib });
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toMatch(/0 new episode\(s\)/);

    fake.season.push(extraArchive(3, "BV1Ab411c7dE"));
    fake.series.push(extraArchive(7, "BV1Cd411e7fG"), extraArchive(8, "BV1Hi411j7kL"));
    const run = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      added: number;
      courses: {
        course: string;
        outcome: string;
        added: { number: number; title: string; url: string }[];
      }[];
    };
    expect(result.added).toBe(3);
    expect(result.courses.find((c) => c.course === seasonId)?.added).toEqual([
      {
        number: 3,
        title: "新增第 3 集",
        file: `courses/${seasonId}/episodes/003.md`,
        url: "https://www.bilibili.com/video/BV1Ab411c7dE/",
      },
    ]);
    expect(
      result.courses.find((c) => c.course === seriesId)?.added.map((e) => [e.number, e.title]),
    ).toEqual([
      [7, "新增第 7 集"],
      [8, "新增第 8 集"],
    ]);
    expect(readFileSync(first, "utf8")).toBe(before);
    const status = JSON.parse(
      (await runCliInProcess(["status", "--json"], { cwd: lib })).stdout,
    ) as {
      courses: { id: string; episodes: { total: number; done: number } }[];
    };
    expect(status.courses.find((c) => c.id === seasonId)?.episodes).toMatchObject({
      total: 3,
      done: 1,
    });
    expect(status.courses.find((c) => c.id === seriesId)?.episodes.total).toBe(8);
    const episode3 = readFileSync(join(lib, "courses", seasonId, "episodes", "003.md"), "utf8");
    expect(episode3).toContain("runtime: ");

    const again = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
    expect(JSON.parse(again.stdout).added).toBe(0);
  });

  it("a -412 block on refresh stops bilibili for the run and is remembered for the next", async () => {
    const banned = {
      status: 412,
      body: JSON.stringify({ code: -412, message: "request was banned", ttl: 1 }),
    };
    // Whichever list is asked first is blocked; the other is then not asked at all.
    server.script({ path: "/x/polymer/web-space/seasons_archives_list" }, banned);
    server.script({ path: "/x/series/series" }, banned);
    const run = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
    const result = JSON.parse(run.stdout) as { courses: { outcome: string; message: string }[] };
    expect(result.courses.map((c) => c.outcome)).toEqual(["failed", "skipped"]);
    expect(result.courses[0]?.message).toMatch(/-412/);
    expect(result.courses[1]?.message).toMatch(/^not asked: .*-412/);
    expect(run.code).toBe(7);
    const state = readFileSync(join(lib, ".jingdu", "sources-state.json"), "utf8");
    expect(state).toContain('"bilibili"');
    const asked = server.requests.length;
    const later = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
    const outcomes = JSON.parse(later.stdout).courses.map((c: { outcome: string }) => c.outcome);
    expect(outcomes).toEqual(["failed", "skipped"]);
    expect(server.requests.length).toBe(asked);
  });

  it("a list URL jingdu cannot read is refused with the forms it knows", async () => {
    const run = await server.jingdu(["add", "course", "https://space.bilibili.com/1/favlist"], {
      cwd: lib,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a course source jingdu knows/);
    expect(run.stderr).toMatch(/合集 or 系列/);
  });
});

describeWithFixtures(
  "add course from a YouTube playlist URL (innertube browse, fake)",
  (fixtures) => {
    let lib: string;
    let server: FakeApi;
    let fake: YoutubeBrowseFake;
    beforeAll(async () => {
      lib = await initialisedLibrary();
      server = await startFakeApi({ fixturesDir: fixtures });
      fake = serveYoutubeBrowse(server);
    });
    afterAll(() => server.close());

    it("follows the continuation pages: every playable video once, in order, with runtime and link", async () => {
      const url = `https://www.youtube.com/playlist?list=${PLAYLIST_ID}`;
      const run = await server.jingdu(["add", "course", url, "--json"], { cwd: lib });
      expect(run.code, run.stderr).toBe(0);
      const { course, notices } = JSON.parse(run.stdout) as {
        course: { id: string; title: string; source: unknown; episodes: JsonEpisode[] };
        notices: string[];
      };
      expect(fake.bodies.map((b) => b.browseId ?? b.continuation)).toEqual([
        `VL${PLAYLIST_ID}`,
        "<firstContinuationToken>",
        "<secondContinuationToken>",
      ]);
      expect(course.title).toBe(PLAYLIST_TITLE);
      expect(course.source).toEqual({ kind: "youtube-playlist", id: PLAYLIST_ID, url });
      // 3 playable on the first page, 99 distinct of the recorded 100, 2 on the last page.
      expect(course.episodes).toHaveLength(104);
      expect(course.episodes.map((e) => e.number)).toEqual(course.episodes.map((_, i) => i + 1));
      expect(course.episodes[0]).toMatchObject({
        title: "DEAF KEV - Invincible [NCS Release]",
        runtime: 273,
        videos: [
          {
            site: "youtube",
            id: "J2X5mJ3HDYE",
            url: "https://www.youtube.com/watch?v=J2X5mJ3HDYE",
          },
        ],
      });
      expect(course.episodes[3]).toMatchObject({
        title: "Clarx & Harddope - Castle [NCS Release]",
        runtime: 158,
      });
      expect(course.episodes.at(-1)?.videos[0]?.id).toBe("bM7SZ5SBzyY");
      for (const e of course.episodes) {
        expect(e.title.length, `episode ${e.number}`).toBeGreaterThan(0);
        expect(e.runtime, `episode ${e.number}`).toBeGreaterThan(0);
      }
      expect(notices).toEqual([
        "left out 1 deleted or private video(s)",
        "1 video(s) listed twice were added once",
      ]);
    });

    it("refresh --courses adds the videos a playlist and a multi-part upload gained", async () => {
      const lists = serveBilibiliLists(server);
      const video = await server.jingdu(["add", "course", "bilibili:BV1wE4m1R7cu", "--json"], {
        cwd: lib,
      });
      expect(video.code, video.stderr).toBe(0);
      const videoCourse = JSON.parse(video.stdout).course.id as string;
      fake.grow("dQw4w9WgXcQ", "A new upload to the playlist", 212);
      lists.pages.push({ cid: 25690000000, page: 3, part: "加更", duration: 1800 });
      const run = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as {
        courses: { course: string; added: { number: number; title: string; url: string }[] }[];
      };
      expect(result.courses.find((c) => c.course !== videoCourse)?.added).toMatchObject([
        {
          number: 105,
          title: "A new upload to the playlist",
          url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        },
      ]);
      expect(result.courses.find((c) => c.course === videoCourse)?.added).toMatchObject([
        { number: 3, title: "加更", url: "https://www.bilibili.com/video/BV1wE4m1R7cu/?p=3" },
      ]);
      const again = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
      expect(JSON.parse(again.stdout).added).toBe(0);
    });
  },
);

describeWithFixtures("a YouTube channel followed as a course (its Atom feed, fake)", (fixtures) => {
  let lib: string;
  let server: FakeApi;
  let feed: YoutubeFeedFake;
  beforeAll(async () => {
    lib = await initialisedLibrary();
    server = await startFakeApi({ fixturesDir: fixtures });
    feed = serveYoutubeFeed(server, fixtures);
  });
  afterAll(() => server.close());

  it("adds the feed's 15 uploads oldest first, then refresh adds exactly the uploads since", async () => {
    const url = `https://www.youtube.com/channel/${CHANNEL_ID}`;
    const run = await server.jingdu(["add", "course", url, "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const { course, notices } = JSON.parse(run.stdout) as {
      course: { id: string; title: string; source: unknown; episodes: JsonEpisode[] };
      notices: string[];
    };
    expect(course.title).toBe(CHANNEL_TITLE);
    expect(course.source).toEqual({ kind: "youtube-channel", id: CHANNEL_ID, url });
    expect(course.episodes).toHaveLength(15);
    expect(course.episodes[14]).toMatchObject({
      number: 15,
      title: "Digital Foundry Games of 2024: The Oliver Mackenzie Collection!",
      date: "2025-01-01",
      videos: [
        { site: "youtube", id: "W_S7iKZZdHw", url: "https://www.youtube.com/watch?v=W_S7iKZZdHw" },
      ],
    });
    expect(course.episodes[0]?.date).toBe("2024-12-14");
    expect(notices.join(" ")).toContain("15 newest uploads");

    feed.upload("AbCdEfGhIj0", "Next week's lecture", "2025-01-08T10:00:00+00:00");
    const refresh = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout).courses[0]).toMatchObject({
      outcome: "added",
      added: [
        {
          number: 16,
          title: "Next week's lecture",
          url: "https://www.youtube.com/watch?v=AbCdEfGhIj0",
        },
      ],
    });
    const again = await server.jingdu(["refresh", "--courses", "--json"], { cwd: lib });
    expect(JSON.parse(again.stdout).courses[0]).toMatchObject({ outcome: "unchanged", added: [] });
  });
});
