/**
 * Site build benchmark: the same synthetic library (N notes with math, `synthetic-library.ts`)
 * built by jingdu, Hugo and Jekyll, several runs each; prints medians and ratios.
 * Hugo and Jekyll are timed when installed; `--install` installs Debian's hugo and jekyll with
 * apt-get first when missing (as root). Without them jingdu's figures are printed alone: a bench
 * does not install system packages on a shared machine unless asked to.
 * Goals (issue 3), 2,000 notes: full build ≤ 1.5× Hugo and ≥ 10× faster than Jekyll;
 * rebuild after one note changed ≤ 50 ms of build work; no-change rebuild near zero.
 * A full build is measured twice: the library's first (no render cache; compared with Jekyll
 * without its .jekyll-cache) and with the render cache of an earlier build (the site deleted;
 * compared with Jekyll keeping its .jekyll-cache, which holds its Markdown conversions alike).
 *
 * Method (issue 23): a large deletion slows the builds that follow on a disk mounted with online
 * discard (ext4 `discard`, as here), so no output is deleted between timed builds. The old output
 * is renamed into a trash folder (a rename is one metadata write) and the trash is deleted after
 * every timing is taken. Ratios are taken pair by pair (jingdu's run i against Hugo's run i,
 * interleaved run by run) and printed as the median with its range. `--delete` brings back the old
 * method (deleting right before each timed build), to put its figures on record beside the new.
 * Run: node --import tsx bench/build.ts [notes] [runs] [--delete] [--install]
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RENDER_CACHE_FILE } from "../src/store/library-layout.js";
import {
  syntheticLibrary,
  writeHugoSite,
  writeJekyllSite,
  writeJingduLibrary,
} from "./synthetic-library.js";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const DELETE_METHOD = process.argv.includes("--delete");
const NOTES = Number(args[0] ?? 2000);
const RUNS = Number(args[1] ?? 5);
const JEKYLL_RUNS = Math.min(RUNS, 3);
const repo = resolve(fileURLToPath(import.meta.url), "..", "..");
const CLI = join(repo, "dist", "cli", "main.js");
const now = () => new Date("2024-07-10T08:00:00Z");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
/** Where old outputs go until the timings are done (see the method above). */
let trash = "";
let trashed = 0;
/** Takes `path` out of the way of the next build: renamed into the trash, or deleted (`--delete`). */
function clearAway(path: string): void {
  if (DELETE_METHOD) {
    rmSync(path, { recursive: true, force: true });
    return;
  }
  if (!existsSync(path)) return;
  renameSync(path, join(trash, String(trashed++)));
}

/** `a[i] / b[i]` for each run: the median and the range, e.g. `2.41× [2.20–2.63]`. */
function pairRatio(a: readonly number[], b: readonly number[]): string {
  const ratios = a.slice(0, b.length).map((x, i) => x / (b[i] ?? Number.NaN));
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  return `${median(ratios).toFixed(2)}× [${lo.toFixed(2)}–${hi.toFixed(2)}]`;
}

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/** Installs Debian's hugo and jekyll when missing; says why when it cannot. */
function ensureTools(): void {
  const missing = ["hugo", "jekyll"].filter((t) => !has(t));
  if (missing.length === 0) return;
  if (!process.argv.includes("--install")) {
    console.log(`! ${missing.join(", ")} not installed (--install would apt-get them): no ratios`);
    return;
  }
  if (process.getuid?.() !== 0) {
    console.log(`! ${missing.join(", ")} missing and not root: apt-get install skipped`);
    return;
  }
  console.log(`installing ${missing.join(" ")} with apt-get…`);
  const r = spawnSync("apt-get", ["install", "-y", ...missing], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.log(`! apt-get install ${missing.join(" ")} failed (${r.status}): ${r.stderr.trim()}`);
  }
}

/** Wall time of a command in ms; throws with its output when it fails. */
function timed(cmd: string, args: string[], cwd: string): { ms: number; stdout: string } {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return { ms, stdout: r.stdout };
}

function version(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return (r.stdout || r.stderr || "").trim().split("\n")[0] ?? "";
}

