/**
 * How jingdu's costs grow with the library (issue 22): generated libraries of 1,000, 5,000 and
 * 20,000 papers with notes (`--sizes 1000,5000,20000,100000` adds 100k), each command run in a
 * new process of the built CLI (`dist/cli/main.js`), caches warmed first where the row says so,
 * medians of `--runs` (default 5). Prints issue 22's table with the growth factor per step
 * (`×2.1` = this size's figure over the previous size's), so a regression shows.
 * Rows: `status --json` (warm library summary), `status` with no `.jingdu/` (and its peak
 * RSS), `search 残差`, `reindex --full`, `reindex` after one note was edited, `next --json`,
 * `done bench/1`, `serve` cold start to the first page and its RSS after 1,000
 * page requests, `build` first (no site, no render cache; peak RSS) and with nothing changed,
 * and `build --watch` after one note is edited: the build work it reports, and the time from
 * the edit to the page on disk.
 * Run: npm run bench:scale  (builds first)   Options: --sizes 1000,5000 --runs 3 --cli PATH
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { RENDER_CACHE_FILE } from "../src/store/library-layout.js";
import { paperId, writePaperLibrary } from "./paper-library.js";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = (opt("sizes") ?? "1000,5000,20000").split(",").map(Number);
const RUNS = Number(opt("runs") ?? 5);
const REQUESTS = 1000;
const repo = resolve(fileURLToPath(import.meta.url), "..", "..");
const CLI = resolve(opt("cli") ?? join(repo, "dist", "cli", "main.js"));
const categoriesFor = (papers: number) => Math.max(10, Math.round(papers / 500));

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), "jingdu-bench-scale-"));
/** Loaded into every measured process: prints its peak RSS (MB) to stderr as it exits. */
const PEAK_PROBE = join(dir, "peak-probe.mjs");
writeFileSync(
  PEAK_PROBE,
  `process.on("exit", () => process.stderr.write("\\npeak-rss-mb " + Math.round(process.resourceUsage().maxRSS / 1024) + "\\n"));\n`,
);

interface Run {
  ms: number;
  peakMb: number;
  stdout: string;
}

/** One new process of the CLI, timed from spawn to exit (what a user waits for). */
function cli(root: string, argv: string[]): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--import", PEAK_PROBE, CLI, ...argv, "--library", root], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`jingdu ${argv.join(" ")} failed: ${r.stderr}`);
  const peakMb = Number(/peak-rss-mb (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { ms, peakMb, stdout: r.stdout };
}

/** `runs` runs of `argv`, `before` run ahead of each (not timed). */
function repeat(root: string, argv: string[], before?: () => void): Run[] {
  return Array.from({ length: RUNS }, () => {
    before?.();
    return cli(root, argv);
  });
}

/** A library's files must be older than the parsed-library cache's 2 s "racy" window. */
const settle = () => sleep(2_500);

async function firstResponse(url: string, started: number): Promise<number> {
  for (;;) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return performance.now() - started;
    } catch {
      // not listening yet: try again
    }
    if (performance.now() - started > 120_000) throw new Error(`${url} did not answer`);
    await sleep(5);
  }
}

const rssMb = (pid: number) =>
  Math.round(
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
  );

const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
};

/** `serve` cold start (spawn to the home page) and its RSS after `REQUESTS` pages, 10 at a time. */
async function serveRun(root: string, papers: number): Promise<{ cold: number; rss: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "serve", root, "--port", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  try {
    const cold = await firstResponse(`${base}/`, started);
    const categories = categoriesFor(papers);
    let next = 0;
    const page = (i: number) =>
      i % 10 === 0
        ? `/categories/c${String((i * 7) % categories).padStart(2, "0")}/`
        : `/papers/${paperId((i * 7919) % papers, papers)}/`;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < REQUESTS) {
          const r = await fetch(`${base}${page(next++)}`);
          await r.arrayBuffer();
          if (!r.ok) throw new Error(`${r.url}: ${r.status}`);
        }
      }),
    );
    return { cold, rss: rssMb(child.pid ?? 0) };
  } finally {
    await stop(child);
  }
}

/**
 * `build --watch --json`: after its first build, `RUNS` edits of one note, each timed to the
 * page on disk holding the edit; the build work is what the rebuild's JSON line says.
 */
