/**
 * The commands the kill suite interrupts, each as a trial: set a library up, run the command,
 * SIGKILL it `delayMs` after it started, check what it left, run it again, check the result.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  type Allowed,
  allow,
  doctor,
  indexIntegrity,
  jingdu,
  notAllowed,
  type Run,
  sleep,
  snapshot,
  tempsUnder,
  unexpected,
  withoutTimes,
} from "./kill-support.js";

export interface TrialResult {
  /** The process was killed before it finished (else it completed before the kill point). */
  killed: boolean;
  failures: string[];
  /** The next run said it recovered something (a half-created library, stale temps). */
  recovered: boolean;
}

/** What every trial checks on the library a kill left, before running the command again. */
export async function checkAfterKill(
  lib: string,
  cwd: string,
  versions: Map<string, Allowed>,
  expectedProblems: ReadonlySet<string>,
  skip: readonly string[] = [],
): Promise<string[]> {
  const failures: string[] = [];
  for (const [path, bytes] of snapshot(lib, { skip })) {
    const why = notAllowed(versions, path, bytes);
    if (why) failures.push(why);
  }
  if (existsSync(join(lib, "jingdu.yaml"))) {
    const d = await doctor(lib, cwd);
    for (const k of unexpected(d.keys, expectedProblems))
      failures.push(`doctor after the kill: ${k}`);
  }
  return failures;
}

/** What every trial checks once the command ran again to its end. */
export async function checkAfterNextRun(
  lib: string,
  cwd: string,
  next: Run,
  expectedProblems: ReadonlySet<string>,
  tempSkip: readonly string[] = [],
): Promise<string[]> {
  const failures: string[] = [];
  if (next.code !== 0) {
    failures.push(
      `the next run exited ${next.code}: ${(next.stderr || next.stdout).slice(0, 300)}`,
    );
  }
  for (const t of tempsUnder(lib, tempSkip))
    failures.push(`a temp file stayed after the next run: ${t}`);
  const integrity = indexIntegrity(lib);
  if (integrity !== "ok") failures.push(`index integrity_check after the next run: ${integrity}`);
  const d = await doctor(lib, cwd);
  for (const k of unexpected(d.keys, expectedProblems))
    failures.push(`doctor after the next run: ${k}`);
  return failures;
}

/** Differences between a library and the one an uninterrupted run made (times aside). */
export function differences(
  actual: Map<string, Buffer>,
  expected: Map<string, Buffer>,
  ignoreTimes = false,
): string[] {
  const norm = (b: Buffer | undefined) =>
    b === undefined
      ? undefined
      : ignoreTimes
        ? withoutTimes(b.toString("utf8"))
        : b.toString("base64");
  const out: string[] = [];
  for (const path of new Set([...actual.keys(), ...expected.keys()])) {
    if (norm(actual.get(path)) === norm(expected.get(path))) continue;
    out.push(
      !actual.has(path)
        ? `${path} is missing`
        : !expected.has(path)
          ? `${path} should not be there`
          : `${path} differs from an uninterrupted run's`,
    );
  }
  return out.sort();
}

/** Allowed versions: each file's bytes in each of `libraries`. */
export function versionsOf(...libraries: Map<string, Buffer>[]): Map<string, Allowed> {
  const map = new Map<string, Allowed>();
  for (const lib of libraries) for (const [path, bytes] of lib) allow(map, path, bytes);
  return map;
}

export interface CommandTrial {
  /** The folder the trial works in (removed afterwards). */
  dir: string;
  /** The library before the command (copied into `dir/lib`; `undefined`: no library yet). */
  before?: string;
  args: (lib: string) => string[];
  env?: Record<string, string>;
  versions: Map<string, Allowed>;
  /** doctor's findings on the old and the new library. */
  problems: ReadonlySet<string>;
  /** The library an uninterrupted run leaves. */
  expected: Map<string, Buffer>;
  ignoreTimes?: boolean;
  delayMs: number;
}

