/**
 * The no-change build of two checkouts' `dist/` in one process: a new builder per build reading
 * the manifest from disk (what `jingdu build` does once the library is loaded), the sides run
 * build by build interleaved; prints build work and the build's CPU time (median and minimum),
 * which a loaded machine inflates less than wall time.
 * Run (after `npm run build` in both, and a library, e.g. one bench/synthetic-library.ts wrote):
 *   node bench/build-ab-inprocess.mjs LIBRARY OUTDIR BASE_CHECKOUT [NEW_CHECKOUT] [builds]
 */
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [library, outDir, base, mine, count] = process.argv.slice(2);
if (!library || !outDir || !base) throw new Error("usage: LIBRARY OUTDIR BASE [NEW] [builds]");
const here = resolve(fileURLToPath(import.meta.url), "..", "..");
const BUILDS = Number(count ?? 12);
const sides = [];
for (const [name, root] of [
  ["base", resolve(base)],
  ["new", resolve(mine ?? here)],
]) {
  const site = await import(join(root, "dist", "site", "index.js"));
  const store = await import(join(root, "dist", "store", "load-library-cached.js"));
  const loaded = await store.loadLibraryCached(library, { notes: "eager" });
  const opts = {
    outDir: join(outDir, name),
    baseUrl: "/",
    now: () => new Date("2024-07-10T08:00:00Z"),
  };
  // A full build, then one that writes the manifest as a no-change build finds it.
  site.buildSite(loaded.library, opts);
  site.buildSite(loaded.library, opts);
  sides.push({ name, root, site, library: loaded.library, opts, ms: [], cpu: [] });
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (let i = 0; i < BUILDS; i++) {
  for (const side of i % 2 ? sides : [...sides].reverse()) {
    const before = process.cpuUsage();
    const r = side.site.buildSite(side.library, side.opts);
    const cpu = process.cpuUsage(before);
    if (r.rendered !== 0) throw new Error(`${side.name}: a no-change build rendered ${r.rendered}`);
    side.ms.push(r.ms);
    side.cpu.push(Math.round((cpu.user + cpu.system) / 1000));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const s of sides) {
  console.log(
    `${s.name} (${s.root}): build work median ${median(s.ms)} ms, min ${Math.min(...s.ms)}; ` +
      `CPU median ${median(s.cpu)} ms, min ${Math.min(...s.cpu)}`,
  );
}
const [b, n] = sides;
console.log(
  `new/base CPU: median ${(median(n.cpu) / median(b.cpu)).toFixed(2)}×, ` +
    `min ${(Math.min(...n.cpu) / Math.min(...b.cpu)).toFixed(2)}×; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
);