async function watchRuns(
  root: string,
  papers: number,
): Promise<{ work: number[]; page: number[] }> {
  const out = join(dir, "watch-site");
  rmSync(out, { recursive: true, force: true });
  const id = paperId(1, papers);
  const note = join(root, "papers", `${id}.md`);
  const pageFile = join(out, "papers", id, "index.html");
  const original = readFileSync(note, "utf8");
  const child = spawn(
    process.execPath,
    [CLI, "build", "--watch", "--json", "--out", out, "--library", root],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((r) => waiting.push(r));
  const work: number[] = [];
  const page: number[] = [];
  try {
    await nextLine(); // the first build
    await sleep(1_500);
    for (let i = 0; i < RUNS; i++) {
      const marker = `scale-edit-${i}-${Date.now()}`;
      const line = nextLine();
      const edited = performance.now();
      writeFileSync(note, `${original}\n${marker}\n`);
      for (;;) {
        let text = "";
        try {
          text = readFileSync(pageFile, "utf8");
        } catch {
          // being replaced: read again
        }
        if (text.includes(marker)) break;
        if (performance.now() - edited > 60_000) throw new Error("the edit never reached the page");
        await sleep(2);
      }
      page.push(performance.now() - edited);
      work.push((JSON.parse(await line) as { ms: number }).ms);
      await sleep(1_500); // the manifest is written once edits settle for a second
    }
  } finally {
    await stop(child);
    writeFileSync(note, original);
  }
  return { work, page };
}

type Figures = Record<string, { value: number; extra?: number; unit: string }>;
const results = new Map<number, Figures>();

console.log(`jingdu bench:scale: sizes ${SIZES.join(", ")}; ${RUNS} runs each; load ${load()}`);
for (const papers of SIZES) {
  const root = join(dir, `lib-${papers}`);
  const t0 = performance.now();
  writePaperLibrary(root, { papers, categories: categoriesFor(papers) });
  console.log(`\n${papers} papers generated in ${Math.round(performance.now() - t0)} ms`);
  await settle();
  const derived = join(root, ".jingdu");
  const figures: Figures = {};
  const note = (key: string, ms: number[], unit = "ms", extra?: number[]) => {
    figures[key] = { value: median(ms), unit, ...(extra ? { extra: median(extra) } : {}) };
    console.log(
      `  ${key}: ${ms.map(Math.round).join(", ")} ${unit}${extra ? ` / ${extra.join(", ")} MB` : ""} (load ${load()})`,
    );
  };

  const cold = repeat(root, ["status"], () => rmSync(derived, { recursive: true, force: true }));
  note(
    "status first run (no cache) / peak MB",
    cold.map((r) => r.ms),
    "ms",
    cold.map((r) => r.peakMb),
  );
  cli(root, ["status", "--json"]);
  note(
    "status --json (warm cache)",
    repeat(root, ["status", "--json"]).map((r) => r.ms),
  );
  note(
    "reindex --full",
    repeat(root, ["reindex", "--full"]).map((r) => r.ms),
  );
  // One paper's note edited before each run: the reindex parses that file only.
  const edited = join(root, "papers", `${paperId(2, papers)}.md`);
  const text = readFileSync(edited, "utf8");
  let edits = 0;
  note(
    "reindex, one file changed",
    repeat(root, ["reindex"], () => writeFileSync(edited, `${text}\nedit ${edits++}\n`)).map(
      (r) => r.ms,
    ),
  );
  writeFileSync(edited, text);
  cli(root, ["next", "--json"]);
  note(
    "next --json",
    repeat(root, ["next", "--json"]).map((r) => r.ms),
  );
  note(
    "done bench/1",
    repeat(root, ["done", "bench/1"]).map((r) => r.ms),
  );
  cli(root, ["search", "残差"]);
  note(
    "search 残差",
    repeat(root, ["search", "残差"]).map((r) => r.ms),
  );

  const site = join(dir, "site");
  const first = repeat(root, ["build", "--out", site], () => {
    rmSync(site, { recursive: true, force: true });
    rmSync(join(root, RENDER_CACHE_FILE), { force: true });
  });
  note(
    "build first / peak MB",
    first.map((r) => r.ms),
    "ms",
    first.map((r) => r.peakMb),
  );
  note(
    "build nothing changed",
    repeat(root, ["build", "--out", site]).map((r) => r.ms),
  );
  rmSync(site, { recursive: true, force: true });

  const serves: { cold: number; rss: number }[] = [];
  await serveRun(root, papers); // warms the caches a first serve writes
  for (let i = 0; i < RUNS; i++) serves.push(await serveRun(root, papers));
  note(
    `serve cold start / RSS MB after ${REQUESTS} pages`,
    serves.map((s) => s.cold),
    "ms",
    serves.map((s) => s.rss),
  );

  const watch = await watchRuns(root, papers);
  note("build --watch one note: build work", watch.work);
  note("build --watch one note: edit to page", watch.page);
  results.set(papers, figures);
  rmSync(root, { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const keys = Object.keys(results.get(SIZES[0] ?? 0) ?? {});
console.log(
  `\nMedians of ${RUNS}, new processes, ms (× = growth over the previous size); load ${load()}\n`,
);
console.log(`| | ${SIZES.map(label).join(" | ")} |\n|---|${SIZES.map(() => "---|").join("")}`);
for (const key of keys) {
  const cells = SIZES.map((size, i) => {
    const f = results.get(size)?.[key];
    if (!f) return "";
    const prev = i > 0 ? results.get(SIZES[i - 1] ?? 0)?.[key] : undefined;
    const growth = prev ? ` (×${(f.value / prev.value).toFixed(1)})` : "";
    return `${fmt(f.value)}${f.extra === undefined ? "" : ` / ${fmt(f.extra)} MB`}${growth}`;
  });
  console.log(`| ${key} | ${cells.join(" | ")} |`);
}
