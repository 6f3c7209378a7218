import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImportReport } from "../../src/cli/import-study-log.js";
import { type CliRun, runCliInProcess, tempDir } from "../support/run-cli.js";
import { HAS_SEED, NO_SEED_MESSAGE, SEED } from "../support/shared-files.js";

interface DoctorProblem {
  rule: string;
  file: string;
  line: number;
  message: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === ".jingdu" ? [] : walk(join(dir, e.name))) : [join(dir, e.name)],
  );
}

if (!HAS_SEED) describe("jingdu import of the seed", () => it.skip(NO_SEED_MESSAGE, () => {}));

describe.skipIf(!HAS_SEED)("jingdu import of the seed", () => {
  let work: string;
  let lib: string;
  let first: CliRun;
  let report: ImportReport & { ms: { total: number } };

  beforeAll(async () => {
    work = tempDir();
    lib = join(work, "library");
    first = await runCliInProcess(["import", SEED, "--into", lib, "--course", "limu", "--json"], {
      cwd: work,
    });
    report = JSON.parse(first.stdout);
  });

  it("creates one course with 54 episodes, all 53 sections matched, 18 with notes", async () => {
    expect(first.code).toBe(0);
    expect(report.course).toEqual({ id: "limu", title: "机器学习 -- 跟李沐学 AI【论文精读】" });
    expect(report.episodes).toMatchObject({
      created: 54,
      total: 54,
      sections: 53,
      matchedSections: 53,
      withNotes: 18,
    });
    const episodes = readdirSync(join(lib, "courses", "limu", "episodes"));
    expect(episodes).toHaveLength(54);
    for (const name of episodes) {
      const text = readFileSync(join(lib, "courses", "limu", "episodes", name), "utf8");
      expect(text, name).toMatch(/^runtime: "/m);
      expect(text, name).toMatch(/^date: \d{4}-\d\d-\d\d$/m);
      expect(text, name).toMatch(/id: BV[0-9A-Za-z]{10}/);
    }
  });

  it("creates 89 papers in 12 categories, 58 covered, and reports the stated counts", async () => {
    expect(report.papers).toMatchObject({ created: 89, total: 89, covered: 58 });
    expect(report.categories.total).toBe(12);
    expect(readdirSync(join(lib, "papers"))).toHaveLength(89);
    expect(report.stated).toEqual({ papers: 67, covered: 32 });
    const mismatch = report.warnings.find((w) => w.rule === "stated-count-mismatch");
    expect(mismatch).toMatchObject({ file: SEED, line: 661 });
    for (const w of report.warnings) {
      expect(typeof w.file).toBe("string");
      expect(typeof w.line).toBe("number");
      expect(typeof w.message).toBe("string");
    }
  });

  it("keeps the notes' Markdown and leaves no Liquid anywhere", async () => {
    const gan = readFileSync(join(lib, "courses", "limu", "episodes", "008.md"), "utf8");
    expect(gan).toContain("title: GAN 逐段精读");
    expect(gan).toContain("D(x)^* = \\frac{p_{data}(x)}{p_{data}(x) + p_g(x)}");
    const all = walk(lib).map((f) => readFileSync(f, "utf8"));
    expect(all.some((t) => t.includes("![网络结构对比]("))).toBe(true);
    expect(all.some((t) => t.includes("\\mathcal{L}_q"))).toBe(true);
    for (const [i, text] of all.entries()) expect(text.includes("{%"), walk(lib)[i]).toBe(false);
  });

  it("reports the time it took, well under a second", async () => {
    expect(report.ms.total).toBeGreaterThan(0);
    expect(report.index.read).toBeGreaterThan(140);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = new Map(walk(lib).map((f) => [f, statSync(f).mtimeMs]));
    const again = await runCliInProcess(
      ["import", SEED, "--into", lib, "--course", "limu", "--json"],
      {
        cwd: work,
      },
    );
    expect(again.code).toBe(0);
    const r = JSON.parse(again.stdout);
    expect(r.episodes).toMatchObject({ created: 0, updated: 0, unchanged: 54, conflicts: 0 });
    expect(r.papers).toMatchObject({ created: 0, updated: 0, unchanged: 89, conflicts: 0 });
    for (const f of walk(lib)) {
      if (f.includes(`${join("imports", "")}`)) continue;
      expect(statSync(f).mtimeMs, relative(lib, f)).toBe(before.get(f));
    }
  });

  it("doctor lists the log's 16 images that are not in the library, each at its note's line", async () => {
    const run = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    const problems = (JSON.parse(run.stdout) as { problems: DoctorProblem[] }).problems;
    const images = problems.filter((p) => p.rule === "image-site-relative");
    expect(images).toHaveLength(16);
    for (const image of images) {
      const path = /image (\S+) /.exec(image.message)?.[1] as string;
      const line = readFileSync(join(lib, image.file), "utf8").split("\n")[image.line - 1];
      expect(line, `${image.file}:${image.line}`).toContain(path);
    }
  });

  it("never overwrites a file the person edited: kept, and a conflict only when the log changed", async () => {
    const file = join(lib, "courses", "limu", "episodes", "008.md");
    const edited = `${readFileSync(file, "utf8")}\n我自己加的一行笔记。\n`;
    writeFileSync(file, edited);
    // The same log again brings nothing new for the edited file: kept, and nothing to decide.
    const same = await runCliInProcess(
      ["import", SEED, "--into", lib, "--course", "limu", "--json"],
      { cwd: work },
    );
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).conflicts).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(edited);
    // The log's notes of that episode changed too: now the import and the person disagree.
    const changedDir = join(work, "changed-log");
    mkdirSync(changedDir, { recursive: true });
    const changed = join(changedDir, basename(SEED));
    const seedText = readFileSync(SEED, "utf8");
    expect(seedText).toContain("刺猬摸电线，卷麻了。");
    writeFileSync(changed, seedText.replace("刺猬摸电线，卷麻了。", "刺猬摸电线，真的卷麻了。"));
    const again = await runCliInProcess(
      ["import", changed, "--into", lib, "--course", "limu", "--json"],
      { cwd: work },
    );
    expect(again.code).toBe(5);
    const r = JSON.parse(again.stdout);
    expect(r.conflicts).toEqual(["courses/limu/episodes/008.md"]);
    expect(readFileSync(file, "utf8")).toBe(edited);
  });

  it("prints a readable report with the counts and warnings with file:line", async () => {
    const fresh = join(work, "second");
    const run = await runCliInProcess(["import", SEED, "--into", fresh], { cwd: work });
    expect(run.code).toBe(0);
    // The seed is a Chinese study log: its library is zh, and so is the summary.
    expect(run.stdout).toContain("新建 54");
    expect(run.stdout).toContain("53 个笔记小节中 53 个对上了表格");
    expect(run.stdout).toContain("文中写着 67 篇 / 已录制 32；表格里是 89 / 58");
    expect(run.stderr).toContain(`${SEED}:661: warning:`);
  });
});

