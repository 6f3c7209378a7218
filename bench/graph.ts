/**
 * What to read next on a big citation graph (issue 19): jingdu's personalized PageRank and full
 * ranking (`rankRelatedPapers`: direct, co-citation, coupling, PageRank) on a generated graph of
 * ~100k nodes and ~1M edges, side by side with personalized PageRank in scipy.sparse on the same
 * graph (bench/graph-reference.py: same damping, same iterations, same restart vector), and with
 * igraph's personalized_pagerank (PRPACK), when Python has them (Debian's python3-scipy and
 * python3-igraph: `scripts/bench-python.sh` installs them). Prints medians, the ratios, and
 * whether the top 20 agree.
 *
 * The graph: bench/graph-generate.ts's (`--nodes` papers, a tenth with lists, `--edges`
 * citations); 100 of the fetched papers are the seeds. Deterministic (seeded PRNG).
 * Run: npm run bench:graph [-- --nodes 200000 --edges 2000000 --runs 5]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CitationGraph,
  emptyCitationGraph,
  parseCitationGraph,
  serializeCitationGraph,
} from "../src/core/index.js";
import {
  indexCitationGraph,
  personalizedPageRank,
  rankRelatedPapers,
  type Seed,
} from "../src/study/index.js";
import { benchArgs, benchId, benchPaper, drawBenchLists } from "./graph-generate.js";

const { NODES, EDGES, RUNS, SEEDS } = benchArgs(
  { nodes: "100000", edges: "1000000", runs: "5" },
  {},
);
const DAMPING = 0.85;
const ITERATIONS = 50;

function generate(): { graph: CitationGraph; seeds: Seed[]; fetched: string[] } {
  const graph = emptyCitationGraph();
  for (let i = 0; i < NODES; i++) graph.papers.set(benchId(i), benchPaper(i));
  const fetched: string[] = [];
  drawBenchLists(NODES, EDGES, (self, references, citations) => {
    const s2 = benchId(self);
    fetched.push(s2);
    graph.references.set(s2, references.map(benchId));
    graph.citations.set(s2, citations.map(benchId));
    graph.fetched.set(s2, { fetchedAt: "2026-12-02T00:00:00.000Z" });
  });
  const seeds = fetched.slice(0, SEEDS).map((s2, k) => ({
    s2,
    paperId: `p${k}`,
    name: `P${k}`,
    weight: 1 + (k % 4),
  }));
  return { graph, seeds, fetched };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (xs: number[]) =>
  `${median(xs).toFixed(1)} ms [${xs.map((x) => x.toFixed(0)).join(" ")}]`;
/** Wall and CPU time of one call (the process's CPU: under load, CPU is what compares). */
const cpuOf: WeakMap<number[], number[]> = new WeakMap();
const time = <T>(into: number[], fn: () => T): T => {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = fn();
  into.push(performance.now() - t);
  const used = process.cpuUsage(c);
  const cpu = cpuOf.get(into) ?? [];
  cpu.push((used.user + used.system) / 1000);
  cpuOf.set(into, cpu);
  return out;
};
const both = (xs: number[]) => `${ms(xs)}, CPU ${ms(cpuOf.get(xs) ?? [])}`;
const topOf = (rank: ArrayLike<number>, k: number) =>
  Array.from({ length: rank.length }, (_, i) => i)
    .sort((a, b) => (rank[b] as number) - (rank[a] as number) || a - b)
    .slice(0, k);

