/**
 * `jingdu import --again NAME` when the source changed: rows edited (an episode's title, an
 * episode's video link, a paper's year), one removed, one added to each table, while the person
 * edited some files. The report names what is new, what the source changed and what it dropped,
 * and every edit of the person's stays as they left it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/store/index.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { REPO } from "../support/shared-files.js";

const LOG = join(REPO, "test", "fixtures", "import", "study-log-small.md");

/** The study log as its author changed it after the first import. */
function changedLog(text: string): string {
  const edits: [string, string][] = [
    // The first episode renamed, in its heading and its row.
    ["## 如何读论文 06:39", "## 如何读论文（三遍法） 06:39"],
    ["| 10/06/21 | 如何读论文 | 06:39 |", "| 10/06/21 | 如何读论文（三遍法） | 06:39 |"],
    // The second episode's video link corrected.
    ["BV1P3411y7nn", "BV1P3411y7nm"],
    // A new episode, newest first as the table runs.
    [
      "| --- | --- | --- | --- |\n| 10/22/21",
      "| --- | --- | --- | --- |\n| 11/01/21 | GAN 论文逐段精读 | 46:16 | [B站](https://www.bilibili.com/video/BV1rb4y187vD/) |\n| 10/22/21",
    ],
    // ResNet's year corrected, VGG's row removed, Transformer's added.
    ["| ✅ | 2015 | [ResNet]", "| ✅ | 2016 | [ResNet]"],
    [
      "| | 2014 | [VGG](https://arxiv.org/pdf/1409.1556.pdf) | 3x3 卷积 |",
      "| | 2017 | [Transformer](https://arxiv.org/pdf/1706.03762.pdf) | 注意力 |",
    ],
  ];
  let out = text;
  for (const [from, to] of edits) {
    expect(out, `the fixture has ${from}`).toContain(from);
    out = out.replace(from, to);
  }
  return out;
}

describe("jingdu import --again after the source changed", () => {
  it("names new and changed rows and rows gone, and keeps what the person edited", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const source = join(work, "log.md");
    writeFileSync(source, readFileSync(LOG, "utf8"));
    const first = await runCliInProcess(["import", source, "--into", lib, "--json"], { cwd: work });
    expect(first.code, first.stderr).toBe(0);

    // The person's edits: a note on the first episode (whose title the source then changes),
    // a tag on VGG (whose row the source then drops).
    const episode1 = join(lib, "courses", "log", "episodes", "001.md");
    const mine1 = `${readFileSync(episode1, "utf8")}\n我的笔记：第二遍看图。\n`;
    writeFileSync(episode1, mine1);
    const vgg = join(lib, "papers", "vgg.md");
    const mineVgg = readFileSync(vgg, "utf8").replace(
      "summary: 3x3 卷积",
      "summary: 3x3 卷积\ntags: [mine]",
    );
    writeFileSync(vgg, mineVgg);

    writeFileSync(source, changedLog(readFileSync(source, "utf8")));
    const again = await runCliInProcess(["import", "--again", "log-md", "--into", lib, "--json"], {
      cwd: work,
    });
    // A file the person edited that the source also changed is kept: exit 5, named.
    expect(again.code, again.stderr).toBe(5);
    const report = JSON.parse(again.stdout);
    expect(report.episodes).toMatchObject({ created: 1, updated: 1, conflicts: 1, total: 3 });
    expect(report.papers).toMatchObject({ created: 1, updated: 1, conflicts: 0, total: 2 });
    expect(report.conflicts).toEqual(["courses/log/episodes/001.md"]);
    const changed = Object.fromEntries(
      report.changed.map((c: { path: string; outcome: string }) => [c.path, c.outcome]),
    );
    expect(changed).toMatchObject({
      "courses/log/episodes/003.md": "created",
      "courses/log/episodes/002.md": "updated",
      "papers/transformer.md": "created",
      "papers/resnet.md": "updated",
    });
    expect(report.gone).toEqual(["papers/vgg.md"]);

    // The person's edits, byte for byte; the source's changes where nobody edited.
    expect(readFileSync(episode1, "utf8")).toBe(mine1);
    expect(readFileSync(vgg, "utf8")).toBe(mineVgg);
    const { library } = await loadLibrary(lib);
    const course = library.courses.find((c) => c.id === "log");
    expect(course?.episodes.map((e) => e.title)).toEqual([
      "如何读论文",
      "ResNet 论文逐段精读",
      "GAN 论文逐段精读",
    ]);
    expect(course?.episodes[1]?.videos[0]?.id).toBe("BV1P3411y7nm");
    expect(library.papers.find((p) => p.id === "resnet")?.year).toBe(2016);
    expect(library.papers.find((p) => p.id === "transformer")?.ids.arxiv).toBe("1706.03762");

    // The summary a person reads says the same, in the library's language (zh, from the log).
    // Nothing changed since: it names nothing new.
    const text = await runCliInProcess(["import", "--again", "log-md", "--into", lib], {
      cwd: work,
    });
    expect(text.stdout).not.toMatch(/\n {2}新增：/);
    expect(text.stdout).toMatch(/\n {2}源里已没有，保留：papers\/vgg\.md\n/);
    expect(text.stdout).toContain("保留了你改过的 courses/log/episodes/001.md");
  });

  it("the summary lists the new and changed files of a re-import", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const source = join(work, "log.md");
    writeFileSync(source, readFileSync(LOG, "utf8"));
    expect((await runCliInProcess(["import", source, "--into", lib], { cwd: work })).code).toBe(0);
    writeFileSync(source, changedLog(readFileSync(source, "utf8")));
    const again = await runCliInProcess(["import", "--again", "log-md", "--into", lib], {
      cwd: work,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\n {2}新增：.*courses\/log\/episodes\/003\.md/);
    expect(again.stdout).toMatch(/\n {2}新增：.*papers\/transformer\.md/);
    expect(again.stdout).toMatch(/\n {2}源里有改动：.*papers\/resnet\.md/);
    expect(again.stdout).toMatch(/\n {2}源里已没有，保留：papers\/vgg\.md\n/);
  });
});
