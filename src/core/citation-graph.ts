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

/** An empty graph (a library with no fetched neighbourhood yet). */
export function emptyCitationGraph(): CitationGraph {
  return { papers: new Map(), references: new Map(), citations: new Map(), fetched: new Map() };
}