const { graph, seeds, fetched } = generate();
const csr = indexCitationGraph(graph);
const edgeCount = csr.adj.length / 2;
console.log(
  `graph: ${csr.nodes.toLocaleString("en")} nodes, ${edgeCount.toLocaleString("en")} citations ` +
    `(${fetched.length.toLocaleString("en")} papers with lists), ${seeds.length} seeds; ` +
    `PageRank damping ${DAMPING}, ${ITERATIONS} iterations; ${RUNS} runs; ` +
    `node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
);

const restart = new Float64Array(csr.nodes);
const total = seeds.reduce((s, x) => s + x.weight, 0);
for (const s of seeds) {
  const i = csr.nodeOf(s.s2);
  restart[i] = (restart[i] as number) + s.weight / total;
}

const build: number[] = [];
const ppr: number[] = [];
const rankAll: number[] = [];
const rankKept: number[] = [];
const rankRecs: number[] = [];
// S2's answer as `refresh --graph` stores it: 100 papers, half of them graph papers outside the
// library, half papers the graph does not hold.
const recommended = {
  papers: Array.from({ length: 100 }, (_, k) =>
    k % 2 === 0
      ? benchPaper(NODES - 1 - k)
      : { s2: `r${String(k).padStart(39, "0")}`, title: `R${k}` },
  ),
  from: seeds.slice(0, 100).map((s) => s.name),
};
let rank: Float64Array = new Float64Array(0);
const inLibrary = new Set(fetched);
for (let r = 0; r < RUNS; r++) {
  time(build, () => indexCitationGraph(graph));
  // tolerance 0: exactly ITERATIONS iterations, as the reference runs.
  rank = time(ppr, () =>
    personalizedPageRank(csr.start, csr.adj, restart, {
      damping: DAMPING,
      iterations: ITERATIONS,
      tolerance: 0,
    }),
  );
  time(rankAll, () => rankRelatedPapers(graph, seeds, { inLibrary, limit: 20 }));
  // The index kept with the graph between calls, as a caller holding the graph does.
  // With and without S2's recommendations, in turns (the one run second pays the other's garbage).
  const kept = () => time(rankKept, () => rankRelatedPapers(csr, seeds, { inLibrary, limit: 20 }));
  const recs = () =>
    time(rankRecs, () => rankRelatedPapers(csr, seeds, { inLibrary, limit: 20, recommended }));
  if (r % 2 === 0) {
    kept();
    recs();
  } else {
    recs();
    kept();
  }
}
const stored = serializeCitationGraph(graph);
const parse: number[] = [];
for (let r = 0; r < Math.min(RUNS, 3); r++) time(parse, () => parseCitationGraph(stored));

console.log(`jingdu  index the graph (ids numbered, lists and CSR)  ${both(build)}`);
console.log(`jingdu  personalized PageRank        ${both(ppr)}`);
console.log(
  `jingdu  rankRelatedPapers (4 signals, indexing and PageRank included) ${both(rankAll)}`,
);
console.log(
  `jingdu  rankRelatedPapers, index kept (4 signals, PageRank included) ${both(rankKept)}`,
);
console.log(
  `jingdu  rankRelatedPapers, index kept, + 100 S2 recommendations (5 signals) ${both(rankRecs)}`,
);
console.log(
  `jingdu  parse the stored file (${(stored.length / 1e6).toFixed(0)} MB JSONL)  ${both(parse)}`,
);
console.log(`jingdu  RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

/**
 * The references' Python: JINGDU_BENCH_PYTHON, else Debian's own /usr/bin/python3 when it has
 * scipy (python3-scipy and python3-igraph, which `scripts/bench-python.sh` installs before this
 * bench), else the first python3 on the PATH.
 */
const hasScipy = (py: string) =>
  spawnSync(py, ["-c", "import scipy, numpy"], { encoding: "utf8" }).status === 0;
const PYTHON =
  process.env.JINGDU_BENCH_PYTHON ??
  (hasScipy("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
if (!hasScipy(PYTHON)) {
  console.log(
    `reference skipped: ${PYTHON} has no scipy and numpy (Debian: apt-get install python3-scipy python3-igraph)`,
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), "jingdu-bench-graph-"));
  try {
    const pairs = new Int32Array(csr.adj.length);
    let k = 0;
    for (const lists of [graph.references, graph.citations]) {
      for (const [from, tos] of lists) {
        const a = csr.nodeOf(from);
        for (const to of tos) {
          pairs[k++] = a;
          pairs[k++] = csr.nodeOf(to);
        }
      }
    }
    writeFileSync(join(dir, "edges.i32"), pairs);
    writeFileSync(join(dir, "restart.f64"), restart);
    writeFileSync(
      join(dir, "params.json"),
      JSON.stringify({
        nodes: csr.nodes,
        damping: DAMPING,
        iterations: ITERATIONS,
        runs: RUNS,
      }),
    );
    const run = spawnSync(PYTHON, [join(import.meta.dirname, "graph-reference.py"), dir], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`the scipy reference failed: ${run.stderr}`);
    const ref = JSON.parse(run.stdout) as {
      scipy: string;
      numpy: string;
      buildMs: number;
      pprMs: number;
      runs: { build: number[]; ppr: number[] };
      cpu: { build: number[]; ppr: number[] };
      igraph?: {
        version: string;
        buildMs: number;
        pprMs: number;
        runs: { build: number[]; ppr: number[] };
        cpu: { build: number[]; ppr: number[] };
      };
    };
    const theirs = new Float64Array(readFileSync(join(dir, "rank.f64")).buffer.slice(0));
    let maxDiff = 0;
    for (let i = 0; i < rank.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((rank[i] as number) - (theirs[i] as number)));
    }
    const ours20 = topOf(rank, 20);
    const theirs20 = topOf(theirs, 20);
    const same = ours20.filter((i, n) => theirs20[n] === i).length;
    const theirsBoth = (wall: number[], cpu: number[]) => `${ms(wall)}, CPU ${ms(cpu)}`;
    const cpuRatio = (ours: number[], theirs: number[]) =>
      (median(cpuOf.get(ours) ?? []) / median(theirs)).toFixed(2);
    console.log(
      `scipy ${ref.scipy} (numpy ${ref.numpy})  build CSR  ${theirsBoth(ref.runs.build, ref.cpu.build)}`,
    );
    console.log(
      `scipy ${ref.scipy} (numpy ${ref.numpy})  personalized PageRank  ${theirsBoth(ref.runs.ppr, ref.cpu.ppr)}`,
    );
    console.log(
      `CPU ratio jingdu / scipy: PageRank ${cpuRatio(ppr, ref.cpu.ppr)}, build ${cpuRatio(build, ref.cpu.build)}`,
    );
    console.log(
      `ratio jingdu / scipy: PageRank ${(median(ppr) / ref.pprMs).toFixed(2)}, ` +
        `build ${(median(build) / ref.buildMs).toFixed(2)}, ` +
        `build + PageRank ${((median(build) + median(ppr)) / (ref.buildMs + ref.pprMs)).toFixed(2)}`,
    );
    console.log(
      `top 20 agree: ${same === 20 ? "yes" : "NO"} (${same}/20 in the same place); ` +
        `largest difference of a score ${maxDiff.toExponential(1)}`,
    );
    if (same !== 20) process.exitCode = 1;
    if (ref.igraph) {
      const ig = ref.igraph;
      const igRank = new Float64Array(readFileSync(join(dir, "rank-igraph.f64")).buffer.slice(0));
      const ig20 = topOf(igRank, 20);
      const igSame = ours20.filter((i, n) => ig20[n] === i).length;
      const igSet = ours20.filter((i) => ig20.includes(i)).length;
      console.log(`igraph ${ig.version}  build Graph  ${theirsBoth(ig.runs.build, ig.cpu.build)}`);
      console.log(
        `igraph ${ig.version}  personalized PageRank (PRPACK)  ${theirsBoth(ig.runs.ppr, ig.cpu.ppr)}`,
      );
      console.log(
        `CPU ratio jingdu / igraph: PageRank ${cpuRatio(ppr, ig.cpu.ppr)}, build ${cpuRatio(build, ig.cpu.build)}`,
      );
      console.log(
        `ratio jingdu / igraph: PageRank ${(median(ppr) / ig.pprMs).toFixed(2)}, ` +
          `build ${(median(build) / ig.buildMs).toFixed(2)}, ` +
          `build + PageRank ${((median(build) + median(ppr)) / (ig.buildMs + ig.pprMs)).toFixed(2)}`,
      );
      // PRPACK solves to convergence where jingdu and scipy stop at 50 iterations: the same
      // papers on top is the check, their exact order may differ where scores are close.
      console.log(
        `top 20 against igraph: ${igSet}/20 the same papers, ${igSame}/20 in the same place`,
      );
    } else {
      console.log(`igraph reference skipped: ${PYTHON} has no igraph (Debian: python3-igraph)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
