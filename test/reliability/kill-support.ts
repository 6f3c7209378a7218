/**
 * Helpers of the kill -9 suite (kill.test.ts): running the built CLI and killing it, snapshots of
 * a library's files, and the checks made after each kill.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { CLI } from "../support/run-cli.js";

/** The CLI under test; JINGDU_KILL_CLI points the suite at another build (an older checkout). */
export const KILL_CLI = process.env.JINGDU_KILL_CLI ?? CLI;

/** A small seeded PRNG (mulberry32): the same seed draws the same kill points on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sha = (bytes: Buffer | string): string =>
  createHash("sha256").update(bytes).digest("hex");

/**
 * Any transient file a killed write may leave: temp files (ours end in `.tmp`) and the writer's
 * lock files (`.<name>.lock`, `.<name>.lock.break`, held while a file is written). The next
 * writing command removes those of dead processes, which the trials check.
 */
export const isTemp = (path: string): boolean =>
  path.endsWith(".tmp") || /(?:^|\/)\.[^/]+\.lock(?:\.break)?$/.test(path);

/**
 * Every file under `root` (relative, `/`-separated) → its bytes; `.jingdu/` (derived) and the
 * folders in `skip` are left out, and temp files too unless `temps` is set.
 */
export function snapshot(
  root: string,
  opts: { skip?: readonly string[]; temps?: boolean } = {},
): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!existsSync(root)) return out;
  const skip = new Set([".jingdu", ...(opts.skip ?? [])]);
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!skip.has(path)) walk(join(dir, e.name), path);
      } else if (e.isFile() && (opts.temps || !isTemp(e.name))) {
        out.set(path, readFileSync(join(dir, e.name)));
      }
    }
  };
  walk(root, "");
  return out;
}

/** Temp files anywhere under `root`, `.jingdu/` included. */
export function tempsUnder(root: string, skip: readonly string[] = []): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!skip.includes(path)) walk(join(dir, e.name), path);
      } else if (isTemp(e.name)) found.push(path);
    }
  };
  walk(root, "");
  return found.sort();
}

/** `PRAGMA integrity_check` of the library's index: "ok", "absent", or what SQLite says. */
export function indexIntegrity(root: string): string {
  const path = join(root, ".jingdu", "index.sqlite");
  if (!existsSync(path)) return "absent";
  try {
    const db = new Database(path);
    try {
      return String(db.pragma("integrity_check", { simple: true }));
    } finally {
      db.close();
    }
  } catch (err) {
    return (err as Error).message;
  }
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  pid: number;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** SIGKILL the process this many ms after it was spawned. */
  killAfterMs?: number;
  /** Called with each chunk of stdout (e.g. to learn a server's URL). */
  onStdout?: (text: string, kill: () => void) => void;
}

/** Runs `jingdu ARGS` as a child process, optionally killed with SIGKILL after a delay. */
export function jingdu(args: readonly string[], opts: RunOptions): Promise<Run> & { kill(): void } {
  const started = performance.now();
  const child = spawn(process.execPath, [KILL_CLI, ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: opts.cwd, NO_COLOR: "1", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const timer = opts.killAfterMs === undefined ? undefined : setTimeout(kill, opts.killAfterMs);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
    opts.onStdout?.(stdout, kill);
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const done = new Promise<Run>((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      resolve({ code, signal, stdout, stderr, ms, pid: child.pid ?? -1 });
    });
  });
  return Object.assign(done, { kill });
}

export interface Problem {
  level: string;
  rule: string;
  file: string;
}

/** `jingdu doctor --json`: its exit code and its problems as `level rule file` keys. */
export async function doctor(
  root: string,
  cwd: string,
): Promise<{ code: number | null; keys: string[] }> {
  const run = await jingdu(["--library", root, "doctor", "--json"], { cwd });
  try {
    const problems = (JSON.parse(run.stdout) as { problems: Problem[] }).problems;
    return { code: run.code, keys: problems.map((p) => `${p.level} ${p.rule} ${p.file}`).sort() };
  } catch {
    return { code: run.code, keys: [`unreadable doctor output: ${run.stdout}${run.stderr}`] };
  }
}

/** ISO times written by fetches and saves; two runs of the same refresh differ only in them. */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
export const withoutTimes = (text: string): string => text.replace(ISO_TIME, "<time>");

/**
 * The versions a file may have after a kill: `whole` hashes (byte-equal to one of them), or for
 * a JSON Lines file rewritten batch by batch, `lines`: every line one of these (times aside).
 */
export interface Allowed {
  whole: Set<string>;
  lines?: Set<string>;
}

/** Adds a version of `path` (its hash, and its lines when it is JSON Lines). */
export function allow(map: Map<string, Allowed>, path: string, bytes: Buffer): void {
  const entry = map.get(path) ?? { whole: new Set<string>() };
  entry.whole.add(sha(bytes));
  if (path.endsWith(".jsonl")) {
    entry.lines ??= new Set();
    for (const line of withoutTimes(bytes.toString("utf8")).split("\n")) entry.lines.add(line);
  }
  map.set(path, entry);
}

/** Why `bytes` is not an allowed version of `path`, or `undefined` when it is one. */
export function notAllowed(
  map: Map<string, Allowed>,
  path: string,
  bytes: Buffer,
): string | undefined {
  const entry = map.get(path);
  if (!entry) return `${path}: a file that neither the old nor the new library has`;
  if (entry.whole.has(sha(bytes))) return undefined;
  if (entry.lines) {
    const text = bytes.toString("utf8");
    if (!text.endsWith("\n")) return `${path}: its last line is cut (${bytes.length} bytes)`;
    const bad = withoutTimes(text)
      .split("\n")
      .find((line) => !entry.lines?.has(line));
    return bad === undefined
      ? undefined
      : `${path}: a line of neither version: ${bad.slice(0, 80)}`;
  }
  return `${path}: neither its old nor its new version (${bytes.length} bytes)`;
}

/** Problems in `keys` that are not in `expected` (doctor's findings on the old and new library). */
export const unexpected = (keys: readonly string[], expected: ReadonlySet<string>): string[] =>
  keys.filter((k) => !expected.has(k));

/** `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
