/**
 * Running `jingdu` in tests. Two ways, for two purposes:
 *
 * - `runCliInProcess` (and `startCliInProcess` for a command that runs until stopped) calls
 *   `runCli` in the test's own process with a context of its own: the given cwd, an environment
 *   built here (never `process.env`), captured output, an optional terminal and stop request.
 *   Use it whenever the test is about what a command does: no Node start-up and module loading
 *   per run, which is what made the CLI suites slow.
 * - `runJingdu` / `runJingduAsync` spawn the built `dist/cli/main.js`, for the tests where a real
 *   process is the point (kill -9, signals, `main.ts` itself, start-up, a few end-to-end smoke
 *   runs). Each such test says why in a comment. `npm test` builds `dist/` first.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import type { CliContext, SourcesPlatform } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/run-cli.js";
import { REPO } from "./shared-files.js";

/** The built CLI (`npm test` builds it before the tests run). */
export const CLI = join(REPO, "dist", "cli", "main.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Added to the run's environment (PATH, HOME = cwd, NO_COLOR=1), which nothing else enters. */
  env?: Record<string, string>;
}

/** A fresh temp folder for one test. */
export function tempDir(prefix = "jingdu-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The first library made per `init` command line in this test file (see `initialisedLibrary`). */
const initialised = new Map<string, Promise<string>>();

/**
 * A library as `jingdu init lib ARGS` makes it, in a temp folder of its own; returns its root. The
 * first call per ARGS in a test file runs the command (and fails the test if it fails); later
 * calls copy that library: init writes each of the template's ~150 files with an fsync, seconds
 * on a loaded machine, and the tests that call this are about what comes after.
 * @example const lib = await initialisedLibrary(["--template", "limu", "--language", "zh"])
 */
export async function initialisedLibrary(args: string[] = []): Promise<string> {
  const key = JSON.stringify(args);
  let first = initialised.get(key);
  if (!first) {
    first = (async () => {
      const work = tempDir();
      const run = await runCliInProcess(["init", "lib", ...args], { cwd: work });
      if (run.code !== 0) throw new Error(`jingdu init lib ${args.join(" ")}: ${run.stderr}`);
      return join(work, "lib");
    })();
    initialised.set(key, first);
  }
  const lib = join(tempDir(), "lib");
  cpSync(await first, lib, { recursive: true });
  return lib;
}

/** The environment of one run: a HOME of its own (tests never touch the real home folder). */
function runEnv(opts: CliOptions): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: opts.cwd, NO_COLOR: "1", ...opts.env };
}

export interface InProcessOptions extends CliOptions {
  /**
   * What the user types, one line per prompt: the run gets a terminal (as when stdin and stdout
   * are a TTY), so interactive commands prompt; prompts are written to stdout.
   */
  typed?: string;
  /** The source clients' platform (fetch, clock, sleep, settings): see `CliContext`. */
  sourcesPlatform?: SourcesPlatform;
  /** The CLI's clock; default the real one. */
  now?: () => Date;
}

/** A command running in-process: what it printed so far, a way to stop it, and its end. */
export interface InProcessRun {
  /** stdout and stderr as printed so far (each line ends with a newline, as a process's would). */
  printed: { stdout: string; stderr: string };
  /** Waits until `pattern` matches stdout (after `from` characters) or stderr. */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Asks the command to stop, as Ctrl-C does (`onInterrupt`). */
  interrupt(): void;
  done: Promise<CliRun>;
}

/** Starts `jingdu ARGS` in this process; see `runCliInProcess`. */
export function startCliInProcess(args: string[], opts: InProcessOptions): InProcessRun {
  const printed = { stdout: "", stderr: "" };
  const stopRequests = new Set<() => void>();
  const ctx: CliContext = {
    output: {
      out: (text) => {
        printed.stdout += `${text}\n`;
      },
      err: (text) => {
        printed.stderr += `${text}\n`;
      },
      tty: false,
    },
    cwd: opts.cwd,
    env: runEnv(opts),
    now: opts.now ?? (() => new Date()),
    packageRoot: REPO,
    onInterrupt: (stop) => {
      stopRequests.add(stop);
      return () => stopRequests.delete(stop);
    },
    ...(opts.sourcesPlatform ? { sourcesPlatform: opts.sourcesPlatform } : {}),
  };
  if (opts.typed !== undefined) {
    // One line typed per prompt, as a person answers: readline drops lines that arrive before
    // it asks. After the last, the input ends (Ctrl-D).
    const lines = opts.typed.split(/(?<=\n)/).filter((l) => l !== "");
    const input = new PassThrough();
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        printed.stdout += chunk.toString("utf8");
        const next = lines.shift();
        setImmediate(() => (next === undefined ? input.end() : input.write(next)));
        callback();
      },
    });
    ctx.terminal = { input, output };
  }
  const done = runCli(args, ctx).then((code) => ({ code, ...printed }));
  return {
    printed,
    async waitFor(pattern, from = 0, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = printed.stdout.slice(from).match(pattern) ?? printed.stderr.match(pattern);
        if (match) return match;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no ${pattern} in:\n${printed.stdout}\n${printed.stderr}`);
    },
    interrupt() {
      for (const stop of [...stopRequests]) stop();
    },
    done,
  };
}

/**
 * Runs `jingdu ARGS` in this process through `runCli`, as a user would run it in `cwd`, with only
 * the environment given (plus PATH, HOME = cwd, NO_COLOR=1), and returns the exit code and what
 * it printed. Nothing is shared with other runs but the loaded modules.
 */
export function runCliInProcess(args: string[], opts: InProcessOptions): Promise<CliRun> {
  return startCliInProcess(args, opts).done;
}

/**
 * Runs the built `jingdu ARGS` as a separate process, in `cwd`, with only the environment given
 * plus PATH, HOME = cwd and NO_COLOR=1. For tests where a real process is the point; the others
 * use `runCliInProcess`.
 */
export function runJingdu(args: string[], opts: CliOptions): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    encoding: "utf8",
    env: runEnv(opts),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Like `runJingdu`, but without blocking the test's event loop: for runs that talk to a server the
 * test itself runs (the fake API server, a local page server).
 */
export function runJingduAsync(args: string[], opts: CliOptions): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: runEnv(opts),
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
