/**
 * The citation graph around the library, as the ranking reads it (issue 19). Two halves share
 * this contract: `sources` fetches references and citations from Semantic Scholar and the store
 * keeps them as fetched metadata (docs/metadata.md, "The citation graph"); `study` ranks what to
 * read next from it. Nodes are Semantic Scholar paper ids (`paperId`, 40 hex digits), because
 * every neighbour has one while few have an arXiv id or a DOI.
 *
 * Types only: no I/O and no dependency, so every layer may hold a graph.
 */

/** A paper of the graph: a library paper or one of its neighbours, as Semantic Scholar knows it. */
export interface GraphPaper {
  /** Semantic Scholar `paperId`. */
  s2: string;
  title?: string;
  year?: number;
  venue?: string;
  authors?: string[];
  citationCount?: number;
  /** External ids S2 gave (`ArXiv`, `DOI`, `CorpusId` → arxiv, doi, corpusId). */
  ids?: { arxiv?: string; doi?: string; corpusId?: number };
}

/** How much of a library paper's neighbourhood was fetched (the caps are in docs/metadata.md). */
export interface GraphFetchState {
  /** ISO date-time of the last fetch of this paper's lists. */
  fetchedAt: string;
  /** What S2 reports in total, which may exceed what was kept under the caps. */
  referenceCount?: number;
  citationCount?: number;
  /** True when a list was cut by a cap (newest and most-cited kept first). */
  referencesTruncated?: boolean;
  citationsTruncated?: boolean;
}

/**
 * The graph: every paper by S2 id, and for each library paper that was fetched, what it cites and
 * what cites it. A neighbour's own lists are not fetched (one hop), so `references` and
 * `citations` have keys only for library papers.
 */
export interface CitationGraph {
  papers: Map<string, GraphPaper>;
  /** S2 id of a library paper → S2 ids it cites. */
  references: Map<string, string[]>;
  /** S2 id of a library paper → S2 ids of papers citing it. */
  citations: Map<string, string[]>;
  /** S2 id of a library paper → how its lists were fetched. */
  fetched: Map<string, GraphFetchState>;
}

/** What a reader of the graph asks of it, by S2 id (a `Map` answers it, and so does an index). */
export interface GraphLookup<V> {
  get(s2: string): V | undefined;
  readonly size: number;
}

/**
 * A graph as the ranking and the pages read it: the `Map`s of a `CitationGraph`, or the byte
 * reader's index (src/study/graph-read.ts), which parses a paper's line only when it is asked.
 */
export interface CitationGraphView {
  papers: GraphLookup<GraphPaper> & { values(): Iterable<GraphPaper> };
  references: GraphLookup<readonly string[]>;
  citations: GraphLookup<readonly string[]>;
  fetched: GraphLookup<GraphFetchState>;
}

/** An empty graph (a library with no fetched neighbourhood yet). */
export function emptyCitationGraph(): CitationGraph {
  return { papers: new Map(), references: new Map(), citations: new Map(), fetched: new Map() };
}

/** Where the graph is kept in a library (fetched metadata: commit it, like `metadata/*.jsonl`). */
export const CITATION_GRAPH_FILE = "metadata/citation-graph.jsonl";

/**
 * One line of `metadata/citation-graph.jsonl`. A `paper` line describes a node; a `lists` line
 * holds what a library paper cites and what cites it. The file is appended to as a fetch goes
 * (a killed fetch leaves whole lines and at most one torn last line), and a later line about the
 * same paper replaces an earlier one, so a resumed fetch needs no rewrite; `serializeCitationGraph`
 * writes the compacted form.
 */
export type CitationGraphLine =
  | ({ type: "paper" } & GraphPaper)
  | ({ type: "lists"; s2: string; references: string[]; citations: string[] } & GraphFetchState);

export interface CitationGraphProblem {
  /** 1-based line of the file. */
  line: number;
  message: string;
}

const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

function optionalNumber(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function paperOf(raw: Record<string, unknown>): GraphPaper {
  const paper: GraphPaper = { s2: raw.s2 as string };
  if (isText(raw.title)) paper.title = raw.title;
  const year = optionalNumber(raw.year);
  if (year !== undefined) paper.year = year;
  if (isText(raw.venue)) paper.venue = raw.venue;
  if (Array.isArray(raw.authors)) paper.authors = raw.authors.filter(isText);
  const cited = optionalNumber(raw.citationCount);
  if (cited !== undefined) paper.citationCount = cited;
  if (raw.ids !== null && typeof raw.ids === "object") {
    const ids = raw.ids as Record<string, unknown>;
    const out: NonNullable<GraphPaper["ids"]> = {};
    if (isText(ids.arxiv)) out.arxiv = ids.arxiv;
    if (isText(ids.doi)) out.doi = ids.doi;
    const corpus = optionalNumber(ids.corpusId);
    if (corpus !== undefined) out.corpusId = corpus;
    paper.ids = out;
  }
  return paper;
}

function fetchStateOf(raw: Record<string, unknown>): GraphFetchState {
  const state: GraphFetchState = { fetchedAt: raw.fetchedAt as string };
  const refs = optionalNumber(raw.referenceCount);
  if (refs !== undefined) state.referenceCount = refs;
  const cits = optionalNumber(raw.citationCount);
  if (cits !== undefined) state.citationCount = cits;
  if (raw.referencesTruncated === true) state.referencesTruncated = true;
  if (raw.citationsTruncated === true) state.citationsTruncated = true;
  return state;
}

/** Why a parsed line is not a graph line, or undefined when it is one. */
function lineProblem(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return "not a JSON object";
  const o = raw as Record<string, unknown>;
  if (!isText(o.s2)) return "`s2` (the Semantic Scholar paper id) is missing";
  if (o.type === "paper") return undefined;
  if (o.type !== "lists") return '`type` is neither "paper" nor "lists"';
  if (!isIdList(o.references)) return "`references` is not a list of ids";
  if (!isIdList(o.citations)) return "`citations` is not a list of ids";
  if (!isText(o.fetchedAt) || Number.isNaN(Date.parse(o.fetchedAt))) {
    return "`fetchedAt` is not an ISO date-time";
  }
  return undefined;
}

/** One line of the file read: a node, a library paper's lists, or why it is not a graph line. */
export type ReadCitationGraphLine =
  | { paper: GraphPaper }
  | { lists: { s2: string; references: string[]; citations: string[]; state: GraphFetchState } }
  | { problem: string };

/**
 * One line's text (already trimmed, not blank) read as `parseCitationGraph` reads it: the one
 * definition of a valid line, which the byte reader of the index (src/study/graph-read.ts) falls
 * back to for any line its fast path does not take.
 */
export function readCitationGraphLine(line: string): ReadCitationGraphLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return { problem: `not JSON (${(err as Error).message})` };
  }
  return citationGraphLineOf(raw);
}

