import { type Dirent, existsSync } from "node:fs";
import { open, readdir, readFile, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { processIsAlive } from "../base/index.js";
import { DERIVED_DIR } from "./library-layout.js";

/**
 * The names jingdu's writers give their temp files, with the writing process's pid:
 * `.<name>.<pid>.<8 hex>.tmp` (`writeFileAtomic`, anywhere) and `<name>.<pid>.tmp` (the caches,
 * only in `.jingdu/`: elsewhere such a name may be a person's file).
 */
const ATOMIC_TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
const CACHE_TEMP = /^[^.].*\.(\d+)\.tmp$/;

/** Folders never walked: other tools' data, and a static build's output (it has its manifest). */
const SKIPPED_DIRS = new Set([".git", "node_modules"]);
const BUILD_MANIFEST = ".jingdu-build.json";
/** Every temp and lock name of ours outside `.jingdu/` starts with a dot (see above and below). */
const DOT = 46;

/** A temp this old is removed even when its pid is alive again (pids are reused). */
export const STALE_TEMP_AGE_MS = 60 * 60 * 1000;

/**
 * The writer's lock files (base/library-writer.ts): `.<name>.lock` holding `{pid, host,
 * startedAt}`, stale when that process is gone (same host) or older than 30 s; and
 * `.<name>.lock.break`, held for the moment a stale lock is taken over, stale after 5 s.
 */
const LOCK_NAME = /^\..+\.lock$/;
const BREAK_NAME = /^\..+\.lock\.break$/;
export const STALE_LOCK_AGE_MS = 30_000;
const STALE_BREAK_AGE_MS = 5_000;
const HOST = hostname();

/**
 * The pid in a jingdu temp file's name, or `undefined` when the name is not one; `inDerived`:
 * the file is in `.jingdu/`, where the caches' temps are too.
 */
export function tempFilePid(name: string, inDerived = false): number | undefined {
  const m = ATOMIC_TEMP.exec(name) ?? (inDerived ? CACHE_TEMP.exec(name) : null);
  const pid = m ? Number(m[1]) : Number.NaN;
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

// One liveness test for the writer's locks and for the cleanup of what dead writers left.
export { processIsAlive };

export interface StaleTempOptions {
  /** Default: `processIsAlive`. */
  isAlive?: (pid: number) => boolean;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** Default `STALE_TEMP_AGE_MS`. */
  maxAgeMs?: number;
  /** Walk sub-folders (default true); false looks at the folder itself only. */
  recursive?: boolean;
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    // No such folder: nothing stale in it.
    return [];
  }
}

/** Removes a `.lock.break` older than the writer lets one live; true when it did. */
async function breakIfStale(path: string, _alive: unknown, now: () => number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info || now() - info.mtimeMs <= STALE_BREAK_AGE_MS) return false;
  await rm(path, { force: true });
  return true;
}

/**
 * Removes a stale lock file as the writer takes one over: holding `.<name>.lock.break`
 * (created exclusively), so that a lock another process takes meanwhile is never removed.
 */
async function lockIfStale(
  path: string,
  isAlive: (pid: number) => boolean,
  now: () => number,
): Promise<boolean> {
  const breaker = `${path}.break`;
  // Someone else is breaking this lock right now: leave it to them.
  const handle = await open(breaker, "wx").catch(() => undefined);
  if (!handle) return false; // being taken over right now
  try {
    await handle.writeFile(`${process.pid}\n`);
    const [text, info] = await Promise.all([
      // The lock went away meanwhile: nothing to break.
      readFile(path, "utf8").catch(() => undefined),
      // The lock went away meanwhile: nothing to break.
      stat(path).catch(() => undefined),
    ]);
    if (text === undefined || info === undefined) return false;
    let owner: { pid?: unknown; host?: unknown; startedAt?: unknown } = {};
    try {
      owner = JSON.parse(text);
    } catch {
      // Empty or torn (killed between its create and its write): judged by its age.
    }
    const since = typeof owner.startedAt === "number" ? owner.startedAt : info.mtimeMs;
    const dead =
      typeof owner.pid === "number" &&
      owner.pid !== process.pid &&
      owner.host === HOST &&
      !isAlive(owner.pid);
    if (!dead && now() - since <= STALE_LOCK_AGE_MS) return false;
    await rm(path, { force: true });
    return true;
  } finally {
    await handle.close();
    await rm(breaker, { force: true });
  }
}

/**
 * Removes the temp files (`tempFilePid`) under `root` that a dead process left behind (killed
 * between writing its temp and the rename: the target itself is intact), and those older than
 * `maxAgeMs` whatever their pid; and the writer's stale lock files (`lockIfStale`). A live
 * process's recent temp or lock is never touched. Returns the removed paths, relative to `root`
 * and `/`-separated, sorted.
 * @example const removed = await removeStaleFiles(root) // [".jingdu.yaml.4711.0a1b2c3d.tmp"]
 */
export async function removeStaleFiles(
  root: string,
  options: StaleTempOptions = {},
): Promise<string[]> {
  const isAlive = options.isAlive ?? processIsAlive;
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? STALE_TEMP_AGE_MS;
  const removed: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const list = await entries(dir);
    if (rel !== "" && list.some((e) => e.name === BUILD_MANIFEST)) return;
    const sub: Promise<void>[] = [];
    // Breakers first: one left by a killed process would keep its lock from being checked.
    const breakers = list.filter((e) => BREAK_NAME.test(e.name));
    const ordered =
      breakers.length === 0 ? list : [...breakers, ...list.filter((e) => !breakers.includes(e))];
    const inDerived = rel === DERIVED_DIR;
    for (const e of ordered) {
      // Most entries are a person's files (`papers/` holds one per paper): a file whose name
      // none of our temps or locks can have is passed over before any path is made (issue 22:
      // at 20,000 papers the paths and tests of every name cost ~0.1 s before each command).
      if (!inDerived && e.name.charCodeAt(0) !== DOT && !e.isDirectory()) continue;
      const path = join(dir, e.name);
      const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (options.recursive !== false && !SKIPPED_DIRS.has(e.name)) sub.push(walk(path, relPath));
        continue;
      }
      if (!e.isFile()) continue;
      if (LOCK_NAME.test(e.name) || BREAK_NAME.test(e.name)) {
        const lock = BREAK_NAME.test(e.name) ? breakIfStale : lockIfStale;
        if (await lock(path, isAlive, now)) removed.push(relPath);
        continue;
      }
      const pid = tempFilePid(e.name, inDerived);
      if (pid === undefined || pid === process.pid) continue;
      const stale =
        !isAlive(pid) ||
        (await stat(path).then(
          (s) => now() - s.mtimeMs > maxAge,
          () => false,
        ));
      if (!stale) continue;
      await rm(path, { force: true });
      removed.push(relPath);
    }
    await Promise.all(sub);
  };
  await walk(root, "");
  // The marker of a library creation that was committed (jingdu.yaml written) but not cleared.
  if (existsSync(join(root, "jingdu.yaml")) && existsSync(join(root, INIT_MARKER))) {
    await rm(join(root, INIT_MARKER), { force: true });
  }
  return removed.sort();
}

/**
 * Written first by `initLibrary` and removed after `jingdu.yaml` (its commit point): a folder
 * holding it but no `jingdu.yaml` is a library whose creation was interrupted, which the next
 * `jingdu init` or `jingdu import --into` completes.
 */
export const INIT_MARKER = `${DERIVED_DIR}/init-pending.json`;
