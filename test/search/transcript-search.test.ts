import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LECTURE_BVID, LECTURE_COURSE, writeLectureLibrary } from "../support/lecture-library.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

/** 113 lectures of 1,000 cues each; in lecture 57, at 12:34, a line nobody else says. */
const SAID = { episode: 57, at: 754, text: "这里出现了 Heisenbug 和 量子纠缠 的比喻" };

describe("jingdu search inside lectures", () => {
  let lib: string;
  beforeAll(async () => {
    lib = writeLectureLibrary(join(tempDir(), "lib"), { episodes: 113, cues: 1000, said: SAID });
    // The first search builds the index (113,000 cues).
    const run = await runCliInProcess(["search", "anything"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
  }, 120_000);

  const search = (...args: string[]) => runCliInProcess(["search", ...args], { cwd: lib });

  it("finds a word said in episode 57 at 12:34, with a link into the video at that second", async () => {
    const run = await search("heisenbug");
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      `${LECTURE_COURSE}/57 第57讲 ${lines[0]?.split(" ")[2]} · 12:34 · 这里出现了 «Heisenbug» 和 量子纠缠 的比喻`,
    );
    expect(lines[1]?.trim()).toBe(`https://www.bilibili.com/video/${LECTURE_BVID}/?p=57&t=754`);
  });

  it("finds Chinese terms of one and two characters, and a phrase", async () => {
    for (const q of ["纠缠", "量子纠缠", "纠", "缠"]) {
      const run = await search(q, "--json");
      const { cues } = JSON.parse(run.stdout);
      expect(cues, q).toHaveLength(1);
      expect(cues[0], q).toMatchObject({
        episode: `${LECTURE_COURSE}/57`,
        time: "12:34",
        href: `https://www.bilibili.com/video/${LECTURE_BVID}/?p=57&t=754`,
      });
    }
  });

  it("lists cues of a common word in lecture order, at most --limit", async () => {
    const { cues } = JSON.parse((await search("梯度", "--json", "--limit", "5")).stdout);
    expect(cues).toHaveLength(5);
    expect(cues.every((c: { snippet: string }) => c.snippet.includes("«梯度»"))).toBe(true);
    expect(cues[0].episode).toBe(`${LECTURE_COURSE}/1`);
  });
});

describe("the index follows transcript files", () => {
  it("finds a cue once its transcript is added, and no longer once it is replaced", async () => {
    const lib = writeLectureLibrary(join(tempDir(), "lib"), { episodes: 3, cues: 10 });
    const search = async (q: string) =>
      JSON.parse((await runCliInProcess(["search", q, "--json"], { cwd: lib })).stdout).cues;
    expect(await search("heisenbug")).toEqual([]);
    const srt = (text: string) => `1\n00:01:01,500 --> 00:01:03,000\n${text}\n`;
    writeFileSync(join(lib, "..", "a.srt"), srt("a Heisenbug here"));
    writeFileSync(join(lib, "..", "b.srt"), srt("nothing odd"));
    const add = (file: string) =>
      runCliInProcess(["transcript", "add", `${LECTURE_COURSE}/2`, `../${file}`], { cwd: lib });
    expect((await add("a.srt")).code).toBe(0);
    expect(await search("heisenbug")).toMatchObject([
      { episode: `${LECTURE_COURSE}/2`, time: "1:01" },
    ]);
    expect((await add("b.srt")).stdout).toContain("replaced");
    expect(await search("heisenbug")).toEqual([]);
    expect(await search("odd")).toHaveLength(1);
  });
});
