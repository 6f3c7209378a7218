import { expect, it } from "vitest";
import { describeWithFixtures, useFakeApi } from "../../test/support/fake-api.js";
import { importBilibiliCourse } from "./import-course.js";

describeWithFixtures("importBilibiliCourse against the fake server", () => {
  const api = useFakeApi();

  it("turns a 2-part video into a course of its 2 parts", async () => {
    const { course, fetched } = await importBilibiliCourse("bilibili:BV1wE4m1R7cu", {
      sources: api.sources,
    });
    expect(course.source).toEqual({
      kind: "bilibili",
      id: "BV1wE4m1R7cu",
      url: "https://www.bilibili.com/video/BV1wE4m1R7cu/",
    });
    expect(course.title).toBe("把《黑神话：悟空》剪成电影！无UI超宽画幅【4K60】！");
    expect(
      course.episodes.map((e) => ({
        number: e.number,
        title: e.title,
        runtime: e.runtime,
        video: e.videos[0],
      })),
    ).toEqual([
      {
        number: 1,
        title: "上集",
        runtime: 6291,
        video: {
          site: "bilibili",
          id: "BV1wE4m1R7cu",
          part: 1,
          url: "https://www.bilibili.com/video/BV1wE4m1R7cu/?p=1",
        },
      },
      {
        number: 2,
        title: "下集",
        runtime: 7861,
        video: {
          site: "bilibili",
          id: "BV1wE4m1R7cu",
          part: 2,
          url: "https://www.bilibili.com/video/BV1wE4m1R7cu/?p=2",
        },
      },
    ]);
    expect(course.episodes.every((e) => e.courseId === course.id)).toBe(true);
    expect(fetched[0]?.values).toMatchObject({ views: 2761635, duration: 14152 });
  });

  it("imports every episode of a collection with --collection", async () => {
    const { course, fetched } = await importBilibiliCourse(
      "https://www.bilibili.com/video/BV1tN4y1F79k/",
      { sources: api.sources, collection: true },
    );
    expect(course.source).toMatchObject({ kind: "bilibili-collection", id: "650336" });
    expect(
      course.episodes.map((e) => [e.number, e.title, e.runtime, e.videos[0]?.id, e.date]),
    ).toEqual([
      [1, "《黑神话：悟空》6分钟实机剧情片段", 381, "BV1tN4y1F79k", "2022-08-20"],
      [2, "戒网（《黑神话：悟空》游戏插曲）", 330, "BV1Ye4y1f7kA", "2022-08-20"],
    ]);
    expect(fetched.map((f) => f.key)).toEqual(["video:BV1tN4y1F79k", "video:BV1Ye4y1f7kA"]);
  });

  it("mentions the collection when importing one of its videos alone", async () => {
    const { course, notices } = await importBilibiliCourse("BV1tN4y1F79k", {
      sources: api.sources,
    });
    expect(course.episodes).toHaveLength(1);
    expect(notices[0]).toMatch(/--collection/);
  });

  it("rejects input that is not a bilibili video", async () => {
    await expect(importBilibiliCourse("youtube:abc", { sources: api.sources })).rejects.toThrow(
      /not a bilibili video/,
    );
  });
});
