import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCliInProcess, tempDir } from "../support/run-cli.js";

/** Imports `content` written to `name` into a new library; returns the run and the library path. */
async function importText(name: string, content: string | Buffer, extra: string[] = []) {
  const work = tempDir();
  const file = join(work, name);
  writeFileSync(file, content);
  const lib = join(work, "lib");
  return {
    run: await runCliInProcess(["import", name, "--into", lib, ...extra], { cwd: work }),
    lib,
    file,
  };
}

describe("import of bad input: a clear message, the rest imported, nothing lost", () => {
  it("an empty file: says so, writes nothing", async () => {
    const { run, lib } = await importText("empty.md", "");
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("empty.md");
    expect(run.stderr).toMatch(/empty/i);
    expect(existsSync(lib)).toBe(false);
  });

  it("a binary file: names the file and line of the first NUL byte", async () => {
    const bytes = Buffer.concat([
      Buffer.from("## 标题 06:39\n第二行\n"),
      Buffer.from([0x89, 0x50, 0x00, 0x01]),
    ]);
    const { run, lib } = await importText("picture.md", bytes);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("picture.md:3: not a text file");
    expect(existsSync(lib)).toBe(false);
  });

  it("a 50 MB file: refused with the size and the way to raise the limit, no crash", async () => {
    const unit = Buffer.from(`## 一集 10:00\n\n${"很长的一行笔记。".repeat(64)}\n`);
    const big = Buffer.concat(Array(Math.ceil((50 * 1024 * 1024) / unit.length)).fill(unit));
    const { run, lib } = await importText("huge.md", big);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/huge\.md: 50\.0 MB is larger than the 16\.0 MB/);
    expect(run.stderr).toContain("--max-size");
    expect(existsSync(lib)).toBe(false);
  });

  it("broken YAML front matter: a warning with the line, the body still imported", async () => {
    const text = [
      "---",
      "title: 我的学习笔记",
      "tags: [unclosed",
      "---",
      "",
      "## 第一集 12:00",
      "",
      "笔记内容 $x^2$。",
      "",
    ].join("\n");
    const { run, lib } = await importText("broken.md", text, ["--json", "--course", "c"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const yamlWarning = report.warnings.find((w: { rule: string }) => /front-matter/.test(w.rule));
    expect(yamlWarning.file).toBe("broken.md");
    expect(yamlWarning.line).toBeGreaterThanOrEqual(2);
    expect(yamlWarning.line).toBeLessThanOrEqual(4);
    const episode = readFileSync(join(lib, "courses", "c", "episodes", "001.md"), "utf8");
    expect(episode).toContain("笔记内容 $x^2$。");
    expect(episode).toContain('runtime: "12:00"');
  });

  it("a table row with missing cells and a heading with runtime 61:99: warned with lines, rest imported", async () => {
    const text = [
      "## 好的一集 10:00",
      "",
      "## 坏的时长 61:99",
      "",
      "### 录制完成的论文",
      "",
      "| 日期 | 标题 | 时长 | 视频 |",
      "| -- | -- | -- | -- |",
      "| 1/2/22 | 坏的时长 | 12:00 | [video](https://www.bilibili.com/video/BV1ab4y1s7rc/) |",
      "| 1/1/22 | 好的一集 |",
      "",
    ].join("\n");
    const { run, lib } = await importText("rows.md", text, ["--json", "--course", "c"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const rules = report.warnings.map((w: { rule: string; line: number }) => `${w.rule}@${w.line}`);
    expect(rules).toContain("runtime-invalid@3");
    expect(rules.some((r: string) => r.endsWith("@10") && /cell/.test(r))).toBe(true);
    expect(readdirSync(join(lib, "courses", "c", "episodes"))).toHaveLength(2);
  });

  it("a file that does not exist: exit 6 and its name", async () => {
    const work = tempDir();
    const run = await runCliInProcess(["import", "nope.md", "--into", join(work, "lib")], {
      cwd: work,
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("nope.md: no such file");
  });
});

describe("a broken file in a library: every command that goes on says which and where", () => {
  it("status, build and readme name the skipped file with its line; the rest is used", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    const lib = join(work, "lib");
    writeFileSync(join(lib, "papers", "good.md"), "---\nshort: Good\nyear: 2015\n---\n");
    writeFileSync(join(lib, "papers", "broken.md"), "---\nshort: [unclosed\nyear: soon\n---\nx\n");
    for (const args of [["status"], ["build"], ["readme"]]) {
      const run = await runCliInProcess(args, { cwd: lib });
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stderr, args.join(" ")).toMatch(/^papers\/broken\.md:\d+: error: /m);
      expect(run.stderr).toContain("The library has 1 problem; the rest was used.");
    }
    expect((await runCliInProcess(["readme"], { cwd: lib })).stdout).toContain("| Good |");
  });

  it("build to a folder it cannot write: says which and why, renders nothing", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    writeFileSync(join(work, "a-file"), "not a folder\n");
    const run = await runCliInProcess(["build", "--out", join(work, "a-file", "site")], {
      cwd: join(work, "lib"),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot write the site to ${join(work, "a-file", "site")}`);
    expect(run.stderr).toContain("a file is in the way");
    expect(run.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
    expect(readFileSync(join(work, "a-file"), "utf8")).toBe("not a folder\n");
  });

  it("build with a base URL that is neither a path nor an http(s) URL: refused, nothing written", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    const out = join(work, "site");
    const run = await runCliInProcess(
      ["build", "--base-url", "javascript:alert(1)", "--out", out],
      {
        cwd: join(work, "lib"),
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--base-url "javascript:alert(1)" is not a path or an http(s) URL',
    );
    expect(run.stderr).toContain("https://me.github.io/study/");
    expect(existsSync(out)).toBe(false);
    for (const good of ["/notes/", "notes", "https://me.github.io/study/"]) {
      expect(
        (
          await runCliInProcess(["build", "--base-url", good, "--out", out], {
            cwd: join(work, "lib"),
          })
        ).code,
      ).toBe(0);
    }
  });

  // A real process: the EPIPE handling under test is main.ts's, on the process's own stdout.
  it("a reader that closes the pipe early ends the command quietly", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib", "--template", "limu"], { cwd: work })).code).toBe(
      0,
    );
    const child = spawn(process.execPath, [CLI, "status"], {
      cwd: join(work, "lib"),
      env: { PATH: process.env.PATH ?? "", HOME: work, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    // Closed before the command has written anything: every line it writes meets a closed pipe.
    child.stdout.destroy();
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
