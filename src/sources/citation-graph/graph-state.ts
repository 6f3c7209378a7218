/**
 * `.jingdu/citation-graph-state.json`: what `refresh --graph` remembers between runs (derived
 * data, safe to delete). `run` is there while a run is under way or was killed, so the next run
 * resumes it (lists fetched since `startedAt` count as done, whatever the max age); `resolved`
 * maps the id a paper was asked by (`ARXIV:…`) to its S2 paperId; `notFound` holds ids S2
 * answered `null` for, with when, so they are not asked again within the max age; `pages` holds,
 * per S2 id, the offset where a list S2 cut short goes on in the paged endpoint (written before
 * the list's first part is stored and after each page is, so a killed run asks on from there).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../base/index.js";

export const CITATION_GRAPH_STATE_FILE = ".jingdu/citation-graph-state.json";

/** An interrupted run older than this is not resumed; a new one starts. */
const RUN_MAX_AGE_MS = 7 * 86_400_000;

export interface CitationGraphState {
  version: 1;
  run?: { startedAt: string; olderThanMs: number };
  resolved: Record<string, string>;
  notFound: Record<string, string>;
  pages: Record<string, { references?: number; citations?: number }>;
}

const empty = (): CitationGraphState => ({ version: 1, resolved: {}, notFound: {}, pages: {} });

const offsetOrNone = (v: unknown) =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined;

const isStringMap = (v: unknown): v is Record<string, string> =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === "string");

export async function readCitationGraphState(root: string): Promise<CitationGraphState> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(root, CITATION_GRAPH_STATE_FILE), "utf8"));
  } catch {
    // Missing or damaged: derived data, so the graph file alone decides what is fresh.
    return empty();
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  if (o.version !== 1) return empty();
  const state = empty();
  if (isStringMap(o.resolved)) state.resolved = o.resolved;
  if (isStringMap(o.notFound)) state.notFound = o.notFound;
  if (o.pages !== null && typeof o.pages === "object" && !Array.isArray(o.pages)) {
    for (const [s2, lists] of Object.entries(o.pages as Record<string, Record<string, unknown>>)) {
      const references = offsetOrNone(lists?.references);
      const citations = offsetOrNone(lists?.citations);
      if (references === undefined && citations === undefined) continue;
      state.pages[s2] = {
        ...(references === undefined ? {} : { references }),
        ...(citations === undefined ? {} : { citations }),
      };
    }
  }
  const run = o.run as CitationGraphState["run"] | undefined;
  if (
    run &&
    typeof run.startedAt === "string" &&
    typeof run.olderThanMs === "number" &&
    !Number.isNaN(Date.parse(run.startedAt))
  )
    state.run = run;
  return state;
}

/** Whether `run` is an interrupted run this one continues (same max age, not too old). */
export function resumes(
  run: CitationGraphState["run"],
  olderThanMs: number,
  now: number,
): run is NonNullable<CitationGraphState["run"]> {
  return (
    run !== undefined &&
    run.olderThanMs === olderThanMs &&
    now - Date.parse(run.startedAt) < RUN_MAX_AGE_MS
  );
}

export async function writeCitationGraphState(
  root: string,
  state: CitationGraphState,
): Promise<void> {
  await writeFileAtomic(join(root, CITATION_GRAPH_STATE_FILE), `${JSON.stringify(state)}\n`);
}
