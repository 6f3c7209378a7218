/**
 * The generated citation graph of bench/graph.ts (in memory) and bench/graph-stored.ts (written
 * as the stored JSONL): `nodes` papers, a tenth of them "fetched" (a library paper with its
 * references and citations lists), their lists drawn with a skew toward a few popular papers (as
 * citations are) until `edges` citations. Deterministic (seeded PRNG): both benches draw the
 * same graph.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { createRandom } from "./paper-library.js";

/** The S2-like id of paper i (40 hex digits). */
export const benchId = (i: number): string => i.toString(16).padStart(40, "0");

/** Paper i's node. */
export const benchPaper = (i: number) => ({
  s2: benchId(i),
  title: `Paper ${i}`,
  year: 1990 + (i % 35),
  citationCount: Math.floor(1000 / (1 + (i % 1000))),
});

/** The fetched papers in order (every tenth), each with its two lists, as paper numbers. */
export function drawBenchLists(
  nodes: number,
  edges: number,
  each: (self: number, references: number[], citations: number[]) => void,
): void {
  const random = createRandom(19);
  const fetched = Math.max(1, Math.floor(nodes / 10));
  const perList = edges / fetched / 2;
  let drawn = 0;
  for (let k = 0; k < fetched; k++) {
    const self = k * 10;
    const lists: [number[], number[]] = [[], []];
    for (const list of lists) {
      const n = Math.round(perList * (0.4 + 1.2 * random()));
      const seen = new Set<number>();
      while (seen.size < n && drawn < edges) {
        let id: number;
        do id = Math.floor(nodes * random() ** 2.5);
        while (id === self);
        if (!seen.has(id)) {
          seen.add(id);
          list.push(id);
          drawn++;
        }
      }
    }
    each(self, lists[0], lists[1]);
  }
}

/** The benches' common options (`--nodes --edges --runs --seeds`) and their own. */
export function benchArgs(
  defaults: { nodes: string; edges: string; runs: string },
  own: NonNullable<ParseArgsConfig["options"]>,
) {
  const { values } = parseArgs({
    options: {
      nodes: { type: "string", default: defaults.nodes },
      edges: { type: "string", default: defaults.edges },
      runs: { type: "string", default: defaults.runs },
      seeds: { type: "string", default: "100" },
      ...own,
    },
  });
  const all = values as Record<string, string | boolean | undefined>;
  const n = (k: string) => Number(all[k]);
  return { NODES: n("nodes"), EDGES: n("edges"), RUNS: n("runs"), SEEDS: n("seeds"), values: all };
}
