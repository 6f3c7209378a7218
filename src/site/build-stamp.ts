import { createHash } from "node:crypto";
import {
  type Dirent,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { collectAssets, feedClock } from "../app/index.js";
import type { Diagnostic } from "../core/index.js";
import { changeKind, DERIVED_DIR, RACY_MS } from "../store/light.js";
import { localDay } from "../study/index.js";
import { type BuildSiteResult, MANIFEST_NAME } from "./build-site.js";
import { siteCode } from "./code-version.js";
import { folderIdentity } from "./folder-identity.js";

/**
 * "Nothing changed" without loading the library: `jingdu build` run again on a library none of
 * whose files changed since its last build (`jingdu build` of 100,000 papers otherwise loads and
 * asks every page's questions again, seconds, to write nothing). After a build the CLI records a
 * stamp (`stampBuild`): the stat of every file the site is made from, taken before the library
 * was loaded, with what that build printed; the next build compares (`stampedBuild`) and, when
 * everything is as recorded, prints it again instead of building. What it compares is what a
 * build reads:
 *
 * - every file and folder of the library that a change of matters to the site (`changeKind`:
 *   library files, `metadata/`, `files/`, `snapshots/`, `transcripts/`; hidden ones and others
 *   are read by no build), by path, inode, size, mtime and ctime;
 * - the build's code version and base URL (`BuildHeader`), the learner's day and the UTC day
 *   (pages chart progress up to the day, the feed dates undated notes by it), and the names of
 *   the site's assets (Mermaid's script is one when the package is installed; the versions of
 *   the packages they come from are in `siteCode`);
 * - the output folder's identity, the manifest's stat (any build that changes a page deletes
 *   it first) and that every file of the last build is still there (a file deleted by hand is
 *   written again, as by a build).
 *
 * Anything else, or a stamp of files changed within `racyMs` of being stamped (a second write in
 * the same clock tick would leave the same mtime), and the build is the plain one. Compared with
 * the plain path over a change of every kind in build-stamp.test.ts.
 */

/** What a build found of the library's files before it loaded them. */
export interface LibraryStamps {
  /** sha256 of each file's and folder's path and stat, in path order. */
  digest: string;
  /** The newest mtime or ctime among them (ms since the epoch). */
  newest: number;
  /** When they were taken. */
  takenAt: number;
  /** The learner's and the UTC day when they were taken, by the build's clock (when given). */
  days?: string;
}

/** What a build of these options and this code would be checked against. */
export interface StampKey {
  root: string;
  outDir: string;
  /** `BuildHeader` of the build (`buildHeader`), its code version and base URL. */
  header: { code: string; baseUrl: string };
  now: () => Date;
}

interface Stamp {
  version: 1;
  /** `siteCode()`: the header's code covers the pages' modules, not the inputs' loaders. */
  siteCode: string;
  root: string;
  outDir: string;
  outFolder: string;
  header: { code: string; baseUrl: string };
  today: string;
  utcDay: string;
  assets: string;
  library: string;
  manifest: string;
  /** The files of the build, one a line (one string to parse, not 100,000). */
  files: string;
  problems: Diagnostic[];
  warnings: Diagnostic[];
  notes: boolean;
}

/** What the build recorded prints again: the library's problems and the build's result. */
export interface StampedBuild {
  problems: Diagnostic[];
  result: BuildSiteResult;
}

/** The days a build's pages are dated by: the learner's (charts) and the UTC day (the feed). */
const daysOf = (now: Date) => `${localDay(now)} ${feedClock(now)}`;

/** The names of the site's assets (`collectAssets`), one a line. */
const assetNames = () => [...collectAssets().assets.keys()].join("\n");

const statText = (path: string): string | undefined => {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st && `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
};

/** The stamp file of builds into `outDir`, in the library's derived folder. */
const stampFile = (root: string, outDir: string) =>
  join(
    root,
    DERIVED_DIR,
    `build-stamp-${createHash("sha256").update(resolve(outDir)).digest("hex").slice(0, 16)}.json`,
  );

/** What a link leads to; undefined when it leads nowhere (dangling, a loop). */
function followed(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    // A loop of links (ELOOP) or a target that cannot be reached: stamped as the link itself.
    return undefined;
  }
}

/**
 * The stat of every file and folder under `root` that the site is made from (`changeKind` is
 * not `none`). An output folder among them (`--out files/site`) changes with every build, which
 * is then never taken for no change. With the build's clock, the days it starts on are kept too:
 * a build that ends on another day (across midnight) is not recorded (`stampBuild`).
 */
export function libraryStamps(root: string, now?: () => Date): LibraryStamps {
  // To the fraction of a millisecond, as mtimes are.
  const takenAt = performance.timeOrigin + performance.now();
  const hash = createHash("sha256");
  let newest = 0;
  // Folders walked, by device and inode: a link back up is walked once.
  const walked = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // A folder gone or unreadable is stamped as such: the build says what it finds there.
      hash.update(`!${prefix}:${(error as NodeJS.ErrnoException).code}\n`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = `${prefix}${e.name}`;
      if (changeKind(rel) === "none") continue;
      const path = join(dir, e.name);
      // A link is stamped as what it leads to (a linked folder is walked): the readers that
      // follow it see what changes there; a dangling one as itself.
      const st =
        (e.isSymbolicLink() ? followed(path) : undefined) ??
        lstatSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      newest = Math.max(newest, st.mtimeMs, st.ctimeMs);
      if (st.isDirectory()) {
        hash.update(`d${rel}:${st.ino}\n`);
        const id = `${st.dev}:${st.ino}`;
        if (walked.has(id)) continue;
        walked.add(id);
        walk(path, `${rel}/`);
      } else hash.update(`f${rel}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}\n`);
    }
  };
  walk(resolve(root), "");
  const days = now && daysOf(now());
  return { digest: hash.digest("base64url"), newest, takenAt, ...(days ? { days } : {}) };
}

/**
 * The outcome the last build recorded, when nothing it read has changed since (see above);
 * undefined when a build must find out.
 */
export function stampedBuild(key: StampKey, stamps: LibraryStamps): StampedBuild | undefined {
  const started = performance.now();
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile(key.root, key.outDir), "utf8")) as Stamp;
  } catch {
    // No stamp (or a damaged one): the build finds out for itself, and records one.
    return undefined;
  }
  const now = key.now();
  const outDir = resolve(key.outDir);
  const same =
    stamp.version === 1 &&
    stamp.siteCode === siteCode() &&
    stamp.root === resolve(key.root) &&
    stamp.outDir === outDir &&
    stamp.header?.code === key.header.code &&
    stamp.header.baseUrl === key.header.baseUrl &&
    stamp.today === localDay(now) &&
    stamp.utcDay === feedClock(now) &&
    stamp.library === stamps.digest &&
    stamp.assets === assetNames() &&
    stamp.outFolder === folderIdentity(outDir) &&
    typeof stamp.files === "string" &&
    stamp.manifest === statText(join(outDir, MANIFEST_NAME));
  if (!same) return undefined;
  const files = stamp.files === "" ? [] : stamp.files.split("\n");
  for (const rel of files) {
    // As a build checks its unchanged pages: there, or written again.
    if (!existsSync(join(outDir, rel))) return undefined;
  }
  return {
    problems: stamp.problems,
    result: {
      written: [],
      skipped: files,
      rendered: 0,
      removed: [],
      warnings: stamp.warnings,
      ...(stamp.notes ? { notes: { reused: 0, rendered: 0 } } : {}),
      ms: Math.round(performance.now() - started),
    },
  };
}

/** Forgets the stamp of builds into `outDir` (a build about to change what it describes). */
export function dropStamp(root: string, outDir: string): void {
  try {
    rmSync(stampFile(root, outDir), { force: true });
  } catch {
    // A library folder this build cannot write to (built into a site elsewhere): a stamp left
    // there is still only trusted when everything it recorded is as it was.
  }
}

/**
 * Records what a build of `key` printed, for the next build to print again if nothing changes
 * (`stampedBuild`): `stamps` taken before it loaded the library, `problems` the library's,
 * `result` the build's. Nothing is recorded when a file changed within `racyMs` of the stamps,
 * nor when the build began on another day than it ends (its pages may be dated by either, and
 * the stamp, of the later day, would keep the earlier day's pages all of the next day).
 */
export function stampBuild(
  key: StampKey,
  stamps: LibraryStamps,
  outcome: { problems: readonly Diagnostic[]; result: BuildSiteResult },
  racyMs = RACY_MS,
): void {
  dropStamp(key.root, key.outDir);
  if (stamps.newest >= stamps.takenAt - racyMs) return;
  const outDir = resolve(key.outDir);
  const manifest = statText(join(outDir, MANIFEST_NAME));
  if (manifest === undefined) return;
  const now = key.now();
  if (stamps.days !== undefined && stamps.days !== daysOf(now)) return;
  const { result } = outcome;
  const stamp: Stamp = {
    version: 1,
    siteCode: siteCode(),
    root: resolve(key.root),
    outDir,
    outFolder: folderIdentity(outDir),
    header: key.header,
    today: localDay(now),
    utcDay: feedClock(now),
    assets: assetNames(),
    library: stamps.digest,
    manifest,
    files: [...result.written, ...result.skipped].join("\n"),
    problems: [...outcome.problems],
    warnings: result.warnings,
    notes: result.notes !== undefined,
  };
  const file = stampFile(key.root, key.outDir);
  try {
    mkdirSync(join(key.root, DERIVED_DIR), { recursive: true });
    // Whole or not at all (derived data: no fsync, a lost stamp costs one plain build).
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(stamp)}\n`);
    renameSync(temp, file);
  } catch {
    // A library folder this build cannot write to keeps no stamp: the next build is the plain one.
  }
}
