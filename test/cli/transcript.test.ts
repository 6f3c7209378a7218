import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "../../src/core/index.js";
import { LECTURE_COURSE, writeLectureLibrary } from "../support/lecture-library.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { REPO, SHARED } from "../support/shared-files.js";

const SUBTITLES = join(SHARED, "fixtures", "subtitles");
const HAS_SUBTITLES = existsSync(SUBTITLES);
const FIXTURES = HAS_SUBTITLES ? readdirSync(SUBTITLES).sort() : [];
const SHAPED_JSON = join(
  REPO,
  "test",
  "fixtures",
  "transcripts",
  "bilibili-subtitle-ai-zh.SHAPED.json",
);

function lectureLibrary(episodes = FIXTURES.length + 2, titles?: Record<number, string>): string {
  return writeLectureLibrary(join(tempDir(), "lib"), { episodes, ...(titles ? { titles } : {}) });
}

const stored = (lib: string, n: number) =>
  readFileSync(join(lib, "transcripts", LECTURE_COURSE, `${n}.vtt`), "utf8");

describe.skipIf(!HAS_SUBTITLES)("jingdu transcript add, every subtitle fixture", () => {
  if (!HAS_SUBTITLES) it.skip(`../shared is missing (looked for ${SUBTITLES}): skipped`);

  it("attaches each fixture as normalized WebVTT, bad cues reported with file:line", async () => {
    const lib = lectureLibrary();
    const work = join(lib, "..");
    cpSync(SUBTITLES, join(work, "subs"), { recursive: true });
    for (const [i, name] of FIXTURES.entries()) {
      const run = await runCliInProcess(
        ["transcript", "add", `${LECTURE_COURSE}/${i + 1}`, join("subs", name), "--json"],
        { cwd: work, env: { JINGDU_LIBRARY: lib } },
      );
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      const report = JSON.parse(run.stdout);
      const text = stored(lib, i + 1);
      // What was written reads back to exactly the cues reported, with nothing to complain of.
      const back = parseTranscript(text, name);
      expect(back.diagnostics, name).toEqual([]);
      expect(back.cues.length, name).toBe(report.attached[0].cues);
      expect(text.startsWith("WEBVTT\n\n"), name).toBe(true);
      expect(text, name).not.toMatch(/<\/?[a-z]|align:|region:|\ufeff|STYLE|NOTE/);
    }
  });

  it("reads what each kind of file says", async () => {
    const lib = lectureLibrary();
    const work = join(lib, "..");
    const add = async (n: number, name: string) => {
      const run = await runCliInProcess(
        ["transcript", "add", `${LECTURE_COURSE}/${n}`, join(SUBTITLES, name)],
        { cwd: work, env: { JINGDU_LIBRARY: lib } },
      );
      return { ...run, cues: parseTranscript(stored(lib, n), name).cues };
    };
    const gbk = await add(1, "aspasia-gbk-chinese.srt");
    expect(gbk.stdout).toContain("(srt, gb18030)");
    expect(gbk.cues.map((c) => c.text)).toEqual(["这是中文", "还有更多的中文", "再见"]);
    expect(gbk.cues[1]).toMatchObject({ start: 4.5, end: 7.1 });

    const bom = await add(2, "webvttpy-captions_with_bom.vtt");
    expect(bom.cues[0]).toEqual({ start: 0.5, end: 7, text: "Caption text #1" });

    const regions = await add(3, "vttjs-integration_regions.vtt");
    expect(regions.cues.map((c) => c.text)).toContain("Sure! I've only had one today.");
    expect(regions.cues).toHaveLength(6);

    const multiline = await add(4, "vttjs-cuetext_format_line-breaks.vtt");
    expect(multiline.cues[0]?.text).toBe("- It will perforate your stomach.\n- You could die.");

    const chinese = await add(5, "vttjs-cuetext_languages_long_string_chinese.vtt");
    expect(chinese.cues[0]?.text).toBe("Payload");

    const voices = await add(6, "vttjs-integration_cue-content.vtt");
    expect(voices.cues[0]?.text).toBe("Laughs &am& other  stuff > &l<&rl\nOh my! >");
    expect(stored(lib, 6)).toContain("Laughs &amp;am&amp; other  stuff &gt;");

    // A blank line ends a cue: the two lines after it are a cue without timing, reported.
    const broken = await add(7, "vttjs-cuetext_format_double-line-break.vtt");
    expect(broken.code).toBe(0);
    expect(broken.stderr).toContain("vttjs-cuetext_format_double-line-break.vtt:8: warning");
    expect(broken.cues).toHaveLength(1);

    const missingText = await add(8, "webvttpy-missing_caption_text.srt");
    expect(missingText.stderr).toMatch(/missing_caption_text\.srt:6: warning: a cue without text/);
    expect(missingText.cues.map((c) => c.text)).toEqual([
      "Caption text #1",
      "Caption text #3",
      "Caption text #4",
      "Caption text #5",
    ]);

    const badTiming = await add(9, "webvttpy-invalid_timeframe.srt");
    expect(badTiming.stderr).toMatch(/invalid_timeframe\.srt:6: warning: a timing with `\.`/);
    expect(badTiming.cues[1]).toMatchObject({ start: 7, end: 11.89 });

    const ids = await add(10, "vttjs-integration_id.vtt");
    expect(ids.stderr).toContain("vttjs-integration_id.vtt:15: warning");
    // The line `-->` is a timing that cannot be read; the cue after it is kept.
    expect(ids.cues.map((c) => c.text)).toEqual(["This", "Is", "A", "Test", "And stuff?"]);
  });
});

