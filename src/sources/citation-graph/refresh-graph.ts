/**
 * `jingdu refresh --graph`: every library paper's references and citations from Semantic Scholar,
 * in `POST /paper/batch` calls with nested lists (docs/metadata.md, "The citation graph"), through
 * the S2 client's polite HTTP layer. After each batch its lines are appended to
 * `metadata/citation-graph.jsonl` (one fsynced write under the file's lock) and the state file is
 * written, so a killed run resumes where it stopped; the file is compacted at the end when
 * superseded lines pile up.
 */
import type { CitationGraphLine, Diagnostic, GraphPaper, Library } from "../../core/index.js";
import type { GraphCaps } from "../config.js";
import { loadFetchedMetadata } from "../fetched-metadata.js";
import { CircuitOpenError, RetryAfterError, SourceError } from "../http/index.js";
import { stopsSource } from "../refresh-runners.js";
import {
  fetchGraphBatch,
  isResponseTooLarge,
  S2_BATCH_CITATIONS_LIMIT,
} from "../semantic-scholar/s2-graph.js";
import { holdFor, readSourcesState, writeSourcesState } from "../source-holds.js";
import type { Sources } from "../sources.js";
import { readCitationGraph } from "./graph-file.js";
import { emptyTally, type PagingTally, pageGraphLists } from "./graph-pages.js";
import { type GraphPlanItem, packGraphBatches, planGraphRefresh } from "./graph-plan.js";
import { readCitationGraphState, resumes, writeCitationGraphState } from "./graph-state.js";
import { appendCitationGraph, compactCitationGraph } from "./graph-store.js";

export type GraphOutcome = "fetched" | "cached" | "skipped" | "not-found" | "failed";

export interface GraphItemResult {
  /** Library ids (two papers may share one S2 id). */
  papers: string[];
  label: string;
  outcome: GraphOutcome;
  reason?: string;
  /** Edges this fetch added (ids not in the paper's lists before). */
  edgesAdded?: number;
}

export interface GraphRefreshOptions {
  library: Library;
  libraryRoot: string;
  sources: Sources;
  /** Refetch lists older than this (default `sources.s2.graphMaxAge`, 30 days). 0: everything. */
  olderThanMs?: number;
  /** Default: `sources.s2.graphCitations` / `graphReferences` of jingdu.yaml, else 60 / 200. */
  caps?: Partial<GraphCaps>;
  /** Ids per batch (≤ 500; the nested-citation budget may make batches smaller). */
  maxBatchIds?: number;
  onProgress?: (p: { done: number; total: number; item: GraphItemResult }) => void;
  /** Stops between batches; what was fetched is kept and the next run resumes. */
  signal?: AbortSignal;
}

export interface GraphRefreshResult {
  items: GraphItemResult[];
  summary: Record<GraphOutcome, number>;
  edgesAdded: number;
  /** Batch calls made, the batches planned, and the least the caps allow (Σ cost / 9,999). */
  requests: number;
  plannedRequests: number;
  lowerBound: number;
  /** Pages of `/references` and `/citations` for lists S2 cut short (graph-pages.ts). */
  pages: PagingTally;
  resumed: boolean;
  interrupted: boolean;
  compacted: boolean;
  stopped?: { message: string; hint?: string };
  outcome: "ok" | "partial" | "failed" | "nothing-to-do";
  diagnostics: Diagnostic[];
  message: string;
}

/**
 * Fetches the citation graph of the library's papers that are due. Writes only
 * `metadata/citation-graph.jsonl` and `.jingdu/`.
 * @example const r = await refreshCitationGraph({ library, libraryRoot, sources })
 */
