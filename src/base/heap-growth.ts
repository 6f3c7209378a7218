import { setFlagsFromString } from "node:v8";

/**
 * How much V8 lets the old generation grow past what was live after a full GC, in percent, in a
 * process that serves the web app. V8's default on a machine with memory is up to 4× (300 %):
 * under load, a server with ~50 MB live kept 200+ MB of heap (garbage promoted by the requests
 * in flight). 30 % measured 233 MB RSS instead of 345 MB after the same load, at the same
 * latency. 15 % (2026-12-03, 20,000 papers, 6,000 category then 6,000 paper pages, load ~3):
 * 195 MB instead of 205 MB, at 6–14 % more server CPU a request (0.475 vs 0.417 ms a category
 * page, 1.055 vs 1.000 ms a paper page); without any flag 296 MB. The heap limit itself does not
 * change (no out-of-memory risk); the cost is more frequent full GCs (mostly concurrent marking)
 * under allocation-heavy load.
 */
export const SERVER_HEAP_GROWING_PERCENT = 15;

/**
 * The young generation of the serve process stays at its initial size (two 1 MB semi-spaces)
 * instead of growing to V8's 2 × 16 MB: a server's garbage dies young (one request), and the
 * library it keeps is promoted at load anyway. Measured with `bench/serve.ts` (20,000 papers):
 * RSS after the runs 176 MB instead of 211 MB, cold start 780 ms instead of 845 ms (fewer fresh
 * pages touched while the library loads), catalog 2,210 req/s instead of 2,323 and paper pages
 * 2,913 instead of 3,479 (more scavenges), p50 unchanged. `--max-semi-space-size` would say it
 * directly but is read only at start-up; the growth factor is read each time V8 would grow.
 */
export const SERVER_SEMI_SPACE_GROWTH_FACTOR = 1;

/**
 * Keeps this process's V8 heap close to what is live: the old generation grows by `percent` past
 * its live size (from the next full GC), the young generation not at all. For the process that
 * runs the server only: it applies to the whole process.
 * @example limitHeapGrowth(); await startServer({ root, port: 4000, now: () => new Date() })
 */
export function limitHeapGrowth(percent = SERVER_HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
  setFlagsFromString(`--semi-space-growth-factor=${SERVER_SEMI_SPACE_GROWTH_FACTOR}`);
}
