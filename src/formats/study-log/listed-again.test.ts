import { describe, expect, it } from "vitest";
import { parsePaperList } from "../paper-list/index.js";
import { parseStudyLog } from "./parse-study-log.js";

// A paper listed twice is one paper in both listings' categories, and the second line says so
// (both readers share mergeListedAgain).
describe("a paper listed again", () => {
  it("in a catalog: one paper, both categories, an info on the second row", () => {
    const table = (name: string, rows: string) =>
      `### ${name}\n\n| Recorded | Year | Name |\n| --- | --- | --- |\n${rows}\n`;
    const text = `## Reading list\n\n${table("CNN", "| | 2015 | [ResNet](https://arxiv.org/abs/1512.03385) |")}\n${table("Vision", "| | 2015 | [ResNet](https://arxiv.org/abs/1512.03385) |")}`;
    const r = parseStudyLog(text, { file: "catalog.md" });
    expect(r.papers.map((p) => [p.id, p.categories])).toEqual([["resnet", ["cnn", "vision"]]]);
    const info = r.diagnostics.find((d) => d.rule === "paper-duplicate");
    expect(info?.message).toBe('"ResNet" is listed again; merged with line 7');
    expect(info?.line).toBe(13);
  });

  it("in a paper list: one paper, both categories, an info on the second entry", () => {
    const text =
      "# Papers\n\n## CNN\n\n- [Deep Residual Learning](https://arxiv.org/abs/1512.03385)\n\n" +
      "## Vision\n\n- [Deep Residual Learning](https://arxiv.org/abs/1512.03385)\n";
    const r = parsePaperList(text, { file: "papers.md" });
    expect(r.papers.map((p) => [p.id, p.categories])).toEqual([
      ["deep-residual-learning", ["cnn", "vision"]],
    ]);
    const info = r.diagnostics.find((d) => d.rule === "paper-duplicate");
    expect(info?.message).toBe('"Deep Residual Learning" is listed again; merged with line 5');
    expect(info?.line).toBe(9);
  });
});