/** A trial of a command that runs to its end by itself (import, refresh). */
export async function commandTrial(t: CommandTrial): Promise<TrialResult> {
  const lib = join(t.dir, "lib");
  mkdirSync(t.dir, { recursive: true });
  if (t.before) cpSync(t.before, lib, { recursive: true });
  const env = t.env ?? {};
  const first = await jingdu(t.args(lib), { cwd: t.dir, env, killAfterMs: t.delayMs });
  const killed = first.signal === "SIGKILL";
  const failures: string[] = [];
  if (!killed && first.code !== 0)
    failures.push(`the run itself exited ${first.code}: ${first.stderr.slice(0, 300)}`);
  failures.push(...(await checkAfterKill(lib, t.dir, t.versions, t.problems)));
  const next = await jingdu(t.args(lib), { cwd: t.dir, env });
  failures.push(...(await checkAfterNextRun(lib, t.dir, next, t.problems)));
  if (next.code === 0) failures.push(...differences(snapshot(lib), t.expected, t.ignoreTimes));
  const recovered = /"recovered": \[\s*"|removed \d+ temp/.test(next.stdout + next.stderr);
  rmSync(t.dir, { recursive: true, force: true });
  return { killed, failures, recovered };
}

const BUILD_MANIFEST = ".jingdu-build.json";
const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export interface BuildTrial {
  dir: string;
  before: string;
  old: Map<string, Buffer>;
  problems: ReadonlySet<string>;
  /** The site an uninterrupted build writes (without its manifest). */
  site: Map<string, Buffer>;
  delayMs: number;
}

/** A trial of `jingdu build`: the library is never changed; the next build's site is whole. */
export async function buildTrial(t: BuildTrial): Promise<TrialResult> {
  const lib = join(t.dir, "lib");
  const out = join(t.dir, "site");
  cpSync(t.before, lib, { recursive: true });
  const args = ["--library", lib, "build", "--out", out];
  const first = await jingdu(args, { cwd: t.dir, killAfterMs: t.delayMs });
  const killed = first.signal === "SIGKILL";
  const failures: string[] = [];
  if (!killed && first.code !== 0)
    failures.push(`the build itself exited ${first.code}: ${first.stderr.slice(0, 300)}`);
  failures.push(...(await checkAfterKill(lib, t.dir, versionsOf(t.old), t.problems)));
  const next = await jingdu(args, { cwd: t.dir });
  failures.push(...(await checkAfterNextRun(lib, t.dir, next, t.problems)));
  if (next.code === 0) {
    failures.push(...differences(snapshot(lib), t.old));
    // The build's manifest names its own folder (another one here): whole JSON is enough.
    const site = snapshot(out, { temps: true });
    const manifest = site.get(BUILD_MANIFEST)?.toString("utf8") ?? "";
    if (!isJson(manifest)) failures.push(`site: ${BUILD_MANIFEST} is not whole JSON`);
    site.delete(BUILD_MANIFEST);
    failures.push(...differences(site, t.site).map((d) => `site: ${d}`));
  }
  rmSync(t.dir, { recursive: true, force: true });
  return { killed, failures, recovered: /removed \d+ temp/.test(next.stderr) };
}

/** The page and file the save trials edit. */
export const NOTE_PAGE = "/courses/limu/2/";
export const NOTE_FILE = "courses/limu/episodes/002.md";

/** Starts `jingdu serve` on a free port; resolves its URL (undefined: it died first). */
function startServe(lib: string, cwd: string, killAfterMs?: number) {
  let resolveUrl: (url: string | undefined) => void = () => {};
  const url = new Promise<string | undefined>((r) => {
    resolveUrl = r;
  });
  const run = jingdu(["serve", lib, "--port", "0"], {
    cwd,
    ...(killAfterMs === undefined ? {} : { killAfterMs }),
    onStdout: (text) => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) resolveUrl(m[1]);
    },
  });
  void run.then(() => resolveUrl(undefined));
  return { run, url };
}

/** The note's token and hash from its edit page, as the app's script reads them. */
async function editPage(url: string): Promise<{ token: string; hash: string }> {
  const res = await fetch(`${url}/_/edit?page=${encodeURIComponent(NOTE_PAGE)}`);
  const html = await res.text();
  const token = /<meta name="jingdu-token" content="([^"]+)"/.exec(html)?.[1];
  const hash = /data-hash="([0-9a-f]{64})"/.exec(html)?.[1];
  if (!token || !hash) throw new Error(`no token or hash on the edit page (${res.status})`);
  return { token, hash };
}

async function putNote(url: string, token: string, body: string, baseHash: string) {
  const res = await fetch(`${url}/api/notes`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-jingdu-token": token },
    body: JSON.stringify({ page: NOTE_PAGE, body, baseHash }),
  });
  return { status: res.status, json: (await res.json()) as { hash?: string } };
}

/** The body of a note file (after its front matter), as the editor shows it. */
const noteBody = (text: string): string =>
  text.slice(text.indexOf("\n---", 3) + 5).replace(/\n$/, "");

