import { describe, expect, it } from "vitest";
import { library, paper } from "../../test/support/library-builder.js";
import { checkNoteImages } from "./check-note-images.js";

function notesOf(notes: string) {
  return library([
    { ...paper("resnet", {}), notes, at: { file: "papers/resnet.md", line: 1, body: 4 } },
  ]);
}

describe("doctor's image check", () => {
  it("names each image not in files/ at its file and line, as the pages resolve it", () => {
    const lib = notesOf(
      [
        "![block](files/block.svg)", // present
        "![](./files/missing.png)",
        "<img src='plot.png'>", // files/plot.png: present
        "![[fig 2.png]]",
        "![](https://example.org/x.png)",
        "![](/assets/images/x.png)",
      ].join("\n"),
    );
    const problems = checkNoteImages(lib, new Set(["block.svg", "plot.png"]));
    expect(problems.map((p) => [p.rule, p.file, p.line])).toEqual([
      ["image-missing", "papers/resnet.md", 5],
      ["image-site-relative", "papers/resnet.md", 9],
      ["image-missing", "papers/resnet.md", 7],
    ]);
    expect(problems[0]?.message).toContain("./files/missing.png");
  });

  it("reads no image inside code", () => {
    const lib = notesOf("```md\n![](nowhere.png)\n```\nWrite `![](x.png)` for an image.");
    expect(checkNoteImages(lib, new Set())).toEqual([]);
  });
});
