/**
 * `jingdu build --watch`'s one-note rebuild, A/B in one process: the same generated library
 * built by this checkout's `dist/` and, with `--base DIR`, by another build's `dist/` (main's,
 * copied aside), each a watch builder as the CLI makes it (`loadSiteInputs`, `updateSiteInputs`
 * of the changed file, `createSiteBuilder` with a deferred manifest). The edits alternate
 * between the two, so a busy phase of the machine weighs on both alike; prints the median and
 * range of each one's build work (the `ms` the CLI's `--json` line reports) with the load.
 * `--papers N` generates bench/paper-library.ts's library of N papers (bench:scale's), else
 * bench/synthetic-library.ts's of `--notes N` notes (bench:build's, default 2,000).
 * `--profile FILE` writes a CPU profile of the edits from the third on (without `--base`: of
 * this checkout's alone; open it in Chrome's DevTools or speedscope).
 * Run: npm run build && node --import tsx bench/build-watch.ts --notes 2000 --edits 20 --base /tmp/main-dist
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { paperId, writePaperLibrary } from "./paper-library.js";
import { syntheticLibrary, writeJingduLibrary } from "./synthetic-library.js";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EDITS = Number(opt("edits") ?? 20);
const PAPERS = opt("papers") === undefined ? undefined : Number(opt("papers"));
const NOTES = Number(opt("notes") ?? 2000);
const repo = resolve(fileURLToPath(import.meta.url), "..", "..");
const now = () => new Date("2024-07-10T08:00:00Z");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

type SiteModule = typeof import("../src/site/index.js");
type StoreModule = typeof import("../src/store/load-library-cached.js");

/** A watch builder of one `dist/`, as `jingdu build --watch` runs it. */
async function watcher(dist: string, root: string, out: string) {
  const site = (await import(join(dist, "site", "index.js"))) as SiteModule;
  const store = (await import(join(dist, "store", "load-library-cached.js"))) as StoreModule;
  const loadEager = (r: string) => store.loadLibraryCached(r, { notes: "eager" });
  let inputs = await site.loadSiteInputs(root, loadEager);
  const builder = site.createSiteBuilder({ outDir: out, baseUrl: "/", now, deferManifest: true });
  builder.build(inputs.library, inputs);
  return {
    async edit(rel: string): Promise<{ work: number; written: number }> {
      inputs =
        (await site.updateSiteInputs(inputs, [rel])) ??
        (await site.loadSiteInputs(root, loadEager));
      const r = builder.build(inputs.library, inputs);
      return { work: r.ms, written: r.written.length };
    },
    flush: () => builder.flush(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "jingdu-bench-watch-"));
  const root = join(dir, "library");
  let rel: string;
  if (PAPERS !== undefined) {
    writePaperLibrary(root, { papers: PAPERS, categories: Math.max(10, Math.round(PAPERS / 500)) });
    rel = join("papers", `${paperId(1, PAPERS)}.md`);
  } else {
    writeJingduLibrary(root, syntheticLibrary(NOTES));
    rel = "courses/course-1/episodes/001.md";
  }
  const size = PAPERS === undefined ? `${NOTES} notes` : `${PAPERS} papers`;
  console.log(`bench:build-watch: ${size}, ${EDITS} edits each; load ${load()}`);
  const base = opt("base");
  const sides = [{ name: "this", dist: join(repo, "dist") }];
  if (base) sides.unshift({ name: `base (${base})`, dist: resolve(base) });
  const builders = [];
  for (const [k, side] of sides.entries()) {
    builders.push(await watcher(side.dist, root, join(dir, `site-${k}`)));
  }
  const file = join(root, rel);
  const original = readFileSync(file, "utf8");
  const times = sides.map(() => [] as number[]);
  const written = sides.map(() => 0);
  const profile = opt("profile");
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
  }
  for (let run = 0; run < EDITS; run++) {
    writeFileSync(file, `${original}\nEdited in watch ${run}: $e^{i\\pi} + ${run} = 0$.\n`);
    // The first edits run before V8 has optimized the rebuild's code: profiled from the third.
    if (session && run === 2) await session.post("Profiler.start");
    for (const [k, builder] of builders.entries()) {
      const r = await builder.edit(rel);
      times[k]?.push(r.work);
      written[k] = r.written;
      builder.flush();
    }
  }
  if (session) {
    const { profile: data } = await session.post("Profiler.stop");
    writeFileSync(profile as string, JSON.stringify(data));
  }
  writeFileSync(file, original);
  for (const [k, side] of sides.entries()) {
    const t = times[k] as number[];
    console.log(
      `${side.name}: build work median ${Math.round(median(t))} ms [${Math.round(Math.min(...t))}–${Math.round(Math.max(...t))}], ${written[k]} files written`,
    );
  }
  console.log(`load after: ${load()}`);
}

await main();
