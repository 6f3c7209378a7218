/**
 * `metadata/citation-graph.jsonl` on disk (format: src/core/citation-graph.ts, docs/library-format.md):
 * reading it for any layer (`readCitationGraph`, on the light door). The fetch that appends to it
 * and compacts it (`jingdu refresh --graph`) is on branch graphdata, which extends this file.
 */
import { join } from "node:path";
import { readRegularFile } from "../../base/index.js";
import {
  CITATION_GRAPH_FILE,
  type CitationGraph,
  type Diagnostic,
  emptyCitationGraph,
  notRegularDiagnostic,
  parseCitationGraph,
} from "../../core/index.js";

/** The file's absolute path in a library. */
export function citationGraphPath(root: string): string {
  return join(root, CITATION_GRAPH_FILE);
}

function problemsOf(problems: { line: number; message: string }[]): Diagnostic[] {
  return problems.map((p) => ({
    level: "warning",
    rule: "citation-graph-line-invalid",
    message: `unreadable citation-graph line: ${p.message}`,
    file: CITATION_GRAPH_FILE,
    line: p.line,
    hint: "A killed `jingdu refresh --graph` leaves at most one torn last line; the next one rewrites the file without it. Otherwise delete the line: the paper is fetched again.",
  }));
}

/**
 * The library's citation graph, and its unreadable lines as diagnostics (file and line; the rest
 * of the graph still loads). No file: an empty graph and no problem.
 * @example const { graph, problems } = await readCitationGraph(root)
 */
export async function readCitationGraph(
  root: string,
): Promise<{ graph: CitationGraph; problems: Diagnostic[] }> {
  const read = await readRegularFile(citationGraphPath(root));
  if ("missing" in read) return { graph: emptyCitationGraph(), problems: [] };
  if ("notRegular" in read)
    return {
      graph: emptyCitationGraph(),
      problems: [notRegularDiagnostic(CITATION_GRAPH_FILE, read.notRegular)],
    };
  const { graph, problems } = parseCitationGraph(read.text);
  return { graph, problems: problemsOf(problems) };
}
