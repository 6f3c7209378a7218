/**
 * Dismissing a suggestion of `next --papers` (and taking the dismissal back), for the CLI and the
 * web app: the paper's S2 id goes into `dismissed-papers.txt` (format: core/dismissed-papers.ts)
 * through the one writer, and the ranking leaves it out from then on.
 */
import { join } from "node:path";
import { readRegularFile, updateLibraryFile } from "../base/index.js";
import {
  DISMISSED_PAPERS_FILE,
  editDismissedPapers,
  type GraphPaper,
  isS2PaperId,
  JingduError,
  parseDismissedPapers,
} from "../core/index.js";
import { loadCitationGraphIndex } from "./citation-graph-index.js";

export interface DismissSuggestionOptions {
  root: string;
  /** The suggestion: its S2 id, or `arXiv:ID` / `DOI:…` of a paper of the citation graph. */
  ref: string;
  /** false: take a dismissal back. */
  dismiss: boolean;
  now?: () => number;
}

export interface DismissSuggestionResult {
  s2: string;
  title?: string;
  /** Whether the file changed (false: it already was dismissed / not dismissed). */
  changed: boolean;
}

/** The paper of the graph `ref` names: an S2 id as is, an arXiv id or DOI by the graph's ids. */
function findGraphPaper(ref: string, papers: Iterable<GraphPaper>): GraphPaper | undefined {
  const text = ref.trim();
  const arxiv = /^(?:arxiv:)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i.exec(text);
  const doi = /^(?:doi:)?(10\.\d{4,9}\/\S+)$/i.exec(text);
  for (const p of papers) {
    if (arxiv && p.ids?.arxiv?.replace(/v\d+$/, "") === arxiv[1]) return p;
    if (doi && p.ids?.doi?.toLowerCase() === doi[1]?.toLowerCase()) return p;
  }
  return undefined;
}

/**
 * Dismisses (or undismisses) one suggestion. An id S2 uses is taken as is; an arXiv id or DOI
 * must name a paper of the fetched graph (`unknown-graph-paper` otherwise).
 * @example await dismissSuggestion({ root, ref: "arXiv:1502.03167", dismiss: true })
 */
export async function dismissSuggestion(
  opts: DismissSuggestionOptions,
): Promise<DismissSuggestionResult> {
  // The graph's index (kept in `.jingdu/`, paper lines parsed when asked), as `next` reads it.
  const { graph } = (await loadCitationGraphIndex(opts.root)).index;
  const lower = opts.ref.trim().toLowerCase();
  const paper = isS2PaperId(lower)
    ? (graph.papers.get(lower) ?? { s2: lower })
    : findGraphPaper(opts.ref, graph.papers.values());
  if (!paper) {
    throw new JingduError("unknown-graph-paper", `no paper \`${opts.ref}\` in the citation graph`);
  }
  const now = opts.now ?? Date.now;
  const date = new Date(now()).toISOString().slice(0, 10);
  const note = `${paper.title ?? ""}${paper.year ? ` (${paper.year})` : ""} — dismissed ${date}`;
  const update = await updateLibraryFile(join(opts.root, DISMISSED_PAPERS_FILE), ({ bytes }) => {
    const content = editDismissedPapers(
      bytes === null ? null : bytes.toString("utf8"),
      paper.s2,
      opts.dismiss,
      note,
    );
    return content === undefined ? {} : { content };
  });
  return {
    s2: paper.s2,
    ...(paper.title ? { title: paper.title } : {}),
    changed: update.changed,
  };
}

/**
 * The S2 ids of the dismissed suggestions (none when there is no file); lines that hold no id
 * are named so the learner can fix them.
 * @example const { ids } = await readDismissedPapers(root)
 */
export async function readDismissedPapers(
  root: string,
): Promise<{ ids: Set<string>; badLines: number[] }> {
  const read = await readRegularFile(join(root, DISMISSED_PAPERS_FILE));
  if (!("text" in read)) return { ids: new Set(), badLines: [] };
  return parseDismissedPapers(read.text);
}
