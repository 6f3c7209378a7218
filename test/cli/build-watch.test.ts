import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { EXIT } from "../../src/core/index.js";
import { libraryFiles } from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";
import { fixtureLibrary } from "../fixtures/site/fixture-library.js";
import { CLI, runJingdu, startCliInProcess, tempDir } from "../support/run-cli.js";
import { REPO } from "../support/shared-files.js";

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/**
 * `jingdu build --watch` as a user starts it, a real process, with what it has printed so far:
 * the first test is about a real Ctrl-C (SIGINT through main.ts's wiring). The other runs
 * in-process and stops through the context's `onInterrupt`, as main.ts's SIGINT does.
 */
function startWatch(lib: string, out: string, extra: string[] = []) {
  const args = [CLI, "--library", lib, "build", "--out", out, "--watch", ...extra];
  const child = spawn(process.execPath, args, {
    cwd: lib,
    env: { PATH: process.env.PATH ?? "", HOME: lib, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const printed = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    printed.stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    printed.stderr += d;
  });
  const exited = new Promise<number | null>((r) => child.on("close", r));
  /** Waits until `pattern` matches stdout or stderr (after `from` characters of stdout). */
  const waitFor = async (pattern: RegExp, from = 0) => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const match = printed.stdout.slice(from).match(pattern) ?? printed.stderr.match(pattern);
      if (match) return match;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${pattern} in:\n${printed.stdout}\n${printed.stderr}`);
  };
  return { child, printed, exited, waitFor };
}

describe("jingdu build --watch", () => {
  it("rebuilds the pages an edit affects, reports bad files and goes on, stops on Ctrl-C", async () => {
    const lib = await writeTempLibrary(libraryFiles(fixtureLibrary("en")));
    const out = join(tempDir(), "site");
    const watch = startWatch(lib, out);
    await watch.waitFor(/Watching .* \(Ctrl-C to stop\)/);
    expect(watch.printed.stdout).toMatch(/Built .*: \d+ pages written/);

    // An edited paper note: its page and the search index are rewritten, with the new math.
    let from = watch.printed.stdout.length;
    appendFileSync(join(lib, "papers", "resnet.md"), "\nA new line: $x^3$ and xylophone.\n");
    const line = await watch.waitFor(/rebuilt in (\d+) ms: (\d+) written \(([^)]*)\)/, from);
    expect(line[3]).toContain("papers/resnet/index.html");
    const page = readFileSync(join(out, "papers", "resnet", "index.html"), "utf8");
    expect(page).toContain("xylophone");
    expect(page).toMatch(/class="katex".*x.*3/s);
    expect(readFileSync(join(out, "search-index.json"), "utf8")).toContain("xylophone");

    // A broken file: named with its line; the watch goes on and the next edit is built.
    writeFileSync(join(lib, "papers", "broken.md"), "title: [no front matter\n");
    await watch.waitFor(/papers\/broken\.md:1: error/);
    from = watch.printed.stdout.length;
    appendFileSync(join(lib, "papers", "resnet.md"), "\nAnd a second edit: zeppelin.\n");
    await watch.waitFor(/rebuilt in \d+ ms: \d+ written \([^)]*papers\/resnet\/index\.html/, from);
    expect(readFileSync(join(out, "papers", "resnet", "index.html"), "utf8")).toContain("zeppelin");

    watch.child.kill("SIGINT");
    expect(await watch.exited).toBe(0);
    expect(watch.printed.stderr).not.toMatch(/rebuild.* failed|Unhandled|Error:/);
    // Stopped, it wrote its manifest: a plain build now finds every page current.
    // Built processes, as the watch was: the build manifest records the code that built it, and
    // src/ run in-process is other code than dist/.
    const again = runJingdu(["--library", lib, "build", "--out", out, "--json"], { cwd: lib });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, removed: 0 });
    // And its render cache (.jingdu/render-cache.bin) holds every note as last edited: a site
    // built elsewhere renders none of them.
    const otherOut = join(tempDir(), "other");
    const other = runJingdu(["--library", lib, "build", "--out", otherOut], { cwd: lib });
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/\(notes: 0 rendered, [1-9]\d* from the render cache\)/);
    expect(readFileSync(join(otherOut, "papers", "resnet", "index.html"), "utf8")).toContain(
      "zeppelin",
    );
  }, 60_000);

  it("says which change a failed rebuild was about, goes on watching, and rebuilds once fixed", async () => {
    const lib = await writeTempLibrary(libraryFiles(fixtureLibrary("en")));
    const out = join(tempDir(), "site");
    const watch = startWatch(lib, out);
    await watch.waitFor(/Watching .* \(Ctrl-C to stop\)/);
    const progress = join(lib, "progress.yaml");
    // progress.yaml turned into a folder: reading it fails with EISDIR.
    rmSync(progress, { force: true });
    mkdirSync(progress);
    const said = await watch.waitFor(/rebuild after a change to (.*) failed: (.*); still watching/);
    expect(said[1]).toContain("progress.yaml");
    expect(said[2]).toMatch(/EISDIR/);
    // Fixed: the next rebuild runs and writes the page.
    const from = watch.printed.stdout.length;
    rmSync(progress, { recursive: true });
    writeFileSync(progress, "papers:\n  resnet: { status: read, date: 2026-03-01 }\n");
    await watch.waitFor(/rebuilt in \d+ ms: \d+ written/, from);
    watch.child.kill("SIGINT");
    expect(await watch.exited).toBe(0);
  }, 60_000);

  it("with --json prints a line of JSON per build, and says when a problem is fixed", async () => {
    const lib = await writeTempLibrary(libraryFiles(fixtureLibrary("en")));
    const out = join(tempDir(), "site");
    const watch = startCliInProcess(
      ["--library", lib, "build", "--out", out, "--watch", "--json"],
      {
        cwd: lib,
      },
    );
    await watch.waitFor(/Watching /);
    const lines = () => watch.printed.stdout.trim().split("\n");
    expect(JSON.parse(lines()[0] ?? "")).toMatchObject({ removed: 0, warnings: [] });

    writeFileSync(join(lib, "papers", "broken.md"), "no front matter\n");
    await watch.waitFor(/papers\/broken\.md:1: error/);
    rmSync(join(lib, "papers", "broken.md"));
    await watch.waitFor(/The library has no problems now\./);
    const from = watch.printed.stdout.length;
    appendFileSync(join(lib, "papers", "resnet.md"), "\nEdited: [a dead link](files/gone.png).\n");
    await watch.waitFor(/"written":\[[^\]]*papers\/resnet\/index\.html/, from);
    const last = JSON.parse(lines().at(-1) ?? "");
    expect(last.written).toContain("search-index.json");
    // Told at its line of the note's file, front matter counted.
    const text = readFileSync(join(lib, "papers", "resnet.md"), "utf8");
    const line = text.split("\n").findIndex((l) => l.includes("files/gone.png")) + 1;
    expect(last.newWarnings).toEqual([
      expect.objectContaining({ rule: "link-unresolved", file: "papers/resnet.md", line }),
    ]);
    expect(last.newWarnings[0].message).toContain("on papers/resnet/index.html");
    watch.interrupt();
    expect((await watch.done).code).toBe(0);
  }, 60_000);

  it("refuses to start in a context nothing can stop (no onInterrupt) instead of hanging", async () => {
    const lib = await writeTempLibrary(libraryFiles(fixtureLibrary("en")));
    const err: string[] = [];
    const code = await runCli(
      ["--library", lib, "build", "--out", join(tempDir(), "s"), "--watch"],
      {
        output: { out: () => {}, err: (t) => err.push(t), tty: false },
        cwd: lib,
        env: {},
        now: () => new Date(),
        packageRoot: REPO,
      },
    );
    expect(code).toBe(EXIT.failure);
    expect(err.join("\n")).toContain("build --watch needs a way to be stopped");
  });
});
