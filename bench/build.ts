/**
 * Site build benchmark: the same synthetic library (N notes with math, `synthetic-library.ts`)
 * built by jingdu, Hugo and Jekyll, several runs each; prints medians and ratios.
 * Installs Debian's hugo and jekyll with apt-get when they are missing (as root).
 * Reference (issue 4), 2,000 notes: full build ≤ 1.5× Hugo and ≥ 10× faster than Jekyll;
 * rebuild after one note changed ≤ 50 ms of build work; no-change rebuild near zero.
 * Run: node --import tsx bench/build.ts [notes] [runs]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  syntheticLibrary,
  writeHugoSite,
  writeJekyllSite,
  writeJingduLibrary,
} from "./synthetic-library.js";

const NOTES = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 5);
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
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/** Installs Debian's hugo and jekyll when missing; says why when it cannot. */
function ensureTools(): void {
  const missing = ["hugo", "jekyll"].filter((t) => !has(t));
  if (missing.length === 0) return;
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
  /** Compared with Hugo's and Jekyll's full builds. */
  compare?: boolean;
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
  const synthetic = syntheticLibrary(NOTES);
  const libDir = join(dir, "library");
  const hugoDir = join(dir, "hugo");
  const jekyllDir = join(dir, "jekyll");
  writeJingduLibrary(libDir, synthetic);
  writeHugoSite(hugoDir, synthetic);
  writeJekyllSite(jekyllDir, synthetic);
  console.log(`${NOTES} notes written to ${dir}; ${RUNS} runs each (Jekyll ${JEKYLL_RUNS})`);
  const rows: Row[] = [];

  // jingdu as a user runs it: a cold process that loads the library from disk and builds.
  const out = join(dir, "site");
  const cli = (extra: string[] = []) =>
    timed("node", [CLI, "--library", libDir, "build", "--out", out, "--json", ...extra], dir);
  const cold: number[] = [];
  const coldWork: number[] = [];
  const coldSame: number[] = [];
  const coldSameWork: number[] = [];
  const coldOne: number[] = [];
  const coldOneWork: number[] = [];
  const episodeFile = join(libDir, "courses", "course-1", "episodes", "001.md");
  const original = readFileSync(episodeFile, "utf8");
  for (let run = 0; run < RUNS; run++) {
    rmSync(out, { recursive: true, force: true });
    let r = cli();
    cold.push(r.ms);
    coldWork.push((JSON.parse(r.stdout) as { ms: number }).ms);
    r = cli();
    coldSame.push(r.ms);
    coldSameWork.push((JSON.parse(r.stdout) as { ms: number }).ms);
    writeFileSync(episodeFile, `${original}\nEdited in run ${run}: $e^{i\\pi} + ${run} = 0$.\n`);
    r = cli();
    coldOne.push(r.ms);
    coldOneWork.push((JSON.parse(r.stdout) as { ms: number; written: number }).ms);
    writeFileSync(episodeFile, original);
  }
  rows.push({ what: "jingdu build, cold process (load + build)", times: cold, compare: true });
  rows.push({ what: "  of which build work (buildSite)", times: coldWork });
  rows.push({ what: "jingdu build, cold process, nothing changed", times: coldSame });
  rows.push({ what: "  of which build work", times: coldSameWork });
  rows.push({ what: "jingdu build, cold process, one note changed", times: coldOne });
  rows.push({ what: "  of which build work", times: coldOneWork });

  // In-process. The compiled modules, as the CLI runs them (build workers run the compiled
  // render-worker.js).
  const dist = (name: string) => join(repo, "dist", name, "index.js");
  const site = (await import(dist("site"))) as typeof import("../src/site/index.js");
  const store = (await import(
    join(repo, "dist", "store", "load-library-cached.js")
  )) as typeof import("../src/store/load-library-cached.js");
  let loaded = await store.loadLibraryCached(libDir, { notes: "eager" });
  const full: number[] = [];
  const same: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const target = join(dir, `site-in-process-${run}`);
    const opts = { outDir: target, baseUrl: "/", now };
    full.push(site.buildSite(loaded.library, opts).ms);
    same.push(site.buildSite(loaded.library, opts).ms);
    rmSync(target, { recursive: true, force: true });
  }
  rows.push({ what: "jingdu buildSite in-process, full", times: full, compare: true });
  // The same with one worker thread next to the main thread (not the default on 2 cores).
  const parallel: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const target = join(dir, `site-workers-${run}`);
    const opts = { outDir: target, baseUrl: "/", now, workers: 1 };
    parallel.push(site.buildSite(loaded.library, opts).ms);
    rmSync(target, { recursive: true, force: true });
  }
  rows.push({
    what: "jingdu buildSite in-process, full, 1 worker",
    times: parallel,
    compare: true,
  });
  rows.push({ what: "jingdu buildSite in-process, nothing changed", times: same });

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
  let jekyll: number | undefined;
  if (has("hugo")) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      rmSync(join(hugoDir, "public"), { recursive: true, force: true });
      times.push(timed("hugo", ["--quiet"], hugoDir).ms);
    }
    hugo = median(times);
    rows.push({ what: `hugo --quiet (${version("hugo", ["version"]).slice(0, 16)})`, times });
  } else console.log("! hugo is not available: not benchmarked");
  if (has("jekyll")) {
    const times: number[] = [];
    for (let run = 0; run < JEKYLL_RUNS; run++) {
      rmSync(join(jekyllDir, "_site"), { recursive: true, force: true });
      rmSync(join(jekyllDir, ".jekyll-cache"), { recursive: true, force: true });
      times.push(timed("jekyll", ["build", "--quiet"], jekyllDir).ms);
    }
    jekyll = median(times);
    rows.push({ what: `jekyll build --quiet (${version("jekyll", ["--version"])})`, times });
  } else console.log("! jekyll is not available: not benchmarked");

  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n${"what".padEnd(width)}  median ms   runs (ms)`);
  for (const row of rows) {
    const m = median(row.times);
    const ratios: string[] = [];
    if (row.compare && hugo) ratios.push(`${(m / hugo).toFixed(2)}× Hugo`);
    if (row.compare && jekyll) ratios.push(`${(jekyll / m).toFixed(1)}× faster than Jekyll`);
    console.log(
      `${row.what.padEnd(width)}  ${m.toFixed(0).padStart(9)}   ${row.times.map((t) => t.toFixed(0)).join(" ")}` +
        `${ratios.length > 0 ? `   ${ratios.join(", ")}` : ""}${row.note ? `   (${row.note})` : ""}`,
    );
  }
  console.log(`load average after: ${load()}`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
