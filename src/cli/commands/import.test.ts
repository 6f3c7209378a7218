import { describe, expect, it } from "vitest";
import { defaultCourseId } from "./import.js";

describe("defaultCourseId", () => {
  it("takes a Jekyll post's name without its date", () => {
    expect(defaultCourseId("2024-07-09-ml-DL-limu.md")).toBe("ml-dl-limu");
  });
  it("takes a plain file's base name", () => {
    expect(defaultCourseId("limu.md")).toBe("limu");
    expect(defaultCourseId("李宏毅机器学习.md")).toBe("李宏毅机器学习");
  });
  it("does not make an id of a hashed or numbered file name", () => {
    expect(defaultCourseId("000_f6b501323f8e2232.txt")).toBe("course");
    expect(defaultCourseId("2024.md")).toBe("course");
  });
});