export interface SaveTrial {
  dir: string;
  before: string;
  old: Map<string, Buffer>;
  problems: ReadonlySet<string>;
  saves: number;
  delayMs: number;
  trial: number;
}

/**
 * A trial of note saves through `jingdu serve` (PUT /api/notes, one after another, each on the
 * hash the last one returned), the server killed at `delayMs`: every acknowledged text is on
 * disk (the note or a revision), every file is an old or a sent version.
 */
export async function saveTrial(
  t: SaveTrial,
): Promise<TrialResult & { acked: number; ms: number }> {
  const lib = join(t.dir, "lib");
  cpSync(t.before, lib, { recursive: true });
  const oldNote = t.old.get(NOTE_FILE)?.toString("utf8") ?? "";
  const sent: string[] = [noteBody(oldNote)];
  const acked: string[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const server = startServe(lib, t.dir, t.delayMs);
  const url = await server.url;
  if (url) {
    try {
      const page = await editPage(url);
      const { token } = page;
      let { hash } = page;
      for (let k = 0; k < t.saves; k++) {
        const body = `kill trial ${t.trial}, save ${k}: 精读 $$E=mc^2$$ ${"笔记".repeat(k * 40)}`;
        sent.push(body);
        const r = await putNote(url, token, body, hash);
        if (r.status !== 200 || !r.json.hash) {
          failures.push(`save ${k} answered ${r.status}`);
          break;
        }
        acked.push(body);
        hash = r.json.hash;
      }
    } catch {
      // The server died (the kill): the save in flight has no answer.
    }
  }
  const ms = performance.now() - started;
  server.run.kill();
  const first = await server.run;
  const killed = first.signal === "SIGKILL" && acked.length < t.saves;

  const bodies = new Set(sent);
  const note = readFileSync(join(lib, NOTE_FILE), "utf8");
  if (!bodies.has(noteBody(note))) failures.push(`${NOTE_FILE}: neither an old nor a sent text`);
  const revDir = join(lib, "revisions", NOTE_FILE);
  const revisions = existsSync(revDir)
    ? readdirSync(revDir)
        .filter((n) => !n.endsWith(".tmp"))
        .map((n) => readFileSync(join(revDir, n), "utf8"))
    : [];
  for (const r of revisions)
    if (!bodies.has(noteBody(r)))
      failures.push(`a revision of ${NOTE_FILE} is neither an old nor a sent text`);
  const kept = new Set([noteBody(note), ...revisions.map(noteBody)]);
  for (const [k, body] of acked.entries()) {
    if (!kept.has(body)) failures.push(`save ${k} was acknowledged (200) and is lost`);
  }
  const others = new Map(
    [...snapshot(lib)].filter(([p]) => p !== NOTE_FILE && !p.startsWith("revisions/")),
  );
  const oldOthers = new Map([...t.old].filter(([p]) => p !== NOTE_FILE));
  failures.push(...differences(others, oldOthers));
  const d = await doctor(lib, t.dir);
  for (const k of unexpected(d.keys, t.problems)) failures.push(`doctor after the kill: ${k}`);

  // The next run: a server on the same library takes a save on the hash it shows.
  const again = startServe(lib, t.dir);
  const url2 = await again.url;
  let nextOk = false;
  let recovered = false;
  if (url2) {
    try {
      const { token, hash } = await editPage(url2);
      const r = await putNote(url2, token, `after trial ${t.trial}`, hash);
      nextOk =
        r.status === 200 &&
        noteBody(readFileSync(join(lib, NOTE_FILE), "utf8")) === `after trial ${t.trial}`;
    } catch (err) {
      failures.push(`the next server failed: ${(err as Error).message}`);
    }
  }
  again.run.kill();
  const second = await again.run;
  recovered = /removed \d+ temp/.test(second.stderr);
  if (!nextOk) failures.push(`the next server did not take a save: ${second.stderr.slice(0, 300)}`);
  // The second server was killed too, after its save: only its own temps may be left now.
  for (const p of tempsUnder(lib)) {
    if (!p.includes(`.${second.pid}.`))
      failures.push(`a temp file stayed after the next run: ${p}`);
  }
  const integrity = indexIntegrity(lib);
  if (integrity !== "ok" && integrity !== "absent")
    failures.push(`index integrity_check: ${integrity}`);
  rmSync(t.dir, { recursive: true, force: true });
  await sleep(0);
  return { killed, failures, recovered, acked: acked.length, ms };
}
