/**
 * `jingdu transcript fetch` for episodes whose video is on YouTube: the innertube player answer
 * (recorded, ../shared/fixtures/youtube/yta-innertube-player.json) lists the caption tracks, the
 * chosen one's `baseUrl` with `fmt=json3` gives the timed text (SHAPED); against the fake server
 * on 127.0.0.1. No login cookie is needed or read.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithFixtures, useFakeApi } from "../support/fake-api.js";
import { LECTURE_COURSE, writeLectureLibrary } from "../support/lecture-library.js";
import { tempDir } from "../support/run-cli.js";
import {
  CAPTIONED_VIDEO,
  serveYoutubePlayer,
  type YoutubePlayerFake,
} from "../support/youtube-player-fake.js";

const SECOND_VIDEO = "dQw4w9WgXcQ";
const today = () => new Date().toISOString().slice(0, 10);

describeWithFixtures(
  "jingdu transcript fetch (YouTube caption tracks, fake server)",
  (fixtures) => {
    const api = useFakeApi({ each: true, fixtures: false });
    let youtube: YoutubePlayerFake;
    let lib: string;
    let config: string;
    const setUp = () => {
      config = tempDir();
      youtube = serveYoutubePlayer(api.server, fixtures);
      lib = writeLectureLibrary(join(tempDir(), "lib"), {
        episodes: 2,
        youtube: [CAPTIONED_VIDEO, SECOND_VIDEO],
      });
    };
    const fetch = (args: string[]) =>
      api.server.jingdu(["transcript", "fetch", ...args], {
        cwd: lib,
        // No bilibili cookie anywhere: YouTube needs none.
        env: { XDG_CONFIG_HOME: config },
      });
    const vttOf = (n: number) =>
      readFileSync(join(lib, "transcripts", LECTURE_COURSE, `${n}.vtt`), "utf8");

    it("attaches the caption track in the language asked, found by search at its second on YouTube", async () => {
      setUp();
      const run = await fetch([`${LECTURE_COURSE}/1`, "--lang", "en"]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(
        `${LECTURE_COURSE}/1  added        3 cues  transcripts/${LECTURE_COURSE}/1.vtt  ← YouTube captions en (English)`,
      );
      expect(vttOf(1).split("\n\n")[0]).toBe(
        [
          "WEBVTT",
          `Source: https://www.youtube.com/watch?v=${CAPTIONED_VIDEO}`,
          "Language: en English",
          `Fetched: ${today()}`,
        ].join("\n"),
      );
      // The roll-up line break of the automatic captions is no cue of its own.
      expect(vttOf(1)).toContain("00:12:34.000 --> 00:12:37.500\nso the vanishing gradient\n");
      expect(youtube.player[0]).toMatchObject({
        videoId: CAPTIONED_VIDEO,
        context: { client: { clientName: "WEB" } },
      });
      expect(youtube.captions).toHaveLength(1);
      expect(youtube.captions[0]?.query.get("lang")).toBe("en");
      expect(youtube.captions[0]?.query.get("kind")).toBeNull();
      expect(youtube.captions[0]?.query.get("fmt")).toBe("json3");
      expect(youtube.captions[0]?.headers.cookie).toBeUndefined();

      const search = await api.server.jingdu(["search", "vanishing", "--json"], { cwd: lib });
      expect(JSON.parse(search.stdout).cues).toMatchObject([
        {
          episode: `${LECTURE_COURSE}/1`,
          time: "12:34",
          href: expect.stringMatching(
            new RegExp(`^https://www\\.youtube\\.com/watch\\?v=${CAPTIONED_VIDEO}.*t=754`),
          ),
        },
      ]);
    });

    it("a course fetches each video: the library's language by default; automatic captions marked AI", async () => {
      setUp();
      youtube.onlyAutomatic.add(SECOND_VIDEO);
      const run = await fetch([LECTURE_COURSE, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).episodes).toMatchObject([
        { number: 1, site: "youtube", outcome: "added", lan: "zh", lanDoc: "Chinese", ai: false },
        { number: 2, site: "youtube", outcome: "added", lan: "en", ai: true, available: ["a.en"] },
      ]);
      expect(youtube.player.map((b) => b.videoId)).toEqual([CAPTIONED_VIDEO, SECOND_VIDEO]);
      expect(vttOf(1)).toContain("Language: zh Chinese\n");
      expect(vttOf(1)).not.toContain("AI-Generated");
      expect(vttOf(2)).toContain("Language: en English (auto-generated)\nAI-Generated: yes\n");

      // `a.en` asks for the automatic track by its vssId.
      const asked = await fetch([`${LECTURE_COURSE}/1`, "--lang", "a.en", "--replace"]);
      expect(asked.stdout).toContain("← YouTube automatic captions en (English (auto-generated))");
      expect(youtube.captions.at(-1)?.query.get("kind")).toBe("asr");
    });

    it("a video without captions, or with captions on another host, is reported and nothing is written", async () => {
      setUp();
      youtube.noCaptions.add(CAPTIONED_VIDEO);
      youtube.offsite.add(SECOND_VIDEO);
      const run = await fetch([LECTURE_COURSE]);
      expect(run.code).toBe(7);
      expect(run.stdout).toContain(
        `${LECTURE_COURSE}/1  no-subtitles the video has no caption track`,
      );
      expect(run.stdout).toContain(
        `${LECTURE_COURSE}/2  no-subtitles its caption tracks are not on youtube.com; not fetched (has: .zh,`,
      );
      expect(run.stderr).toContain("no transcript fetched");
      // bilibili's subtitle gap is not YouTube's: not announced for a course of YouTube videos.
      expect(run.stderr).not.toContain("subtitleGap");
      expect(youtube.captions).toHaveLength(0);
      expect(readdirSync(lib)).not.toContain("transcripts");

      // A timed text that comes back empty (YouTube wanting a token) is a failure, said so.
      youtube.noCaptions.clear();
      youtube.emptyText.add(CAPTIONED_VIDEO);
      const empty = await fetch([`${LECTURE_COURSE}/1`]);
      expect(empty.code).toBe(7);
      expect(empty.stdout).toContain(
        `${LECTURE_COURSE}/1  failed       YouTube sent an empty caption file for .zh`,
      );
      expect(youtube.captions).toHaveLength(1);
      expect(readdirSync(lib)).not.toContain("transcripts");
    });
  },
);
