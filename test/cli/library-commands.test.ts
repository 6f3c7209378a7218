import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LibrarySummary, parseRuntime } from "../../src/core/index.js";
import { initialisedLibrary, runCliInProcess, tempDir } from "../support/run-cli.js";

/**
 * A new library made from the built-in template, as `jingdu init --template limu` makes it (made
 * once per file, copied per test: `initialisedLibrary`).
 */
const limuLibrary = () =>
  initialisedLibrary(["--template", "limu", "--title", "论文精读", "--language", "zh"]);

describe("jingdu status", () => {
  it("prints the stable JSON contract, with counts computed from the files", async () => {
    const lib = await limuLibrary();
    const run = await runCliInProcess(["status", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout) as LibrarySummary;
    expect(s.papers).toMatchObject({ total: 90, covered: 59 });
    expect(s.categories.total).toBe(12);
    expect(s.courses).toHaveLength(1);
    const [course] = s.courses;
    expect(course).toMatchObject({ id: "limu", title: "论文精读" });
    expect(course?.episodes).toMatchObject({ total: 59, done: 0 });
    expect(course?.episodes.withNotes).toBe(3);
    expect(course?.minutes.watched).toBe(0);
    const episodes = join(lib, "courses", "limu", "episodes");
    const seconds = readdirSync(episodes)
      .map((f) => /^runtime: "(.+)"$/m.exec(readFileSync(join(episodes, f), "utf8"))?.[1] ?? "")
      .reduce((sum, t) => sum + (parseRuntime(t) ?? Number.NaN), 0);
    expect(course?.minutes.total).toBeCloseTo(seconds / 60, 1);
  });

  it("counts episodes marked done: 1-10 of the series is about 464.6 minutes watched", async () => {
    const lib = await limuLibrary();
    const done = await runCliInProcess(["done", "limu/1-10"], { cwd: lib });
    expect(done.code, done.stderr).toBe(0);
    // The limu template's library is zh: so is what the command says.
    expect(done.stdout).toContain("limu：10 集 → 看完");
    const s = JSON.parse(
      (await runCliInProcess(["status", "--json"], { cwd: lib })).stdout,
    ) as LibrarySummary;
    const course = s.courses[0];
    expect(course?.episodes.done).toBe(10);
    expect(course?.minutes.watched).toBeCloseTo(464.6, 1);
    expect(course?.minutes.left).toBeCloseTo((course?.minutes.total ?? 0) - 464.6, 0);
    expect(readFileSync(join(lib, "progress.yaml"), "utf8")).toMatch(/status: done/);
    const text = (await runCliInProcess(["status"], { cwd: lib })).stdout;
    expect(text).toContain("已看 10/59");
    expect(text).toMatch(/已看 464\.6 \/ 共 3\d{3}\.\d/);
  });

  it("refuses an episode range that does not exist, naming it", async () => {
    const lib = await limuLibrary();
    const run = await runCliInProcess(["done", "limu/50-65"], { cwd: lib });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("limu has no episode 60-65 (it has 59)");
  });
});

describe("finding the library", () => {
  it("uses --library, then JINGDU_LIBRARY, then the folder or a parent", async () => {
    const lib = await limuLibrary();
    const elsewhere = tempDir();
    expect(
      (await runCliInProcess(["--library", lib, "status", "--json"], { cwd: elsewhere })).code,
    ).toBe(0);
    expect(
      (
        await runCliInProcess(["status", "--json"], {
          cwd: elsewhere,
          env: { JINGDU_LIBRARY: lib },
        })
      ).code,
    ).toBe(0);
    const deep = join(lib, "courses", "limu", "episodes");
    expect((await runCliInProcess(["status", "--json"], { cwd: deep })).code).toBe(0);
  });

  it("says clearly when there is no library, with a hint, exit 3", async () => {
    const run = await runCliInProcess(["status"], { cwd: tempDir() });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no jingdu library at .* or any folder above it/);
    expect(run.stderr).toContain("jingdu init");
  });
});