/** A parsed JSON value as a graph line, or why it is not one. */
export function citationGraphLineOf(raw: unknown): ReadCitationGraphLine {
  const problem = lineProblem(raw);
  if (problem !== undefined) return { problem };
  const o = raw as Record<string, unknown>;
  if (o.type === "paper") return { paper: paperOf(o) };
  return {
    lists: {
      s2: o.s2 as string,
      references: o.references as string[],
      citations: o.citations as string[],
      state: fetchStateOf(o),
    },
  };
}

/**
 * Reads a graph file line by line (`add` each line with its number, then take `graph` and
 * `problems`): the one rule of `parseCitationGraph` for a caller that has the file as bytes or in
 * pieces. A line that is not JSON or not a graph line is reported with its number and skipped;
 * the rest of the graph still loads (one bad line is that line's problem). A torn last line (a
 * killed fetch) is reported like any other. `lines` counts the lines with text.
 */
export function citationGraphReader(): {
  add(line: string, number: number): void;
  graph: CitationGraph;
  problems: CitationGraphProblem[];
  readonly lines: number;
} {
  const graph = emptyCitationGraph();
  const problems: CitationGraphProblem[] = [];
  let lines = 0;
  return {
    graph,
    problems,
    get lines() {
      return lines;
    },
    add(text, number) {
      const line = text.trim();
      if (line === "") return;
      lines++;
      const read = readCitationGraphLine(line);
      if ("problem" in read) problems.push({ line: number, message: read.problem });
      else if ("paper" in read) graph.papers.set(read.paper.s2, read.paper);
      else {
        const { s2, references, citations, state } = read.lists;
        graph.references.set(s2, references);
        graph.citations.set(s2, citations);
        graph.fetched.set(s2, state);
      }
    },
  };
}

/** Reads the file's text into a graph (`citationGraphReader`'s rule). */
export function parseCitationGraph(text: string): {
  graph: CitationGraph;
  problems: CitationGraphProblem[];
} {
  const reader = citationGraphReader();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) reader.add(lines[i] as string, i + 1);
  return { graph: reader.graph, problems: reader.problems };
}

/**
 * Reads the file's bytes into a graph, a line decoded at a time: the same graph and problems as
 * `parseCitationGraph` of their UTF-8 text, without that text as one string (V8 refuses a string
 * past ~512 MB, which a graph of a million papers' lists passes). `lines`: lines with text.
 */
export function parseCitationGraphBytes(bytes: Uint8Array): {
  graph: CitationGraph;
  problems: CitationGraphProblem[];
  lines: number;
} {
  const reader = citationGraphReader();
  const decoder = new TextDecoder();
  let number = 1;
  for (let start = 0; start <= bytes.length; number++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    if (stop > start) reader.add(decoder.decode(bytes.subarray(start, stop)), number);
    start = stop + 1;
  }
  return { graph: reader.graph, problems: reader.problems, lines: reader.lines };
}

/** The graph as lines: every `paper` line (sorted by id), then every `lists` line (sorted). */
export function citationGraphLines(graph: CitationGraph): CitationGraphLine[] {
  const out: CitationGraphLine[] = [];
  for (const s2 of [...graph.papers.keys()].sort()) {
    out.push({ type: "paper", ...(graph.papers.get(s2) as GraphPaper) });
  }
  for (const s2 of [...graph.fetched.keys()].sort()) {
    out.push({
      type: "lists",
      s2,
      references: graph.references.get(s2) ?? [],
      citations: graph.citations.get(s2) ?? [],
      ...(graph.fetched.get(s2) as GraphFetchState),
    });
  }
  return out;
}

/**
 * The compacted file as UTF-8 bytes, and its line count: `serializeCitationGraph`'s bytes, built
 * a line at a time (no string of the whole file, which V8 refuses past ~512 MB).
 */
export function serializeCitationGraphBytes(graph: CitationGraph): {
  bytes: Uint8Array;
  lines: number;
} {
  const encoder = new TextEncoder();
  const parts = citationGraphLines(graph).map((line) =>
    encoder.encode(`${JSON.stringify(line)}\n`),
  );
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, lines: parts.length };
}

/** The compacted file: one JSON line per entry of `citationGraphLines`, ending with a newline. */
export function serializeCitationGraph(graph: CitationGraph): string {
  const lines = citationGraphLines(graph).map((line) => JSON.stringify(line));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
