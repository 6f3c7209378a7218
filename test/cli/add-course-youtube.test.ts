/**
 * `jingdu add course` from the YouTube sources: a yt-dlp playlist file, a playlist URL
 * (innertube browse) and a channel's Atom feed (fakes on 127.0.0.1), and `refresh --courses`
 * adding exactly the episodes a grown source has. (Split from add-course-sources: bilibili's
 * 合集 and 系列 are in add-course-bilibili.test.ts.)
 */
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveBilibiliLists } from "../support/bilibili-lists-fake.js";
import type { JsonEpisode } from "../support/course-json.js";
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
