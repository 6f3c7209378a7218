/**
 * `jingdu add course` from every course source: a yt-dlp playlist file, a YouTube playlist URL,
 * a bilibili 合集 and 系列 (fake server on 127.0.0.1), and `refresh --courses` adding exactly the
 * episodes a grown source has.
 */
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SYNTHETIC_FIXTURES } from "../support/fake-api-server.js";
import { initialisedLibrary, runCliInProcess } from "../support/run-cli.js";

interface JsonEpisode {
  number: number;
  title: string;
  runtime?: number;
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
