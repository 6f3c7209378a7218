/**
 * The paged `/paper/{id}/references` and `/citations` endpoints in `refresh --graph`: used only
 * for a list S2 cut short in a batch answer (its total above the nested entries it sent: a nested
 * list stops at 1,000) while the cap asks for more than those gave (docs/metadata.md, "The
 * citation graph"). Pages of 1,000 from where the nested list stopped, until the cap is filled
 * or the last page; each page is stored as it comes (an appended `lists` line), and the offset
 * to go on from is in the state file, so a killed run asks on from there.
 */
import type { CitationGraph, CitationGraphLine, GraphPaper } from "../../core/index.js";
import type { GraphCaps } from "../config.js";
import type { HttpClient } from "../http/index.js";
import { SourceError } from "../http/index.js";
import { stopsSource } from "../refresh-runners.js";
import {
  fetchGraphPage,
  type GraphListKind,
  mergeCapped,
  pagesFor,
  S2_PAGE_LIMIT,
} from "../semantic-scholar/s2-graph.js";
import { type CitationGraphState, writeCitationGraphState } from "./graph-state.js";
import { appendCitationGraph } from "./graph-store.js";

export interface PagingTally {
  /** Pages asked, and the least and most the lists S2 cut short need (⌈missing / 1,000⌉ each). */
  requests: number;
  least: number;
  most: number;
  edgesAdded: number;
  /** Lists whose paging failed (the nested entries are kept), with why. */
  failed: string[];
}

export const emptyTally = (): PagingTally => ({
  requests: 0,
  least: 0,
  most: 0,
  edgesAdded: 0,
  failed: [],
});

const KINDS: readonly GraphListKind[] = ["references", "citations"];

/**
 * Pages every list `state.pages` names, in order, storing each page. Returns the error that
 * stops the source (429 past its retries, a long Retry-After, a refused key), which the caller
 * reports and holds; the lists not done stay in `state.pages` for the next run.
 */
export async function pageGraphLists(ctx: {
  root: string;
  graph: CitationGraph;
  state: CitationGraphState;
  caps: GraphCaps;
  http: HttpClient;
  tally: PagingTally;
  /** A refetched paper's ids before this run: a page brings them back, it adds no edge. */
  previous?: ReadonlyMap<string, ReadonlySet<string>>;
  signal?: AbortSignal;
}): Promise<{ stoppedBy?: unknown }> {
  const { graph, state, tally } = ctx;
  for (const s2 of Object.keys(state.pages)) {
    for (const kind of KINDS) {
      let offset = state.pages[s2]?.[kind];
      const fetched = graph.fetched.get(s2);
      // A paper whose lists are gone from the graph file has nothing to go on with.
      if (offset === undefined || !fetched) {
        setOffset(state, s2, kind, undefined);
        continue;
      }
      const total = fetched[kind === "references" ? "referenceCount" : "citationCount"];
      tally.least += 1;
      tally.most += Math.max(1, pagesFor((total ?? offset + S2_PAGE_LIMIT) - offset));
      while (offset !== undefined) {
        if (ctx.signal?.aborted) return {};
        tally.requests++;
        let page: Awaited<ReturnType<typeof fetchGraphPage>>;
        try {
          page = await fetchGraphPage(ctx.http, s2, kind, offset, ctx.caps);
        } catch (err) {
          if (stopsSource(err)) return { stoppedBy: err };
          const reason = err instanceof SourceError ? err.message : String(err);
          tally.failed.push(`${kind} of ${s2} from ${offset}: ${reason}`);
          break;
        }
        const stored = storePage(ctx, s2, kind, page);
        offset = stored.next;
        const lists = graph.fetched.get(s2);
        const line: CitationGraphLine = {
          type: "lists",
          s2,
          references: graph.references.get(s2) ?? [],
          citations: graph.citations.get(s2) ?? [],
          ...(lists ?? fetched),
        };
        setOffset(state, s2, kind, offset);
        // The graph first, then the state: a kill between them asks this page again, which
        // merges to the same list.
        await appendCitationGraph(ctx.root, [...stored.lines, line]);
        await writeCitationGraphState(ctx.root, state);
      }
      setOffset(state, s2, kind, undefined);
    }
    delete state.pages[s2];
  }
  await writeCitationGraphState(ctx.root, state);
  return {};
}

/**
 * Merges a page into the graph: the new neighbours' lines, and the offset to go on from
 * (undefined when the cap is filled or this was the last page).
 */
function storePage(
  ctx: {
    graph: CitationGraph;
    caps: GraphCaps;
    tally: PagingTally;
    previous?: ReadonlyMap<string, ReadonlySet<string>>;
  },
  s2: string,
  kind: GraphListKind,
  page: Awaited<ReturnType<typeof fetchGraphPage>>,
): { next: number | undefined; lines: CitationGraphLine[] } {
  const { graph } = ctx;
  const ids = graph[kind].get(s2) ?? [];
  const had = new Set(ids);
  const current = ids.map((id) => graph.papers.get(id) ?? { s2: id });
  const cap = kind === "references" ? ctx.caps.references : ctx.caps.citations;
  const merged = mergeCapped(current, page.neighbours, cap);
  const lines: CitationGraphLine[] = [];
  for (const p of merged.kept) {
    if (had.has(p.s2)) continue;
    if (!ctx.previous?.get(s2)?.has(p.s2)) ctx.tally.edgesAdded++;
    if (sameJson(graph.papers.get(p.s2), p)) continue;
    graph.papers.set(p.s2, p);
    lines.push({ type: "paper", ...p });
  }
  graph[kind].set(
    s2,
    merged.kept.map((p) => p.s2),
  );
  const next = merged.kept.length >= cap ? undefined : page.next;
  const flag = kind === "references" ? "referencesTruncated" : "citationsTruncated";
  const state = { ...graph.fetched.get(s2) } as NonNullable<ReturnType<typeof graph.fetched.get>>;
  if (merged.truncated || page.next !== undefined) state[flag] = true;
  else delete state[flag];
  graph.fetched.set(s2, state);
  return { next, lines };
}

const sameJson = (a: GraphPaper | undefined, b: GraphPaper) =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

function setOffset(
  state: CitationGraphState,
  s2: string,
  kind: GraphListKind,
  offset: number | undefined,
): void {
  const lists = { ...state.pages[s2] };
  if (offset === undefined) delete lists[kind];
  else lists[kind] = offset;
  if (lists.references === undefined && lists.citations === undefined) delete state.pages[s2];
  else state.pages[s2] = lists;
}
