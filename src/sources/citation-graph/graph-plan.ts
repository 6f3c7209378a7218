/**
 * What `refresh --graph` asks: per library paper, the id S2 is asked by (`s2QueryFor`: sha,
 * CorpusId, `ARXIV:`, `DOI:`), whether its lists are fresh, and the batches, packed so that no
 * answer can pass S2's documented 9,999 nested citations (API-FACTS 1.4).
 */
import type { CitationGraph, Library } from "../../core/index.js";
import { s2QueryFor } from "../refresh-plan.js";
import { S2_BATCH_LIMIT } from "../semantic-scholar/s2-client.js";
import { S2_BATCH_CITATIONS_LIMIT, S2_NESTED_LIST_LIMIT } from "../semantic-scholar/s2-graph.js";
import { externalIndex } from "./graph-file.js";

type LibraryPaper = Library["papers"][number];

/** Nested references assumed for a paper whose reference count is not known yet. */
export const ASSUMED_REFERENCES = 100;

export interface GraphPlanItem {
  /** Library ids sharing this query (usually one). */
  paperIds: string[];
  label: string;
  query: string;
  /** Known S2 paperId (from the paper, an earlier answer or the graph's ids). */
  s2?: string;
  /** Expected nested entries of its answer: min(citations, 1,000) + min(references, 1,000). */
  cost: number;
}

export interface GraphPlan {
  due: GraphPlanItem[];
  fresh: { item: GraphPlanItem; fetchedAt: string }[];
  noId: LibraryPaper[];
  /** Queries S2 answered `null` for within the max age (not asked again). */
  knownUnknown: { item: GraphPlanItem; askedAt: string }[];
}

/** The S2 paperId a library paper is known by, from its ids, earlier answers or the graph. */
export function knownS2Id(
  paper: Pick<LibraryPaper, "ids">,
  graph: CitationGraph,
  resolved: Readonly<Record<string, string>>,
  byExternal?: Map<string, string>,
): string | undefined {
  if (paper.ids.s2) return paper.ids.s2;
  const query = s2QueryFor(paper.ids);
  if (query && resolved[query]) return resolved[query];
  const index = byExternal ?? externalIndex(graph);
  const { arxiv, doi, corpusId } = paper.ids;
  return (
    (arxiv ? index.get(`arxiv:${arxiv.replace(/v\d+$/, "")}`) : undefined) ??
    (doi ? index.get(`doi:${doi.toLowerCase()}`) : undefined) ??
    (corpusId !== undefined ? index.get(`corpus:${corpusId}`) : undefined)
  );
}

export function planGraphRefresh(
  library: Library,
  graph: CitationGraph,
  opts: {
    resolved: Readonly<Record<string, string>>;
    notFound: Readonly<Record<string, string>>;
    /** Citation counts known from `metadata/semantic-scholar.jsonl`, by library id. */
    knownCitations: ReadonlyMap<string, number>;
    olderThanMs: number;
    /** A resumed run: lists fetched since then count as done. */
    runStartedAt?: number;
    now: number;
  },
): GraphPlan {
  const plan: GraphPlan = { due: [], fresh: [], noId: [], knownUnknown: [] };
  const byQuery = new Map<string, GraphPlanItem>();
  const index = externalIndex(graph);
  for (const paper of library.papers) {
    const query = s2QueryFor(paper.ids);
    if (!query) {
      plan.noId.push(paper);
      continue;
    }
    const same = byQuery.get(query);
    if (same) {
      same.paperIds.push(paper.id);
      continue;
    }
    const s2 = knownS2Id(paper, graph, opts.resolved, index);
    const state = s2 ? graph.fetched.get(s2) : undefined;
    const citations = state?.citationCount ?? opts.knownCitations.get(paper.id);
    const item: GraphPlanItem = {
      paperIds: [paper.id],
      label: paper.short || paper.id,
      query,
      cost:
        Math.min(S2_NESTED_LIST_LIMIT, citations ?? S2_NESTED_LIST_LIMIT) +
        Math.min(S2_NESTED_LIST_LIMIT, state?.referenceCount ?? ASSUMED_REFERENCES),
      ...(s2 ? { s2 } : {}),
    };
    byQuery.set(query, item);
    const fetchedAt = state ? Date.parse(state.fetchedAt) : undefined;
    const isFresh = (at: number) =>
      opts.now - at < opts.olderThanMs ||
      (opts.runStartedAt !== undefined && at >= opts.runStartedAt);
    const askedAt = opts.notFound[query];
    if (state && fetchedAt !== undefined && isFresh(fetchedAt))
      plan.fresh.push({ item, fetchedAt: state.fetchedAt });
    else if (askedAt && isFresh(Date.parse(askedAt))) plan.knownUnknown.push({ item, askedAt });
    else plan.due.push(item);
  }
  return plan;
}

/**
 * Packs items into batches in order: a new batch when the next item would pass the nested-entry
 * budget or the id limit. An item larger than the budget alone gets a batch of its own.
 */
export function packGraphBatches(
  items: readonly GraphPlanItem[],
  opts: { maxIds?: number; budget?: number } = {},
): GraphPlanItem[][] {
  const maxIds = Math.min(S2_BATCH_LIMIT, opts.maxIds ?? S2_BATCH_LIMIT);
  const budget = opts.budget ?? S2_BATCH_CITATIONS_LIMIT;
  const batches: GraphPlanItem[][] = [];
  let current: GraphPlanItem[] = [];
  let cost = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxIds || cost + item.cost > budget)) {
      batches.push(current);
      current = [];
      cost = 0;
    }
    current.push(item);
    cost += item.cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
