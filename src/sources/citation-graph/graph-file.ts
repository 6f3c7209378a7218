/**
 * `metadata/citation-graph.jsonl` on disk (format: src/core/citation-graph.ts, docs/library-format.md):
 * reading it for any layer (`readCitationGraph`, on the light door). The fetch that appends to it
 * and compacts it (`jingdu refresh --graph`) is graph-store.ts and refresh-graph.ts.
 */
import { join } from "node:path";
import { readRegularFileBytes } from "../../base/index.js";
import {
  CITATION_GRAPH_FILE,
  type CitationGraph,
  type CitationGraphView,
  type Diagnostic,
  emptyCitationGraph,
  type Library,
  notRegularDiagnostic,
  parseCitationGraphBytes,
} from "../../core/index.js";

/** The file's absolute path in a library. */
export function citationGraphPath(root: string): string {
  return join(root, CITATION_GRAPH_FILE);
}

/** The graph file's unreadable lines as diagnostics (file, line, how to mend it). */
export function citationGraphDiagnostics(
  problems: readonly { line: number; message: string }[],
): Diagnostic[] {
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
  // As bytes, read a line at a time: the file may pass the longest string V8 makes.
  const read = await readRegularFileBytes(citationGraphPath(root));
  if ("missing" in read) return { graph: emptyCitationGraph(), problems: [] };
  if ("notRegular" in read)
    return {
      graph: emptyCitationGraph(),
      problems: [notRegularDiagnostic(CITATION_GRAPH_FILE, read.notRegular)],
    };
  const { graph, problems } = parseCitationGraphBytes(read.bytes);
  return { graph, problems: citationGraphDiagnostics(problems) };
}

/** arXiv id (no version), DOI (lower case) and CorpusId of every graph paper → its S2 id. */
export function externalIndex(graph: Pick<CitationGraphView, "papers">): Map<string, string> {
  const index = new Map<string, string>();
  for (const p of graph.papers.values()) {
    if (p.ids?.arxiv) index.set(`arxiv:${p.ids.arxiv.replace(/v\d+$/, "")}`, p.s2);
    if (p.ids?.doi) index.set(`doi:${p.ids.doi.toLowerCase()}`, p.s2);
    if (p.ids?.corpusId !== undefined) index.set(`corpus:${p.ids.corpusId}`, p.s2);
  }
  return index;
}

/**
 * The S2 id of each library paper the graph knows: its own `ids.s2`, else the graph paper with
 * its arXiv id, DOI or CorpusId (a paper fetched by `ARXIV:…` before it had an S2 id). The
 * graph's papers are gone through only when a paper has no S2 id of its own (an index parses a
 * paper line only when asked).
 * @example libraryS2Ids(library.papers, graph).get("resnet") // "2c03df8b…"
 */
export function libraryS2Ids(
  papers: readonly Pick<Library["papers"][number], "id" | "ids">[],
  graph: Pick<CitationGraphView, "papers">,
): Map<string, string> {
  let known: Map<string, string> | undefined;
  const index = {
    get: (key: string) => {
      if (known === undefined) known = externalIndex(graph);
      return known.get(key);
    },
  };
  const out = new Map<string, string>();
  for (const p of papers) {
    const { s2, arxiv, doi, corpusId } = p.ids;
    const id =
      s2 ??
      (arxiv ? index.get(`arxiv:${arxiv.replace(/v\d+$/, "")}`) : undefined) ??
      (doi ? index.get(`doi:${doi.toLowerCase()}`) : undefined) ??
      (corpusId !== undefined ? index.get(`corpus:${corpusId}`) : undefined);
    if (id) out.set(p.id, id);
  }
  return out;
}
