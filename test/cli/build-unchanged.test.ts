/**
 * `jingdu build` run again on a library nothing of which changed answers from the stamp the last
 * build recorded (src/site/build-stamp.ts) without loading the library, and says what the plain
 * build says: the library's problems, the pages' warnings, the counts.
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

const stamps = (lib: string) =>
  readdirSync(join(lib, ".jingdu")).filter((name) => name.startsWith("build-stamp-"));
/** A run's output with its timing taken out (the only thing that may differ). */
const untimed = (text: string) => text.replace(/\d+ ms/g, "N ms").replace(/"ms": \d+/g, '"ms": N');

describe("build with nothing changed", () => {
  it("prints what the plain build prints, in text and JSON, and builds again after a change", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    const lib = join(work, "lib");
    // A library problem (a paper without its short name) and a page warning (a dead link).
    writeFileSync(join(lib, "papers", "broken.md"), "---\ntitle: No short name\n---\n");
    writeFileSync(
      join(lib, "papers", "a.md"),
      "---\nshort: A\n---\nSee [[nowhere]] and [x](/papers/gone/).\n",
    );
    // Files written in the last two seconds are not stamped (the racy window): let them age.
    await new Promise((r) => setTimeout(r, 2_200));
    const out = join(work, "site");
    const cwd = lib;
    for (const args of [
      ["build", "--out", out],
      ["build", "--out", out, "--json"],
    ]) {
      const first = await runCliInProcess(args, { cwd });
      expect(first.code, first.stderr).toBe(0);
      expect(stamps(lib)).toHaveLength(1);
      const stamped = await runCliInProcess(args, { cwd });
      for (const name of stamps(lib)) rmSync(join(lib, ".jingdu", name));
      const plain = await runCliInProcess(args, { cwd });
      expect(plain.code).toBe(0);
      expect(stamped.code).toBe(0);
      expect(untimed(stamped.stdout)).toEqual(untimed(plain.stdout));
      expect(stamped.stderr).toEqual(plain.stderr);
      expect(plain.stderr).toMatch(/broken\.md/);
      expect(plain.stdout + plain.stderr).toMatch(/nowhere|gone/);
      expect(untimed(plain.stdout)).toMatch(/0 pages written|"written": 0/);
    }
    // A change: built, not answered from the stamp.
    writeFileSync(join(lib, "papers", "a.md"), "---\nshort: A\n---\nEdited.\n");
    const changed = await runCliInProcess(["build", "--out", out], { cwd });
    expect(changed.stdout).toMatch(/Built .*: [1-9]\d* pages written/);
  }, 120_000);
});
