/**
 * What to read next from the citation graph (issue 19), for `jingdu next --papers` and the app's
 * Next page alike: the graph kept in `metadata/citation-graph.jsonl` read into its index
 * (`loadCitationGraphIndex`, or the app's kept one), the learner's seeds (`paperSeeds`) and the
 * ranking with its reasons (`rankRelatedPapers`).
 */
import {
  type CitationGraphView,
  type Diagnostic,
  JingduError,
  type Library,
} from "../core/index.js";
import { paperSeeds, type RelatedPaper, rankRelatedPapers, type Seed } from "../study/index.js";
import { type LoadedCitationGraph, loadCitationGraphIndex } from "./citation-graph-index.js";
import { readDismissedPapers } from "./dismiss-suggestion.js";

export interface NextPapersOptions {
  root: string;
  library: Library;
  /** A paper id of the library: its neighbourhood alone. */
  for?: string;
  /** Most suggestions (default 20). */
  limit?: number;
  /** The graph already read (the app keeps it: `citationGraphCache`); else the file is read. */
  graph?: LoadedCitationGraph;
}

export interface NextPapers {
  seeds: Seed[];
  /** Nothing was studied yet: every paper with an S2 id stands in for the seeds. */
  everyPaper: boolean;
  /** Best first, each with the seeds that explain it. */
  suggestions: RelatedPaper[];
  /** The graph they come from (for drawing the neighbourhood). */
  graph: CitationGraphView;
  /** Unreadable lines of the graph file (the rest was read). */
  problems: Diagnostic[];
  /** Lines of `dismissed-papers.txt` naming no S2 paper (skipped). */
  dismissedBadLines: number[];
  /** When the stored S2 recommendations that took part were fetched (none: none took part). */
  recommendedAt?: string;
}

/**
 * Ranks the papers outside the library for the learner's studied papers (or `for` alone).
 * @example const { suggestions } = await suggestNextPapers({ root, library, limit: 10 })
 */
export async function suggestNextPapers(opts: NextPapersOptions): Promise<NextPapers> {
  const { library } = opts;
  if (opts.for !== undefined && !library.papers.some((p) => p.id === opts.for)) {
    throw new JingduError("unknown-paper", `no paper \`${opts.for}\` in the library`);
  }
  // The light door: reading the graph needs none of the HTTP clients.
  const { libraryS2Ids, readRecommendations } = await import("../sources/light.js");
  const { index, problems } = opts.graph ?? (await loadCitationGraphIndex(opts.root));
  const graph = index.graph;
  // A paper fetched by its arXiv id or DOI is known by the graph's S2 id of it.
  const s2Of = libraryS2Ids(library.papers, graph);
  const { seeds, everyPaper } = paperSeeds(library, s2Of, opts.for);
  const dismissed = await readDismissedPapers(opts.root);
  // S2 was asked for the whole library's studied papers: not for one paper's neighbourhood.
  const recs = opts.for === undefined ? await readRecommendations(opts.root) : { problems: [] };
  const stored = recs.stored;
  const names = new Map(library.papers.map((p) => [p.id, p.short || p.id]));
  const suggestions = rankRelatedPapers(index, seeds, {
    inLibrary: new Set(s2Of.values()),
    exclude: dismissed.ids,
    limit: opts.limit ?? 20,
    ...(stored
      ? {
          recommended: {
            papers: stored.papers,
            from: stored.request.positive.flatMap((p) => names.get(p.paper) ?? []),
          },
        }
      : {}),
  });
  return {
    seeds,
    everyPaper,
    suggestions,
    graph,
    problems: [...problems, ...recs.problems],
    dismissedBadLines: dismissed.badLines,
    ...(stored ? { recommendedAt: stored.request.fetchedAt } : {}),
  };
}