interface Row {
  what: string;
  times: number[];
  /**
   * Compared with Hugo's full build and Jekyll's: without its .jekyll-cache (`cold`, like a build
   * without the render cache) or with it (`warm`).
   */
  compare?: "cold" | "warm";
  note?: string;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${availableParallelism()} cores, Node ${process.version}, load average ${load()}`,
  );
  ensureTools();
  console.log("building dist/ (npm run build)…");
  spawnSync("npm", ["run", "build", "--silent"], { cwd: repo, stdio: "inherit" });
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing after npm run build`);
  const dir = mkdtempSync(join(tmpdir(), "jingdu-bench-build-"));
  trash = join(dir, "trash");
  mkdirSync(trash);
  console.log(
    DELETE_METHOD
      ? "method: old outputs deleted right before each timed build (--delete, the old method)"
      : "method: old outputs renamed away, deleted after the timings; ratios pair by pair",
  );
  const synthetic = syntheticLibrary(NOTES);
  const libDir = join(dir, "library");
  const hugoDir = join(dir, "hugo");
  const jekyllDir = join(dir, "jekyll");
  writeJingduLibrary(libDir, synthetic);
  writeHugoSite(hugoDir, synthetic);
  writeJekyllSite(jekyllDir, synthetic);
  console.log(`${NOTES} notes written to ${dir}; ${RUNS} runs each (Jekyll ${JEKYLL_RUNS})`);
  const rows: Row[] = [];

  // jingdu as a user runs it: a new process that loads the library from disk and builds. Run by
  // run, interleaved with Hugo and Jekyll, so that a slow phase of the machine (it varies by
  // 1.5×) weighs on every tool alike.
  const out = join(dir, "site");
  const renderCache = join(libDir, RENDER_CACHE_FILE);
  const cli = (extra: string[] = []) => {
    const r = timed(
      "node",
      [CLI, "--library", libDir, "build", "--out", out, "--json", ...extra],
      dir,
    );
    return { ms: r.ms, work: (JSON.parse(r.stdout) as { ms: number }).ms };
  };
  const first = { total: [] as number[], work: [] as number[] };
  const cached = { total: [] as number[], work: [] as number[] };
  const same = { total: [] as number[], work: [] as number[] };
  const one = { total: [] as number[], work: [] as number[] };
  const hugoTimes: number[] = [];
  const jekyllCold: number[] = [];
  const jekyllWarm: number[] = [];
  const hugoAvailable = has("hugo");
  const jekyllAvailable = has("jekyll");
  const episodeFile = join(libDir, "courses", "course-1", "episodes", "001.md");
  const original = readFileSync(episodeFile, "utf8");
  const add = (into: { total: number[]; work: number[] }, r: { ms: number; work: number }) => {
    into.total.push(r.ms);
    into.work.push(r.work);
  };
  const jekyll = () => timed("jekyll", ["build", "--quiet"], jekyllDir).ms;
  for (let run = 0; run < RUNS; run++) {
    // The first build of a library: no site, no render cache.
    clearAway(out);
    clearAway(renderCache);
    add(first, cli());
    // The site deleted (or the base URL or a template changed): every page rendered again, the
    // notes taken from the render cache, as Jekyll takes its Markdown conversions from its
    // .jekyll-cache.
    clearAway(out);
    add(cached, cli());
    add(same, cli());
    writeFileSync(episodeFile, `${original}\nEdited in run ${run}: $e^{i\\pi} + ${run} = 0$.\n`);
    add(one, cli());
    writeFileSync(episodeFile, original);
    if (hugoAvailable) {
      clearAway(join(hugoDir, "public"));
      hugoTimes.push(timed("hugo", ["--quiet"], hugoDir).ms);
    }
    if (jekyllAvailable && run < JEKYLL_RUNS) {
      clearAway(join(jekyllDir, "_site"));
      clearAway(join(jekyllDir, ".jekyll-cache"));
      jekyllCold.push(jekyll());
      clearAway(join(jekyllDir, "_site"));
      jekyllWarm.push(jekyll());
    }
  }
  rows.push({
    what: "jingdu build, new process, first build (no render cache)",
    times: first.total,
    compare: "cold",
  });
  rows.push({ what: "  of which build work (buildSite)", times: first.work });
  rows.push({
    what: "jingdu build, new process, site deleted, render cache kept",
    times: cached.total,
    compare: "warm",
  });
  rows.push({ what: "  of which build work", times: cached.work });
  rows.push({ what: "jingdu build, new process, nothing changed", times: same.total });
  rows.push({ what: "  of which build work", times: same.work });
  rows.push({ what: "jingdu build, new process, one note changed", times: one.total });
  rows.push({ what: "  of which build work", times: one.work });

  // In-process. The compiled modules, as the CLI runs them.
  const dist = (name: string) => join(repo, "dist", name, "index.js");
  const site = (await import(dist("site"))) as typeof import("../src/site/index.js");
  const store = (await import(
    join(repo, "dist", "store", "load-library-cached.js")
  )) as typeof import("../src/store/load-library-cached.js");
  let loaded = await store.loadLibraryCached(libDir, { notes: "eager" });
  const full: number[] = [];
  const fromCache: number[] = [];
  const unchanged: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const target = join(dir, `site-in-process-${run}`);
    const opts = { outDir: target, baseUrl: "/", now };
    full.push(site.buildSite(loaded.library, opts).ms);
    unchanged.push(site.buildSite(loaded.library, opts).ms);
    clearAway(target);
    // The render cache the last CLI run left holds every note.
    fromCache.push(site.buildSite(loaded.library, { ...opts, renderCache }).ms);
    clearAway(target);
  }
  rows.push({ what: "jingdu buildSite in-process, full", times: full, compare: "cold" });
  rows.push({
    what: "jingdu buildSite in-process, full, notes from the render cache",
    times: fromCache,
    compare: "warm",
  });
  rows.push({ what: "jingdu buildSite in-process, nothing changed", times: unchanged });

  // `jingdu build --watch`: one builder; a note is edited on disk, the changed file read again
  // (`reloadFiles`, as the watcher's event makes it), and the site rebuilt. 20 edits: the first
  // few run before V8 has optimized the rebuild's code.
  const watched = join(dir, "site-watch");
  const builder = site.createSiteBuilder({
    outDir: watched,
    baseUrl: "/",
    now,
    deferManifest: true,
  });
  builder.build(loaded.library);
  const rel = "courses/course-1/episodes/001.md";
  const edits: number[] = [];
  const reloads: number[] = [];
  const flushes: number[] = [];
  let written = 0;
  for (let run = 0; run < Math.max(RUNS, 20); run++) {
    writeFileSync(episodeFile, `${original}\nEdited in watch ${run}: $e^{i\\pi} + ${run} = 0$.\n`);
    const started = performance.now();
    const next = await store.reloadFiles(loaded, [rel]);
    if (!next || next === loaded) throw new Error(`the edit of ${rel} was not read again`);
    loaded = next;
    reloads.push(performance.now() - started);
    const r = builder.build(loaded.library);
    edits.push(r.ms);
    written = r.written.length;
    // What the watch does once edits settle (a second later), off the rebuild's path.
    const flushed = performance.now();
    builder.flush();
    flushes.push(performance.now() - flushed);
  }
  writeFileSync(episodeFile, original);
  rows.push({
    what: "jingdu build --watch, one note changed: build work",
    times: edits,
    note: `${written} files written`,
  });
  rows.push({ what: "  and reading the changed file again", times: reloads });
  rows.push({ what: "  and writing the build manifest once edits settle", times: flushes });

  let hugo: number | undefined;
  const jekyllOf: { cold?: number; warm?: number } = {};
  if (hugoAvailable) {
    hugo = median(hugoTimes);
    rows.push({
      what: `hugo --quiet (${version("hugo", ["version"]).slice(0, 16)})`,
      times: hugoTimes,
    });
  } else console.log("! hugo is not available: not benchmarked");
  if (jekyllAvailable) {
    jekyllOf.cold = median(jekyllCold);
    jekyllOf.warm = median(jekyllWarm);
    const name = `jekyll build --quiet (${version("jekyll", ["--version"])})`;
    rows.push({ what: `${name}, no .jekyll-cache`, times: jekyllCold });
    rows.push({ what: `${name}, .jekyll-cache kept`, times: jekyllWarm });
  } else console.log("! jekyll is not available: not benchmarked");

  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n${"what".padEnd(width)}  median ms   runs (ms)`);
  for (const row of rows) {
    const m = median(row.times);
    const ratios: string[] = [];
    const jekyll = row.compare ? jekyllOf[row.compare] : undefined;
    if (row.compare && hugo) ratios.push(`${pairRatio(row.times, hugoTimes)} Hugo`);
    if (jekyll && row.compare) {
      const how = row.compare === "warm" ? "with its cache" : "without its cache";
      const theirs = row.compare === "warm" ? jekyllWarm : jekyllCold;
      ratios.push(`Jekyll ${how} takes ${pairRatio(theirs, row.times)} as long`);
    }
    console.log(
      `${row.what.padEnd(width)}  ${m.toFixed(0).padStart(9)}   ${row.times.map((t) => t.toFixed(0)).join(" ")}` +
        `${ratios.length > 0 ? `   ${ratios.join(", ")}` : ""}${row.note ? `   (${row.note})` : ""}`,
    );
  }
  console.log(`load average after: ${load()}`);
  // Only now, with every timing taken, is anything large deleted.
  rmSync(dir, { recursive: true, force: true });
}

await main();
