/**
 * `jingdu refresh --graph`'s reading and compaction of a graph file past V8's longest string
 * (~512 MB): 1M papers / 10M citations of bench/graph-generate.ts (the file of bench:graph-stored,
 * written once into /tmp). Prints the time, the peak RSS and what was read.
 * Run: node --max-old-space-size=12000 --import tsx bench/graph-big-read.ts [nodes] [edges]
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { compactCitationGraph } from "../src/sources/index.js";
import { readCitationGraph } from "../src/sources/light.js";
import { benchId, benchPaper, drawBenchLists } from "./graph-generate.js";

const NODES = Number(process.argv[2] ?? 1_000_000);
const EDGES = Number(process.argv[3] ?? 10_000_000);
const root = join(tmpdir(), `jingdu-bench-graph-${NODES}-${EDGES}-v1`);
const file = join(root, "metadata/citation-graph.jsonl");
if (!existsSync(file)) {
  mkdirSync(join(root, "metadata"), { recursive: true });
  const fd = openSync(`${file}.part`, "w");
  let buffered: string[] = [];
  const flush = () => {
    writeSync(fd, `${buffered.join("\n")}\n`);
    buffered = [];
  };
  for (let i = 0; i < NODES; i++) {
    buffered.push(JSON.stringify({ type: "paper", ...benchPaper(i) }));
    if (buffered.length > 10_000) flush();
  }
  drawBenchLists(NODES, EDGES, (self, references, citations) => {
    buffered.push(
      JSON.stringify({
        type: "lists",
        s2: benchId(self),
        references: references.map(benchId),
        citations: citations.map(benchId),
        fetchedAt: "2026-12-04T10:00:00.000Z",
      }),
    );
    if (buffered.length > 1_000) flush();
  });
  flush();
  closeSync(fd);
  renameSync(`${file}.part`, file);
}
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
console.log(`graph file ${mb(statSync(file).size)}; load ${loadavg()[0]?.toFixed(2)}`);
let t = performance.now();
const { graph, problems } = await readCitationGraph(root);
console.log(
  `readCitationGraph: ${graph.papers.size} papers, ${graph.fetched.size} lists, ${problems.length} problems in ${(performance.now() - t).toFixed(0)} ms; RSS ${mb(process.memoryUsage().rss)}`,
);
t = performance.now();
const compacted = await compactCitationGraph(root, { force: true });
console.log(
  `compactCitationGraph (forced): ${compacted.linesBefore} → ${compacted.linesAfter} lines in ${(performance.now() - t).toFixed(0)} ms; RSS ${mb(process.memoryUsage().rss)}`,
);
