/**
 * `jingdu transcript fetch`: a part's subtitles from bilibili's player endpoint (WBI-signed, the
 * user's cookie) and its subtitle file, against the fake server on 127.0.0.1 replaying the
 * SHAPED player answer and subtitle JSON; attached as `transcript add` does, AI marked.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SourcesSettings } from "../../src/sources/index.js";
import { serveBilibiliLists } from "../support/bilibili-lists-fake.js";
import {
  type BilibiliSubtitlesFake,
  GOOD_SESSDATA,
  serveBilibiliSubtitles,
} from "../support/bilibili-subtitles-fake.js";
import { shortGaps, useFakeApi } from "../support/fake-api.js";
import { LECTURE_BVID, LECTURE_COURSE, writeLectureLibrary } from "../support/lecture-library.js";
import { tempDir } from "../support/run-cli.js";

const COOKIE = `buvid3=abc; SESSDATA=${GOOD_SESSDATA}; bili_jct=0123456789abcdef`;
/** The cid of BV1wE4m1R7cu's part 2 in the page list fixture. */
const PART2_CID = "25681134366";

/** Every file under `dir` (the library, .jingdu/ included), as text. */
function allText(dir: string): string {
  let text = "";
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? allText(path) : readFileSync(path, "latin1");
  }
  return text;
}

