/**
 * `jingdu doctor` reports a note's unresolved `[[…]]` links and citations at their file:line, as
 * `jingdu build` does (issue 18: "doctor reports a broken [[…]] with its line"): the same
 * problems, from the same resolving rule and wording.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

interface Problem {
  rule: string;
  file: string;
  line: number;
  message: string;
}

const XREF = /^xref-/;

describe("doctor and build report the same unresolved note links", () => {
  let work: string;
  let lib: string;
  beforeAll(async () => {
    work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    lib = join(work, "lib");
    mkdirSync(join(lib, "papers"), { recursive: true });
    writeFileSync(
      join(lib, "papers", "resnet.md"),
      "---\nshort: ResNet\ntitle: Deep Residual Learning\ncitekey: he2016deep\n---\nShortcuts.\n",
    );
    writeFileSync(join(lib, "papers", "twin-a.md"), "---\nshort: Twin\n---\n");
    writeFileSync(join(lib, "papers", "twin-b.md"), "---\nshort: Twin\n---\n");
    writeFileSync(
      join(lib, "papers", "notes.md"),
      [
        "---",
        "short: Notes",
        "---",
        "Fine: [[resnet]], [[Deep Residual Learning]], [@he2016deep, p. 3], @resnet.",
        "",
        "Broken: [[alexnet]] and [see @nope; @resnet].",
        "`[[in code]]` and mail a@b.org and @somebody are not links.",
        "Which one: [[Twin]]?",
      ].join("\n"),
    );
  });

  it("doctor names each with its file and line", async () => {
    const run = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    const problems = (JSON.parse(run.stdout) as { problems: Problem[] }).problems.filter((p) =>
      XREF.test(p.rule),
    );
    expect(problems.map((p) => `${p.rule} ${p.file}:${p.line}`)).toEqual([
      "xref-unresolved papers/notes.md:6",
      "xref-unresolved papers/notes.md:6",
      "xref-ambiguous papers/notes.md:8",
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "[[alexnet]] does not name a paper or episode in the library",
      "[@nope] does not name a paper or episode in the library",
      "[[Twin]] names 2 items: twin-a, twin-b",
    ]);
    expect(run.code).toBe(4);
    const text = (await runCliInProcess(["doctor"], { cwd: lib })).stdout;
    expect(text).toContain("papers/notes.md:6: warning: [[alexnet]] does not name a paper");
  });

  it("build reports the same problems", async () => {
    const doctor = (
      JSON.parse((await runCliInProcess(["doctor", "--json"], { cwd: lib })).stdout) as {
        problems: Problem[];
      }
    ).problems.filter((p) => XREF.test(p.rule));
    const build = await runCliInProcess(["build", "--out", join(work, "site"), "--json"], {
      cwd: lib,
    });
    expect(build.code, build.stderr).toBe(0);
    const warnings = (JSON.parse(build.stdout) as { warnings: Problem[] }).warnings.filter((p) =>
      XREF.test(p.rule),
    );
    const key = (p: Problem) => `${p.file}:${p.line} ${p.message}`;
    expect(warnings.map(key).sort()).toEqual(doctor.map(key).sort());
  });
});
