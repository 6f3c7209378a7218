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

interface Side {
  name: string;
  cli: string;
  out: string;
  same: { wall: number[]; work: number[] };
  one: { wall: number[]; work: number[] };
  bytes: number;
}

function run(side: Side, lib: string): { wall: number; work: number } {
  const started = performance.now();
  const r = spawnSync("node", [side.cli, "--library", lib, "build", "--out", side.out, "--json"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`${side.name}: build failed: ${r.stderr || r.stdout}`);
  return { wall, work: (JSON.parse(r.stdout) as { ms: number }).ms };
}

const dir = mkdtempSync(join(tmpdir(), "jingdu-bench-ab-"));
const lib = join(dir, "library");
writeJingduLibrary(lib, syntheticLibrary(NOTES));
const sides: Side[] = [
  ...(base ? [{ name: "base", root: base }] : []),
  { name: "new", root: repo },
].map(({ name, root }) => ({
  name,
  cli: join(root, "dist", "cli", "main.js"),
  out: join(dir, `site-${name}`),
  same: { wall: [], work: [] },
  one: { wall: [], work: [] },
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
  }
  writeFileSync(episode, `${original}\nEdited in run ${i}: $e^{i\\pi} + ${i} = 0$.\n`);
  for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
    const one = run(side, lib);
    side.one.wall.push(one.wall);
    side.one.work.push(one.work);
  }
}
writeFileSync(episode, original);
for (const side of sides) side.bytes = statSync(join(side.out, ".jingdu-build.json")).size;
const fmt = (xs: number[]) =>
  `${median(xs).toFixed(0)} ms [${xs.map((x) => x.toFixed(0)).join(" ")}]`;
for (const side of sides) {
  console.log(`\n${side.name} (${side.cli})`);
  console.log(`  nothing changed: build work ${fmt(side.same.work)}; wall ${fmt(side.same.wall)}`);
  console.log(`  one note changed: build work ${fmt(side.one.work)}; wall ${fmt(side.one.wall)}`);
  console.log(`  manifest ${side.bytes.toLocaleString("en")} bytes`);
}
if (sides.length === 2) {
  const [b, n] = sides as [Side, Side];
  const ratio = (x: number[], y: number[]) => (median(y) / median(x)).toFixed(2);
  console.log(
    `\nnew/base: no-change work ${ratio(b.same.work, n.same.work)}×, wall ${ratio(b.same.wall, n.same.wall)}×; ` +
      `one-note work ${ratio(b.one.work, n.one.work)}×; manifest ${(n.bytes / b.bytes).toFixed(2)}×`,
  );
}
console.log(`load average after: ${load()}`);
rmSync(dir, { recursive: true, force: true });
