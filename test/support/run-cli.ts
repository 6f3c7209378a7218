import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "./shared-files.js";

/** The built CLI (`npm test` builds it before the tests run). */
export const CLI = join(REPO, "dist", "cli", "main.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh temp folder for one test. */
export function tempDir(prefix = "jingdu-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Runs `jingdu ARGS` as a user would, in `cwd`, with a HOME of its own (tests never touch the real
 * home folder) and only the environment given plus PATH.
 */
export function runJingdu(
  args: string[],
  opts: { cwd: string; env?: Record<string, string> },
): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: opts.cwd, NO_COLOR: "1", ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Like `runJingdu`, but without blocking the test's event loop: for runs that talk to a server the
 * test itself runs (the fake API server, a local page server).
 */
export function runJingduAsync(
  args: string[],
  opts: { cwd: string; env?: Record<string, string> },
): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? "", HOME: opts.cwd, NO_COLOR: "1", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}
