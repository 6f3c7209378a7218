/**
 * The common commands speak the library's language (`language:` in jingdu.yaml, issue 20):
 * `status`, `doctor`, `done`, `watching`, `add course` and `import`'s summary, run in-process on
 * a zh and an en library made from the same template, print the same facts in two languages.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SYNTHETIC_FIXTURES } from "../support/fake-api-server.js";
import { initialisedLibrary, runCliInProcess } from "../support/run-cli.js";
import { REPO } from "../support/shared-files.js";

const library = (language: "zh" | "en") =>
  initialisedLibrary(["--template", "limu", "--language", language]);

async function run(args: string[], cwd: string): Promise<string> {
  const r = await runCliInProcess(args, { cwd });
  expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe("CLI messages in the library's language", () => {
  it("done, watching and status in Chinese for a zh library, in English for an en one", async () => {
    const zh = await library("zh");
    const en = await library("en");
    expect(await run(["done", "limu/1-3"], zh)).toMatch(/^limu：3 集 → 看完（\d+\.\d 分钟）\n$/);
    expect(await run(["done", "limu/1-3"], en)).toMatch(
      /^limu: 3 episodes → done \(\d+\.\d minutes\)\n$/,
    );
    expect(await run(["watching", "limu/4", "--at", "10:00"], zh)).toMatch(/^limu：第 4 集 → 在看/);
    expect(await run(["watching", "limu/4", "--at", "10:00"], en)).toMatch(
      /^limu: episode 4 → watching/,
    );

    const zhStatus = await run(["status"], zh);
    expect(zhStatus).toMatch(/ {2}集数 .* 已看 3\/\d+，在看 1，有笔记 \d+/);
    expect(zhStatus).toMatch(
      / {2}分钟 .* 已看 [\d.]+ \/ 共 [\d.]+（[\d.]+ h \/ [\d.]+ h），还剩 [\d.]+/,
    );
    expect(zhStatus).toMatch(/论文：\d+ 篇，\d+ 个分类，已录制 \d+ 篇（✅），已读 \d+ 篇/);
    expect(zhStatus).toMatch(/本周（自 \d{4}-\d{2}-\d{2}）：看完 3 集/);
    expect(zhStatus).not.toMatch(/episodes|Papers:|This week/);
    const enStatus = await run(["status"], en);
    expect(enStatus).toMatch(/ {2}episodes .* 3\/\d+ done, 1 watching, \d+ with notes/);
    expect(enStatus).toMatch(/Papers: \d+ in \d+ categories, \d+ covered \(✅\), \d+ read/);
    expect(enStatus).toMatch(/This week \(since \d{4}-\d{2}-\d{2}\): 3 episodes done/);
    // The same counts in both.
    const papers = (text: string) => /(\d+)/.exec(text.slice(text.search(/论文：|Papers:/)))?.[1];
    expect(papers(zhStatus)).toBe(papers(enStatus));
  });

  it("doctor says it found nothing, or counts what it found, in the library's language", async () => {
    const zh = await library("zh");
    const en = await library("en");
    expect(await run(["doctor"], zh)).toBe(`${zh}：没有发现问题\n`);
    expect(await run(["doctor"], en)).toBe(`${en}: no problems found\n`);
    // A note's image that is not in files/: one warning, counted.
    for (const root of [zh, en]) {
      writeFileSync(
        join(root, "papers", "bert.md"),
        "---\nshort: BERT\n---\n![fig](files/none.png)\n",
      );
    }
    const zhDoctor = await runCliInProcess(["doctor"], { cwd: zh });
    expect(zhDoctor.stdout).toMatch(/0 个错误，1 个警告，0 条提示\n$/);
    const enDoctor = await runCliInProcess(["doctor"], { cwd: en });
    expect(enDoctor.stdout).toMatch(/0 errors, 1 warnings, 0 notes\n$/);
  });

  it("add course and import's summary in the library's language", async () => {
    const zh = await library("zh");
    const en = await library("en");
    for (const root of [zh, en]) {
      copyFileSync(
        join(SYNTHETIC_FIXTURES, "ytdlp-flat-playlist.SHAPED.json"),
        join(root, "ncs.json"),
      );
      copyFileSync(
        join(REPO, "test", "fixtures", "import", "papers-table.md"),
        join(root, "weekly.md"),
      );
    }
    expect(await run(["add", "course", "ncs.json"], zh)).toMatch(
      /^已添加课程 .+（.+）：4 集，[\d.]+ 分钟\n/,
    );
    expect(await run(["add", "course", "ncs.json"], en)).toMatch(
      /^Added course .+ \(.+\): 4 episodes, [\d.]+ minutes\n/,
    );
    expect(await run(["add", "course", "ncs.json"], zh)).toMatch(
      /^未添加：.+ 已经是 courses\/.+\/course\.md/,
    );

    const zhImport = await run(["import", "weekly.md"], zh);
    expect(zhImport).toMatch(/^已导入 weekly\.md（论文列表）到 /);
    expect(zhImport).toMatch(/\n {2}论文 +新建 \d+，更新 \d+，未变 \d+\n/);
    expect(zhImport).toMatch(/\n {2}问题 +\d+ 个错误，\d+ 个警告，\d+ 条提示（见 stderr）\n/);
    // What the import made, named in Chinese too: no English part name is left in the row.
    const zhMade = /\n {2}生成 +(.+)\n/.exec(zhImport)?.[1] ?? "";
    expect(zhMade).toMatch(/^\d+ 篇论文，\d+ 个分类/);
    expect(zhMade).not.toMatch(/[A-Za-z]/);
    const enImport = await run(["import", "weekly.md"], en);
    expect(enImport).toMatch(/^Imported weekly\.md \(a paper list\) into /);
    expect(enImport).toMatch(/\n {2}papers +\d+ created, \d+ updated, \d+ unchanged\n/);
    expect(enImport).toMatch(/\n {2}made +\d+ papers, \d+ categories/);
    expect(enImport).toMatch(
      /\n {2}problems +\d+ errors, \d+ warnings, \d+ notes \(listed on stderr\)\n/,
    );
  });
});