describe("jingdu transcript fetch (bilibili's subtitle endpoint, fake server)", () => {
  const api = useFakeApi({ each: true, fixtures: false });
  let subtitles: BilibiliSubtitlesFake;
  let lib: string;
  let config: string;
  const setUp = () => {
    // Nothing of the machine's own config is read: every run names a config folder of its own.
    config = tempDir();
    serveBilibiliLists(api.server);
    subtitles = serveBilibiliSubtitles(api.server);
    lib = writeLectureLibrary(join(tempDir(), "lib"), { episodes: 2 });
  };
  const fetch = (args: string[], env: Record<string, string> = {}) =>
    api.server.jingdu(["transcript", "fetch", ...args], {
      cwd: lib,
      env: { XDG_CONFIG_HOME: config, ...env },
    });

  it("attaches a part's AI subtitles, marked AI, found by search at their second; the cookie goes to the player only and is written and printed nowhere", async () => {
    setUp();
    const run = await fetch([`${LECTURE_COURSE}/1`], { JINGDU_BILIBILI_COOKIE: COOKIE });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `${LECTURE_COURSE}/1  added        3 cues  transcripts/${LECTURE_COURSE}/1.vtt  ← bilibili AI subtitles ai-zh (中文（自动生成）)`,
    );
    const vtt = readFileSync(join(lib, "transcripts", LECTURE_COURSE, "1.vtt"), "utf8");
    expect(vtt.split("\n\n")[0]).toBe(
      [
        "WEBVTT",
        `Source: https://www.bilibili.com/video/${LECTURE_BVID}/?p=1`,
        "Language: ai-zh 中文（自动生成）",
        "AI-Generated: yes",
        `Fetched: ${new Date().toISOString().slice(0, 10)}`,
      ].join("\n"),
    );
    expect(vtt).toContain("00:12:34.000 --> 00:12:37.500\n梯度消失的问题就这样解决了\n");

    // Signed, for part 1's cid, with the cookie; the CDN file without it.
    const [player] = subtitles.player;
    expect(player?.query.get("cid")).toBe("25678317262");
    expect(player?.query.get("w_rid")).toMatch(/^[0-9a-f]{32}$/);
    expect(player?.headers.cookie).toBe(COOKIE);
    expect(subtitles.files).toHaveLength(1);
    expect(subtitles.files[0]?.headers.cookie).toBeUndefined();

    const search = await api.server.jingdu(["search", "梯度消失", "--json"], { cwd: lib });
    expect(JSON.parse(search.stdout).cues).toMatchObject([
      {
        episode: `${LECTURE_COURSE}/1`,
        time: "12:34",
        href: `https://www.bilibili.com/video/${LECTURE_BVID}/?t=754`, // part 1: no `p`
      },
    ]);
    for (const secret of [GOOD_SESSDATA, "0123456789abcdef"]) {
      expect(allText(lib)).not.toContain(secret);
      expect(run.stdout + run.stderr + search.stdout + search.stderr).not.toContain(secret);
    }
  });

  it("takes a bare SESSDATA from the cookie file; a course keeps the episodes it has, paced by subtitleGap", async () => {
    setUp();
    mkdirSync(join(config, "jingdu"), { recursive: true });
    writeFileSync(join(config, "jingdu", "bilibili-cookie"), `# my login\n${GOOD_SESSDATA}\n`);
    expect((await fetch([`${LECTURE_COURSE}/2`])).code).toBe(0);
    expect(subtitles.player[0]?.headers.cookie).toBe(`SESSDATA=${GOOD_SESSDATA}`);

    const gapMs = 400;
    const paced = (settings: SourcesSettings) => {
      shortGaps(settings);
      settings.bilibiliSubtitleGapMs = gapMs;
    };
    const run = await api.server.jingdu(["transcript", "fetch", LECTURE_COURSE, "--json"], {
      cwd: lib,
      env: { XDG_CONFIG_HOME: config },
      sourcesPlatform: { adjust: paced },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).episodes).toMatchObject([
      { number: 1, outcome: "added", ai: true, lan: "ai-zh", cues: 3 },
      { number: 2, outcome: "kept" },
    ]);
    const replaced = await api.server.jingdu(
      ["transcript", "fetch", `${LECTURE_COURSE}/1-2`, "--replace", "--json"],
      {
        cwd: lib,
        env: { XDG_CONFIG_HOME: config },
        sourcesPlatform: { adjust: paced },
      },
    );
    expect(JSON.parse(replaced.stdout).episodes.map((e: { outcome: string }) => e.outcome)).toEqual(
      ["unchanged", "unchanged"],
    );
    const arrivals = subtitles.player.slice(-2).map((r) => r.receivedAt);
    expect((arrivals[1] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(gapMs);
  });

  it("says what is wrong, exits non-zero and writes nothing: no cookie, a cookie bilibili does not take, -101, no subtitles", async () => {
    setUp();
    const none = await fetch([`${LECTURE_COURSE}/1`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no bilibili login cookie: JINGDU_BILIBILI_COOKIE is not set");
    expect(none.stderr).toContain("SESSDATA");
    expect(subtitles.player).toHaveLength(0);

    const expired = await fetch([`${LECTURE_COURSE}/1`], {
      JINGDU_BILIBILI_COOKIE: "SESSDATA=expired",
    });
    expect(expired.code).toBe(7);
    expect(expired.stderr).toContain("bilibili did not take the login cookie");
    const minus101 = await fetch([`${LECTURE_COURSE}/1`], {
      JINGDU_BILIBILI_COOKIE: "SESSDATA=minus101",
    });
    expect(minus101.code).toBe(7);
    expect(minus101.stderr).toContain("bilibili did not take the login cookie");

    subtitles.noSubtitles.add(PART2_CID);
    const bare = await fetch([`${LECTURE_COURSE}/2`], { JINGDU_BILIBILI_COOKIE: COOKIE });
    expect(bare.code).toBe(7);
    expect(bare.stdout).toContain(`${LECTURE_COURSE}/2  no-subtitles the part has no subtitles`);
    expect(bare.stderr).toContain(`no transcript fetched: ${LECTURE_COURSE}/2 no-subtitles`);

    // A block stops the run and is remembered: the next run does not ask.
    api.server.script(
      { path: "/x/player/wbi/v2" },
      { status: 412, fixture: "synthetic:bilibili-view-code-412-banned.synthetic.json" },
    );
    const blocked = await fetch([`${LECTURE_COURSE}/1`], { JINGDU_BILIBILI_COOKIE: COOKIE });
    expect(blocked.code).toBe(7);
    expect(blocked.stderr).toContain("-412");
    const asked = subtitles.player.length;
    const again = await fetch([`${LECTURE_COURSE}/1`], { JINGDU_BILIBILI_COOKIE: COOKIE });
    expect(again.code).toBe(7);
    expect(subtitles.player.length).toBe(asked);

    const bad = await fetch([`${LECTURE_COURSE}/1`], { JINGDU_BILIBILI_COOKIE: "SESSDATA=好" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain("好");
    expect(readdirSync(lib)).not.toContain("transcripts");
  });
});