export async function refreshCitationGraph(opts: GraphRefreshOptions): Promise<GraphRefreshResult> {
  const { libraryRoot: root, sources, library } = opts;
  const caps: GraphCaps = { ...sources.settings.graphCaps, ...opts.caps };
  const now = sources.now;
  const startedAt = now();
  const olderThanMs = opts.olderThanMs ?? sources.settings.graphMaxAgeMs;
  const { graph, problems } = await readCitationGraph(root);
  const state = await readCitationGraphState(root);
  const resumed = resumes(state.run, olderThanMs, startedAt);
  if (!resumed) state.run = { startedAt: new Date(startedAt).toISOString(), olderThanMs };
  const runStartedAt = Date.parse((state.run as { startedAt: string }).startedAt);

  const { maps } = await loadFetchedMetadata(root);
  const knownCitations = new Map<string, number>();
  for (const p of library.papers) {
    const n = maps.s2.get(`paper:${p.id}`)?.values?.citationCount;
    if (typeof n === "number") knownCitations.set(p.id, n);
  }
  const plan = planGraphRefresh(library, graph, {
    resolved: state.resolved,
    notFound: state.notFound,
    knownCitations,
    olderThanMs,
    ...(resumed ? { runStartedAt } : {}),
    now: startedAt,
  });

  const items: GraphItemResult[] = [];
  const total = plan.due.length + plan.fresh.length + plan.noId.length + plan.knownUnknown.length;
  const report = (item: GraphItemResult) => {
    items.push(item);
    opts.onProgress?.({ done: items.length, total, item });
  };
  for (const p of plan.noId)
    report({
      papers: [p.id],
      label: p.short || p.id,
      outcome: "skipped",
      reason: "no S2 id, arXiv id or DOI yet (`jingdu resolve`)",
    });
  for (const { item, fetchedAt } of plan.fresh)
    report({ ...base(item), outcome: "cached", reason: `lists fetched ${fetchedAt}` });
  for (const { item, askedAt } of plan.knownUnknown)
    report({
      ...base(item),
      outcome: "cached",
      reason: `Semantic Scholar did not know ${item.query} (asked ${askedAt})`,
    });

  const queue = packGraphBatches(plan.due, {
    ...(opts.maxBatchIds ? { maxIds: opts.maxBatchIds } : {}),
  });
  const plannedRequests = queue.length;
  const lowerBound = Math.ceil(
    plan.due.reduce((sum, i) => sum + i.cost, 0) / S2_BATCH_CITATIONS_LIMIT,
  );
  let requests = 0;
  let edgesAdded = 0;
  let stopped: GraphRefreshResult["stopped"];
  const sourcesState = readSourcesState(root);
  const hold = sourcesState.blocked?.s2;
  if (hold && Date.parse(hold.until) > now() && queue.length > 0) {
    stopped = {
      message: `not asked: Semantic Scholar is left alone until ${hold.until} (earlier: ${hold.reason})`,
      ...(hold.hint ? { hint: hold.hint } : {}),
    };
    for (const item of queue.flat())
      report({ ...base(item), outcome: "skipped", reason: `not asked until ${hold.until}` });
    queue.length = 0;
  } else if (queue.length > 0) await writeCitationGraphState(root, state);
  const held = stopped !== undefined;

  const pages = emptyTally();
  const previous = new Map<string, Set<string>>();
  /** Stops Semantic Scholar for this run (and holds it when it asked for a wait). */
  const stop = async (err: unknown, notAsked: GraphPlanItem[]) => {
    const reason = err instanceof SourceError ? err.message : String(err);
    stopped = {
      message: reason,
      ...(err instanceof SourceError && err.hint ? { hint: err.hint } : {}),
    };
    const h = holdFor("s2", err, sources.settings, now());
    if (h) {
      sourcesState.blocked = { ...sourcesState.blocked, s2: h };
      await writeSourcesState(root, sourcesState, now());
    }
    const waiting = err instanceof RetryAfterError || err instanceof CircuitOpenError;
    for (const item of notAsked)
      report({
        ...base(item),
        outcome: waiting ? "skipped" : "failed",
        reason: `not fetched: Semantic Scholar stopped (${reason})`,
      });
    queue.length = 0;
  };
  /** The lists S2 cut short, page by page (a killed run's first). */
  const page = async () => {
    if (held || Object.keys(state.pages).length === 0) return;
    const { stoppedBy } = await pageGraphLists({
      root,
      graph,
      state,
      caps,
      http: sources.s2.http,
      tally: pages,
      previous,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (stoppedBy !== undefined) await stop(stoppedBy, queue.flat());
  };
  await page();

  while (queue.length > 0) {
    if (opts.signal?.aborted) break;
    const batch = queue.shift() as GraphPlanItem[];
    let answer: Awaited<ReturnType<typeof fetchGraphBatch>>;
    try {
      requests++;
      answer = await fetchGraphBatch(
        sources.s2.http,
        batch.map((b) => b.query),
        caps,
      );
    } catch (err) {
      if (isResponseTooLarge(err) && batch.length > 1) {
        // Too large for one answer (10 MB): the two halves go first, in order.
        const half = Math.ceil(batch.length / 2);
        queue.unshift(batch.slice(0, half), batch.slice(half));
        continue;
      }
      const reason = err instanceof SourceError ? err.message : String(err);
      if (stopsSource(err)) {
        await stop(err, [batch, ...queue].flat());
        break;
      }
      for (const item of batch) report({ ...base(item), outcome: "failed", reason });
      continue;
    }
    const fetchedAt = new Date(answer.fetchedAt).toISOString();
    const lines: CitationGraphLine[] = [];
    const results: GraphItemResult[] = [];
    const addPaper = (p: GraphPaper) => {
      const before = graph.papers.get(p.s2);
      if (before && JSON.stringify(before) === JSON.stringify(p)) return;
      graph.papers.set(p.s2, p);
      lines.push({ type: "paper", ...p });
    };
    batch.forEach((item, k) => {
      const nb = answer.items[k];
      if (!nb) {
        state.notFound[item.query] = fetchedAt;
        results.push({
          ...base(item),
          outcome: "not-found",
          reason: `Semantic Scholar does not know ${item.query}`,
        });
        return;
      }
      const s2 = nb.paper.s2;
      delete state.notFound[item.query];
      if (item.query !== s2) state.resolved[item.query] = s2;
      addPaper(nb.paper);
      for (const p of [...nb.references, ...nb.citations]) addPaper(p);
      const references = nb.references.map((p) => p.s2);
      const citations = nb.citations.map((p) => p.s2);
      const had = new Set([
        ...(graph.references.get(s2) ?? []),
        ...(graph.citations.get(s2) ?? []),
      ]);
      const added = [...references, ...citations].filter((id) => !had.has(id)).length;
      edgesAdded += added;
      graph.references.set(s2, references);
      graph.citations.set(s2, citations);
      const fetchState = {
        fetchedAt,
        ...(nb.referenceCount === undefined ? {} : { referenceCount: nb.referenceCount }),
        ...(nb.citationCount === undefined ? {} : { citationCount: nb.citationCount }),
        ...(nb.referencesTruncated ? { referencesTruncated: true } : {}),
        ...(nb.citationsTruncated ? { citationsTruncated: true } : {}),
      };
      graph.fetched.set(s2, fetchState);
      lines.push({ type: "lists", s2, references, citations, ...fetchState });
      delete state.pages[s2];
      for (const more of nb.more)
        state.pages[s2] = { ...state.pages[s2], [more.kind]: more.offset };
      if (nb.more.length > 0) previous.set(s2, had);
      results.push({ ...base(item), outcome: "fetched", edgesAdded: added });
    });
    // The state first, then the graph. A kill between them leaves offsets (and `resolved`
    // entries) of papers the graph does not have yet: `pageGraphLists` drops such offsets and
    // the papers are fetched again. The other order could store a list S2 cut short without
    // its offset, and the resumed run would count it done and never page it.
    await writeCitationGraphState(root, state);
    await appendCitationGraph(root, lines);
    for (const r of results) report(r);
    await page();
  }

  edgesAdded += pages.edgesAdded;
  const interrupted =
    opts.signal?.aborted === true && (queue.length > 0 || Object.keys(state.pages).length > 0);
  if (!interrupted) delete state.run;
  if (!interrupted && (requests > 0 || resumed)) await writeCitationGraphState(root, state);
  const compaction =
    requests + pages.requests > 0 || problems.length > 0
      ? await compactCitationGraph(root)
      : { compacted: false };

  const summary: Record<GraphOutcome, number> = {
    fetched: 0,
    cached: 0,
    skipped: 0,
    "not-found": 0,
    failed: 0,
  };
  for (const i of items) summary[i.outcome]++;
  const asked = summary.fetched + summary["not-found"];
  const notFetched =
    summary.failed +
    items.filter((i) => i.outcome === "skipped" && i.reason?.startsWith("not ")).length;
  // Lists still to page (S2 stopped, or the run was interrupted) make a run partial.
  const pagesLeft = Object.keys(state.pages).length > 0;
  const outcome: GraphRefreshResult["outcome"] =
    asked + notFetched === 0
      ? pages.requests > 0
        ? pagesLeft
          ? "partial"
          : "ok"
        : "nothing-to-do"
      : asked === 0
        ? "failed"
        : notFetched > 0 || pagesLeft
          ? "partial"
          : "ok";
  const message =
    `citation graph: ${summary.fetched} papers fetched, ${edgesAdded} edges added, ` +
    `${summary.cached} fresh, ${summary.skipped} skipped, ${summary["not-found"]} not found, ${summary.failed} failed` +
    `\n  ${requests} requests (planned ${plannedRequests}; the caps allow no fewer than ${lowerBound})` +
    (pages.least > 0
      ? `\n  + ${pages.requests} pages of /references and /citations for ${pages.least} lists S2 cut short (the caps need ${pages.least} to ${pages.most})`
      : "") +
    (pages.failed.length > 0 ? `\n  paging failed for ${pages.failed.join("; ")}` : "") +
    (interrupted ? "\ninterrupted: run `jingdu refresh --graph` again to continue" : "");
  return {
    items,
    summary,
    edgesAdded,
    requests,
    plannedRequests,
    lowerBound,
    pages,
    resumed,
    interrupted,
    compacted: compaction.compacted,
    ...(stopped ? { stopped } : {}),
    outcome,
    diagnostics: problems,
    message,
  };
}

function base(item: GraphPlanItem): Pick<GraphItemResult, "papers" | "label"> {
  return { papers: item.paperIds, label: item.label };
}