describe("jingdu transcript add, bilibili JSON and folders", () => {
  it("attaches bilibili's subtitle JSON (shape: test/fixtures/transcripts/README.md)", async () => {
    const lib = lectureLibrary(3);
    const run = await runCliInProcess(["transcript", "add", `${LECTURE_COURSE}/2`, SHAPED_JSON], {
      cwd: lib,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `${LECTURE_COURSE}/2  added     3 cues  transcripts/${LECTURE_COURSE}/2.vtt`,
    );
    expect(stored(lib, 2)).toContain("00:12:34.000 --> 00:12:37.500\n梯度消失的问题就这样解决了\n");
  });

  it("attaches YouTube's json3 timed text (as yt-dlp saves it), told from bilibili's by its content", async () => {
    const lib = lectureLibrary(3);
    const json3 = join(REPO, "test/fixtures/transcripts/youtube-timedtext-json3-en.SHAPED.json");
    const run = await runCliInProcess(["transcript", "add", `${LECTURE_COURSE}/3`, json3], {
      cwd: lib,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${LECTURE_COURSE}/3  added     3 cues`);
    expect(stored(lib, 3)).toContain("00:12:40.100 --> 00:12:43.000\nwith residual connections\n");
  });

  it("matches a folder's files to episodes by part number or title and says what did not match", async () => {
    const lib = lectureLibrary(6, { 4: "Attention Is All You Need" });
    const dir = join(lib, "..", "subs");
    mkdirSync(dir);
    const srt = "1\n00:00:01,000 --> 00:00:02,000\n你好\n";
    writeFileSync(join(dir, "P2 梯度.srt"), srt);
    writeFileSync(join(dir, "第3讲 卷积.srt"), srt);
    writeFileSync(join(dir, "attention-is-all-you-need.srt"), srt);
    writeFileSync(join(dir, "P9.srt"), srt);
    writeFileSync(join(dir, "intro.srt"), srt);
    writeFileSync(join(dir, "readme.txt"), "not a subtitle");
    const run = await runCliInProcess(["transcript", "add", LECTURE_COURSE, dir], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${LECTURE_COURSE}/2  added`);
    expect(run.stdout).toContain(`${LECTURE_COURSE}/3  added`);
    expect(run.stdout).toContain(`${LECTURE_COURSE}/4  added`);
    expect(run.stdout).toContain("not matched  P9.srt: no episode or part 9");
    expect(run.stdout).toContain("not matched  intro.srt: no episode number or title in its name");
    expect(run.stdout).toContain(
      "3 matched, 2 not matched; 3 episodes without a transcript (1, 5, 6)",
    );
    expect(readdirSync(join(lib, "transcripts", LECTURE_COURSE)).sort()).toEqual([
      "2.vtt",
      "3.vtt",
      "4.vtt",
    ]);
  });

  it("refuses a file with no readable cue and writes nothing", async () => {
    const lib = lectureLibrary(2);
    writeFileSync(join(lib, "..", "empty.srt"), "1\n00:00:01 --> 00:00:02\nno millis\n");
    const run = await runCliInProcess(
      ["transcript", "add", `${LECTURE_COURSE}/1`, "../empty.srt"],
      {
        cwd: lib,
      },
    );
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("no cue could be read");
    expect(run.stderr).toContain("empty.srt:2: a cue timing that cannot be read");
    expect(existsSync(join(lib, "transcripts"))).toBe(false);
  });
});
