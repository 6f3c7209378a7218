/**
 * Where a server's memory goes, for `bench/serve.ts --memory` (off by default): loaded into the
 * server process with `node --import`, it prints to stderr, on SIGUSR2, process.memoryUsage(),
 * V8's heap spaces (used/size MB) and the resident set by mapping (/proc/self/smaps: `[anon]` is
 * V8's heap and malloc's arenas, `[heap]` malloc's main heap, named files the code); on SIGHUP, a
 * full GC first (after the measured RSS only: it shows what of the heap is live).
 */
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

const mb = (n) => Math.round((n / 1048576) * 10) / 10;

/** Resident MB by mapping name (file basename, `[anon]`, `[heap]`, `[stack]`), above 1 MB. */
function residentByMapping() {
  const groups = new Map();
  let name = "";
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      name = head[1] === "" ? "[anon]" : (head[1].split("/").pop() ?? head[1]);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) groups.set(name, (groups.get(name) ?? 0) + Number(rss[1]) * 1024);
  }
  return Object.fromEntries(
    [...groups]
      .filter(([, bytes]) => bytes > 1048576)
      .sort((a, b) => b[1] - a[1])
      .map(([k, bytes]) => [k, mb(bytes)]),
  );
}

function report(label) {
  const m = process.memoryUsage();
  const usage = {
    rss: mb(m.rss),
    heapTotal: mb(m.heapTotal),
    heapUsed: mb(m.heapUsed),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
  const spaces = Object.fromEntries(
    v8
      .getHeapSpaceStatistics()
      .map((s) => [s.space_name, `${mb(s.space_used_size)}/${mb(s.space_size)}`]),
  );
  process.stderr.write(
    `[memory ${label}] ${JSON.stringify(usage)}\n  heap spaces used/size: ${JSON.stringify(spaces)}\n  resident by mapping: ${JSON.stringify(residentByMapping())}\n`,
  );
}

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");
report("process start");
process.on("SIGUSR2", () => report("now"));
process.on("SIGHUP", () => {
  gc();
  report("after a full GC");
});
