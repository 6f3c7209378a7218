/**
 * The no-change and one-note builds of `jingdu build` in new processes, this checkout's `dist/`
 * against another's (a baseline worktree), run by run interleaved so that a slow phase of the
 * shared machine weighs on both alike. Prints build work, wall time and the manifest's bytes,
 * with the ratios new/base. Without a baseline it measures this checkout alone.
 * Run: node --import tsx bench/build-ab.ts [--base /path/to/other/checkout] [notes] [runs]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticLibrary, writeJingduLibrary } from "./synthetic-library.js";

const args = process.argv.slice(2);
const baseAt = args.indexOf("--base");
const base = baseAt >= 0 ? resolve(args[baseAt + 1] as string) : undefined;
const rest = baseAt >= 0 ? args.filter((_, i) => i !== baseAt && i !== baseAt + 1) : args;
const NOTES = Number(rest[0] ?? 2000);
const RUNS = Number(rest[1] ?? 7);
const repo = resolve(fileURLToPath(import.meta.url), "..", "..");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const fmt = (xs: number[]) =>
  `${median(xs).toFixed(0)} ms [${xs.map((x) => x.toFixed(0)).join(" ")}]`;

interface Side {
  name: string;
  cli: string;
  out: string;
  same: { wall: number[]; work: number[]; cpu: number[] };
  one: { wall: number[]; work: number[]; cpu: number[] };
  bytes: number;
}

function run(side: Side, lib: string): { wall: number; work: number; cpu: number } {
  const started = performance.now();
  const argv = ["--import", CPU_PROBE, side.cli, "--library", lib, "build", "--out", side.out];
  const r = spawnSync("node", [...argv, "--json"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`${side.name}: build failed: ${r.stderr || r.stdout}`);
  // The process's CPU time (user + system), less sensitive to the other jobs than wall time.
  const cpu = Number(/cpu-ms (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { wall, work: (JSON.parse(r.stdout) as { ms: number }).ms, cpu };
}

const dir = mkdtempSync(join(tmpdir(), "jingdu-bench-ab-"));
const lib = join(dir, "library");
const CPU_PROBE = join(dir, "cpu-probe.mjs");
writeFileSync(
  CPU_PROBE,
  `process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("cpu-ms " + Math.round((u.user + u.system) / 1000) + "\\n"); });\n`,
);
writeJingduLibrary(lib, syntheticLibrary(NOTES));
const sides: Side[] = [
  ...(base ? [{ name: "base", root: base }] : []),
  { name: "new", root: repo },
].map(({ name, root }) => ({
  name,
  cli: join(root, "dist", "cli", "main.js"),
  out: join(dir, `site-${name}`),
  same: { wall: [], work: [], cpu: [] },
  one: { wall: [], work: [], cpu: [] },
  bytes: 0,
}));
console.log(`${NOTES} notes, ${RUNS} runs each, load average ${load()}`);
// The first build of each side (its own site and manifest: the code versions differ).
for (const side of sides) run(side, lib);
const episode = join(lib, "courses", "course-1", "episodes", "001.md");
const original = readFileSync(episode, "utf8");
for (let i = 0; i < RUNS; i++) {
  for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
    const same = run(side, lib);
    side.same.wall.push(same.wall);
    side.same.work.push(same.work);
    side.same.cpu.push(same.cpu);
  }
  writeFileSync(episode, `${original}\nEdited in run ${i}: $e^{i\\pi} + ${i} = 0$.\n`);
  for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
    const one = run(side, lib);
    side.one.wall.push(one.wall);
    side.one.work.push(one.work);
    side.one.cpu.push(one.cpu);
  }
}
writeFileSync(episode, original);

// `jingdu build --watch`: one builder per side in this process, the edited note read again
// (`reloadFiles`) and the site rebuilt; the sides' edits interleaved, 20 each.
const rel = "courses/course-1/episodes/001.md";
const watchers = await Promise.all(
  sides.map(async (side) => {
    const root = resolve(side.cli, "..", "..");
    const site = (await import(
      join(root, "site", "index.js")
    )) as typeof import("../src/site/index.js");
    const store = (await import(
      join(root, "store", "load-library-cached.js")
    )) as typeof import("../src/store/load-library-cached.js");
    const loaded = await store.loadLibraryCached(lib, { notes: "eager" });
    const builder = site.createSiteBuilder({
      outDir: join(dir, `watch-${side.name}`),
      baseUrl: "/",
      now: () => new Date("2024-07-10T08:00:00Z"),
      deferManifest: true,
    });
    builder.build(loaded.library);
    return { side, store, builder, loaded, edits: [] as number[] };
  }),
);
for (let i = 0; i < 20; i++) {
  for (const w of i % 2 === 0 ? watchers : [...watchers].reverse()) {
    writeFileSync(episode, `${original}\nWatched edit ${i}: $e^{i\\pi} + ${i} = 0$.\n`);
    const next = await w.store.reloadFiles(w.loaded, [rel]);
    if (!next || next === w.loaded) throw new Error(`${w.side.name}: the edit was not read again`);
    w.loaded = next;
    w.edits.push(w.builder.build(next.library).ms);
    w.builder.flush();
  }
}
writeFileSync(episode, original);
for (const w of watchers) {
  console.log(`${w.side.name}: --watch, one note changed: build work ${fmt(w.edits)}`);
}
for (const side of sides) side.bytes = statSync(join(side.out, ".jingdu-build.json")).size;
for (const side of sides) {
  console.log(`\n${side.name} (${side.cli})`);
  for (const [what, r] of [
    ["nothing changed", side.same],
    ["one note changed", side.one],
  ] as const) {
    console.log(
      `  ${what}: build work ${fmt(r.work)}; wall ${fmt(r.wall)}; process CPU ${fmt(r.cpu)}`,
    );
  }
  console.log(`  manifest ${side.bytes.toLocaleString("en")} bytes`);
}
if (sides.length === 2) {
  const [b, n] = sides as [Side, Side];
  const ratio = (x: number[], y: number[]) => (median(y) / median(x)).toFixed(2);
  console.log(
    `\nnew/base: no-change work ${ratio(b.same.work, n.same.work)}×, wall ${ratio(b.same.wall, n.same.wall)}×; ` +
      `CPU ${ratio(b.same.cpu, n.same.cpu)}×; one-note work ${ratio(b.one.work, n.one.work)}×, ` +
      `CPU ${ratio(b.one.cpu, n.one.cpu)}×; manifest ${(n.bytes / b.bytes).toFixed(2)}×`,
  );
}
console.log(`load average after: ${load()}`);
rmSync(dir, { recursive: true, force: true });