describe.skipIf(!HAS_SEED)("jingdu import of the seed over the limu template", () => {
  it("fills the template's course with the log's notes, keeping the episodes you edited", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib", "--template", "limu"], { cwd: work })).code).toBe(
      0,
    );
    const lib = join(work, "lib");
    const addNote = (n: string) => {
      const file = join(lib, "courses", "limu", "episodes", `${n}.md`);
      writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n\n我自己的笔记。\n`);
      return file;
    };
    // Episode 2: the log has nothing for it the edit lacks (kept, nothing to decide). Episode 5:
    // the log brings images the edited file lacks (kept, and reported as a conflict).
    const mine = addNote("002");
    const disputed = addNote("005");
    const before005 = readFileSync(disputed, "utf8");
    const run = await runCliInProcess(["import", SEED, "--course", "limu", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(5);
    const report = JSON.parse(run.stdout) as ImportReport & { conflicts: string[] };
    expect(report.conflicts).toEqual(["courses/limu/episodes/005.md"]);
    expect(report.episodes.withNotes).toBe(18);
    expect(readFileSync(mine, "utf8")).toContain("我自己的笔记。");
    expect(readFileSync(disputed, "utf8")).toBe(before005);
    // The template's papers keep what it wrote (every one has its Semantic Scholar id): the
    // import filled what they lacked instead of replacing them.
    const papersDir = join(lib, "papers");
    const withS2 = readdirSync(papersDir).filter((f) =>
      /\n {0,2}ids:.*\bs2:|\n {2}s2: /.test(readFileSync(join(papersDir, f), "utf8")),
    );
    expect(withS2.length).toBeGreaterThanOrEqual(90);
    const status = (await runCliInProcess(["status"], { cwd: lib })).stdout;
    // The log's 18 episodes with notes, episode 2 with yours (the log has none for it), and
    // episode 6 with the template's notes, which the log has none for either: kept, not blanked.
    expect(status).toMatch(/\(limu\)\n {2}episodes .* 0\/59 done, 20 with notes/);
    expect(status).not.toContain("(000-");
  });
});
