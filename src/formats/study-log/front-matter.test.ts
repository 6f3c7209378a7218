import { describe, expect, it } from "vitest";
import { createDiagnosticSink } from "./diagnostics.js";
import { readCourseTitle, readFrontMatter, stringList } from "./front-matter.js";

describe("readFrontMatter", () => {
  it("reads YAML as data and says where the body starts", () => {
    const sink = createDiagnosticSink("f.md");
    const fm = readFrontMatter(["---", "title: x", "toc: true", "author:", "---", "body"], sink);
    expect(fm).toEqual({ data: { title: "x", toc: true, author: null }, bodyStart: 5 });
    expect(sink.items).toEqual([]);
  });
  it("does not resolve custom tags or run anything", () => {
    const sink = createDiagnosticSink("f.md");
    const fm = readFrontMatter(["---", "x: !!js/function 'function(){}'", "---"], sink);
    expect(typeof fm.data.x).not.toBe("function");
  });
  it("reports an unclosed block and reads everything as Markdown", () => {
    const sink = createDiagnosticSink("f.md");
    expect(readFrontMatter(["---", "title: x"], sink).bodyStart).toBe(0);
    expect(sink.items[0]).toMatchObject({ rule: "front-matter-unclosed", line: 1 });
  });
});

describe("front matter values", () => {
  it("splits Jekyll's space-separated lists", () => {
    expect(stringList("a b", true)).toEqual(["a", "b"]);
    expect(stringList(["a b", null], true)).toEqual(["a b"]);
    expect(stringList("机器学习课程", false)).toEqual(["机器学习课程"]);
  });
  it("strips an in-progress marker from the title", () => {
    expect(readCourseTitle("论文精读（进行中）")).toEqual({ title: "论文精读", inProgress: true });
    expect(readCourseTitle("Course (进行中)")).toEqual({ title: "Course", inProgress: true });
    expect(readCourseTitle("Done")).toEqual({ title: "Done", inProgress: false });
  });
});
