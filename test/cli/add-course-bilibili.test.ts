/**
 * `jingdu add course` from a bilibili 合集 and 系列 (fake server on 127.0.0.1), and `refresh
 * --courses` adding exactly the videos a grown list has. (Split from add-course-sources: the
 * YouTube sources are in add-course-youtube.test.ts.)
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BilibiliListsFake,
  extraArchive,
  SEASON,
  SERIES,
  serveBilibiliLists,
} from "../support/bilibili-lists-fake.js";
import type { JsonEpisode } from "../support/course-json.js";
import { type FakeApi, startFakeApi } from "../support/fake-api.js";
import { initialisedLibrary, runCliInProcess } from "../support/run-cli.js";

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