describe("jingdu doctor", () => {
  it("lists every planted problem with file:line and exits 4", async () => {
    const lib = await limuLibrary();
    expect((await runCliInProcess(["doctor"], { cwd: lib })).code).toBe(0);
    // A second paper claiming ResNet's id.
    writeFileSync(
      join(lib, "papers", "resnet-copy.md"),
      "---\nid: resnet\nshort: ResNet again\ncategories: [计算机视觉-cnn]\n---\n",
    );
    // An episode pointing at a paper that does not exist.
    const ep = join(lib, "courses", "limu", "episodes", "002.md");
    writeFileSync(
      ep,
      readFileSync(ep, "utf8").replace(/^papers: \[.*\]$/m, "papers: [alexnet, no-such-paper]"),
    );
    // Invalid YAML in a paper's front matter.
    writeFileSync(
      join(lib, "papers", "broken.md"),
      "---\nshort: Broken\nyear: [2014\n---\nnotes\n",
    );
    const run = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    expect(run.code).toBe(4);
    const { problems } = JSON.parse(run.stdout) as {
      problems: { file: string; line: number; message: string; rule: string }[];
    };
    const where = problems.map((p) => `${p.file}:${p.line}`);
    expect(where).toContain("papers/resnet-copy.md:2");
    expect(problems.find((p) => p.file === "courses/limu/episodes/002.md")?.message).toContain(
      "no-such-paper",
    );
    expect(problems.find((p) => p.file === "courses/limu/episodes/002.md")?.line).toBeGreaterThan(
      1,
    );
    expect(problems.some((p) => p.file === "papers/broken.md" && p.line >= 2 && p.line <= 4)).toBe(
      true,
    );
    const text = (await runCliInProcess(["doctor"], { cwd: lib })).stdout;
    expect(text).toContain("papers/broken.md:");
    expect(text).toMatch(/hint: /);
  });
});

describe("jingdu search", () => {
  it("finds a word from a note and a Chinese phrase from a title", async () => {
    const lib = await limuLibrary();
    const run = await runCliInProcess(["search", "残差块", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const { results } = JSON.parse(run.stdout) as { results: { kind: string; id: string }[] };
    expect(results[0]).toMatchObject({ kind: "episode", id: "limu/5" });
    const title = JSON.parse(
      (await runCliInProcess(["search", "Transformer", "--json"], { cwd: lib })).stdout,
    );
    expect(title.results.length).toBeGreaterThan(3);
  });
});

describe("jingdu reindex", () => {
  it("reads the files that changed, and every file with --verify", async () => {
    const lib = await limuLibrary();
    const reindex = async (...args: string[]) => {
      const run = await runCliInProcess(["reindex", ...args], { cwd: lib });
      expect(run.code, run.stderr).toBe(0);
      const [, read, parsed] = /: (\d+) files read, (\d+) indexed again/.exec(run.stdout) ?? [];
      return [Number(read), Number(parsed)];
    };
    const [all] = await reindex();
    expect(all).toBeGreaterThan(150);
    // Files this new may still change unseen within their mtime tick: read again once settled.
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await reindex()).toEqual([all, 0]);
    expect(await reindex()).toEqual([0, 0]);
    const note = join(lib, "courses", "limu", "episodes", "001.md");
    writeFileSync(note, `${readFileSync(note, "utf8")}\n残差 reindexword\n`);
    expect(await reindex()).toEqual([1, 1]);
    expect(await reindex("--verify")).toEqual([all, 0]);
    const found = await runCliInProcess(["search", "reindexword"], { cwd: lib });
    expect(found.stdout).toContain("limu");
  });
});

describe("jingdu demo (npm start)", () => {
  it("creates the demo library on first run, offline, and shows its status; reopens it later", async () => {
    const home = tempDir();
    const env = { XDG_DATA_HOME: join(home, "data") };
    const first = await runCliInProcess(["demo"], { cwd: home, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `Created the demo library at ${join(home, "data", "jingdu", "demo")}`,
    );
    expect(first.stdout).toContain("0/59 done");
    expect(first.stdout).toContain("Papers: 90 in 12 categories, 59 covered");
    const second = await runCliInProcess(["demo"], { cwd: home, env });
    expect(second.stdout).toContain("Opened the demo library");
  });
});

describe("help", () => {
  it("every command has --help and exits 0", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "x"));
    for (const cmd of [
      "init",
      "import",
      "status",
      "doctor",
      "search",
      "done",
      "add",
      "refresh",
      "reindex",
      "demo",
    ]) {
      const run = await runCliInProcess([cmd, "--help"], { cwd });
      expect(run.code, cmd).toBe(0);
      expect(run.stdout, cmd).toContain("Usage: jingdu");
    }
    expect((await runCliInProcess(["no-such-command"], { cwd })).code).toBe(2);
  });
});
