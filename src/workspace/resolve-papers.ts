/**
 * `jingdu resolve [PAPER…] [--all]`: gives name-only papers their ids. Candidates come from the
 * paper's own links (an arXiv/DOI/S2 URL: certain), Semantic Scholar's title match (a paper with
 * a full title) or S2 search (a short name like `VGG`, searched with its year and summary words);
 * when S2 finds nothing or cannot answer, arXiv's search (title words, or the short name): at most
 * one search per source per paper. Each candidate is scored; at or above `minConfidence` its ids
 * (and title, authors, venue where the person wrote none) are filled through the serialized
 * writer, below it the person is asked. Answers are appended to `.jingdu/resolve-answers.jsonl`
 * (one line each, so 1,000 answers cost 1,000 lines, not 1,000 rewrites), so a rerun after a kill
 * neither asks again nor searches again for what was answered.
 */
import { appendFile, type FileHandle, mkdir, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { idsFromLink, type Library, type Paper } from "../core/index.js";
import type { ArxivEntry, S2PaperData, Sources } from "../sources/index.js";
import { fillPaperFiles, type PaperFill } from "./fill-paper.js";
import { candidateScorer } from "./resolve-score.js";

export const RESOLVE_ANSWERS_FILE = ".jingdu/resolve-answers.jsonl";
/** At or above: filled without asking. Full titles that match score 0.9–1; short names rarely do. */
export const DEFAULT_MIN_CONFIDENCE = 0.9;
/** Fills written in one batch of the writer, at most; and how long the first of them waits. */
const FILL_BATCH = 256;
const FILL_WAIT_MS = 200;

export interface ResolveCandidate {
  s2Id: string;
  title?: string;
  authors: string[];
  year?: number;
  venue?: string;
  citationCount?: number;
  /** 0…1: how surely this is the paper. */
  confidence: number;
  fill: PaperFill;
}

export type ResolveOutcome =
  | {
      paper: string;
      kind: "resolved";
      by: "link" | "match" | "search" | "answer";
      filled: string[];
      candidate?: ResolveCandidate;
    }
  | { paper: string; kind: "asked"; candidates: ResolveCandidate[] }
  | { paper: string; kind: "not-found" };

export interface ResolvePapersOptions {
  root: string;
  library: Library;
  sources: Sources;
  /** Paper ids to resolve; default (or `all`): every paper without an arXiv id, DOI or S2 id. */
  papers?: string[];
  minConfidence?: number;
  /** Take the best candidate even below the threshold (`--yes`). */
  yes?: boolean;
  /**
   * Asked when the best candidate is below the threshold: the index of the chosen candidate,
   * undefined for none of them ("not this paper", remembered), or "unanswered" when the person
   * gave no answer (the input ended): the paper is reported asked and nothing is remembered, so a
   * later run asks again. Absent: every such paper is reported asked.
   */
  choose?: (
    paper: Paper,
    candidates: ResolveCandidate[],
  ) => Promise<number | undefined | "unanswered">;
  onProgress?: (done: number, total: number, paper: string) => void;
}

export interface ResolvePapersResult {
  outcomes: ResolveOutcome[];
  summary: { resolved: number; asked: number; notFound: number };
}

type Answers = Record<string, { s2?: string; fill?: PaperFill; none?: true }>;

/**
 * One answer, appended as a line (append, not a read-modify-write: a line is written whole or,
 * cut by a kill, skipped on the next read and asked again).
 */
export async function appendAnswer(root: string, id: string, a: Answers[string]): Promise<void> {
  const path = join(root, RESOLVE_ANSWERS_FILE);
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, `${JSON.stringify({ paper: id, ...a })}\n`);
}

/** Papers `resolve --all` works on: no arXiv id, DOI, S2 id or CorpusId yet. */
export const hasIds = (p: Paper) => Boolean(p.ids.arxiv || p.ids.doi || p.ids.s2 || p.ids.corpusId);

export function candidateOf(d: S2PaperData, confidence: number): ResolveCandidate {
  const fill: PaperFill = {
    ids: d.ids,
    authors: d.authors,
    links: d.pdfUrl ? [{ url: d.pdfUrl, kind: "pdf" }] : [],
    ...(d.title ? { title: d.title } : {}),
    ...(d.year !== undefined ? { year: d.year } : {}),
    ...(d.venue ? { venue: d.venue } : {}),
  };
  return {
    s2Id: d.s2Id,
    ...(d.title ? { title: d.title } : {}),
    authors: d.authors,
    ...(d.year !== undefined ? { year: d.year } : {}),
    ...(d.venue ? { venue: d.venue } : {}),
    ...(d.citationCount !== undefined ? { citationCount: d.citationCount } : {}),
    confidence: Math.round(confidence * 1000) / 1000,
    fill,
  };
}

/**
 * An arXiv search hit in the shape of an S2 answer, named by the id S2 also accepts
 * (`ARXIV:1512.03385`), so it is scored, offered and remembered like any candidate.
 */
function fromArxivEntry(e: ArxivEntry): S2PaperData {
  const year = e.published ? Number(e.published.slice(0, 4)) : undefined;
  return {
    s2Id: `ARXIV:${e.id}`,
    title: e.title,
    authors: e.authors,
    ids: { arxiv: e.id, ...(e.doi ? { doi: e.doi } : {}) },
    ...(year && Number.isFinite(year) ? { year } : {}),
    ...(e.pdfUrl ? { pdfUrl: e.pdfUrl } : {}),
  };
}

/** The words of a summary worth searching with (Latin words of 3+ letters, at most 4). */
function summaryWords(summary: string | undefined): string[] {
  return (summary?.match(/[A-Za-z][A-Za-z0-9-]{2,}/g) ?? []).slice(0, 4);
}

// Loaded on first use (the CLI starts without the sources), once: a dynamic import per paper
// costs a module resolution each time (0.4 ms under tsx's loader, 1,000 of them in a run).
let sourcesLoaded: Promise<typeof import("../sources/index.js")> | undefined;
const sourcesModule = () => {
  sourcesLoaded ??= import("../sources/index.js");
  return sourcesLoaded;
};

/**
 * A paper's candidates, best first, from S2 (title match for a full title, else search with its
 * year and summary words) or, when S2 finds nothing or cannot answer, arXiv's search: one
 * search per source at most. Throws S2's failure when arXiv has nothing either.
 */
export async function findCandidates(
  paper: Paper,
  sources: Sources,
  signal?: AbortSignal,
): Promise<{ by: "match" | "search"; candidates: ResolveCandidate[] }> {
  const aborts = signal ? { signal } : {};
  const { normalizedSimilarity, SourceError } = await sourcesModule();
  const { s2, arxiv } = sources;
  let found: S2PaperData[] = [];
  let by: "match" | "search";
  let s2Failure: unknown;
  try {
    if (paper.title) {
      by = "match";
      const m = await s2.matchTitle(paper.title, aborts);
      found = m.value ? [m.value] : [];
    } else {
      by = "search";
      const query = [paper.short, ...summaryWords(paper.summary)].join(" ");
      found = (
        await s2.searchPapers(query, {
          limit: 5,
          ...(paper.year ? { year: paper.year } : {}),
          ...aborts,
        })
      ).value;
    }
  } catch (err) {
    // S2 could not answer (down, rate-limited past its retries): arXiv is asked instead, and
    // the failure is thrown if arXiv has nothing either.
    if (!(err instanceof SourceError)) throw err;
    by = paper.title ? "match" : "search";
    s2Failure = err;
  }
  if (found.length === 0) {
    // Nothing on S2 (or S2 down): arXiv's own search, by title words or by the short name.
    try {
      const res = await arxiv.search(paper.title ?? paper.short, {
        field: paper.title ? "ti" : "all",
        ...aborts,
      });
      found = res.entries.map(fromArxivEntry);
    } catch (err) {
      // arXiv could not answer either: when S2 did answer (nothing), the paper is not found;
      // when S2 failed too, its failure is what the person is told.
      if (!(err instanceof SourceError)) throw err;
    }
    if (found.length === 0 && s2Failure !== undefined) throw s2Failure;
  }
  const score = candidateScorer(paper, normalizedSimilarity);
  const candidates = found
    .map((d) => candidateOf(d, score(d)))
    .sort((a, b) => b.confidence - a.confidence);
  return { by, candidates };
}

/**
 * Resolves the given (or all name-only) papers. One request at most per paper, paced by the
 * sources' polite client; each answer is appended as it is given, the fills written in batches.
 * @example const r = await resolvePapers({ root, library, sources, yes: false }); r.summary
 */
export async function resolvePapers(opts: ResolvePapersOptions): Promise<ResolvePapersResult> {
  const { readFile } = await import("node:fs/promises");
  const answersPath = join(opts.root, RESOLVE_ANSWERS_FILE);
  const answers: Answers = {};
  // No answers file yet: nothing was answered, every paper is asked.
  const text = await readFile(answersPath, "utf8").catch(() => "");
  for (const line of text.split("\n")) {
    try {
      const { paper, ...a } = JSON.parse(line) as { paper: string } & Answers[string];
      if (typeof paper === "string") answers[paper] = a;
    } catch {
      // An empty line, or the last one cut by a kill: that paper is asked again, nothing is lost.
    }
  }
  // One handle for the run's answers: a line per answer, written whole by one append (no open,
  // mkdir and close per answer); a kill keeps every line written, the last one cut at worst.
  let answersFile: Promise<FileHandle> | undefined;
  const remember = async (id: string, a: Answers[string]) => {
    answers[id] = a;
    answersFile ??= mkdir(dirname(answersPath), { recursive: true }).then(() =>
      open(answersPath, "a"),
    );
    await (await answersFile).write(`${JSON.stringify({ paper: id, ...a })}\n`);
  };
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const wanted = opts.papers
    ? opts.library.papers.filter((p) => opts.papers?.includes(p.id))
    : opts.library.papers.filter((p) => !hasIds(p));
  const outcomes: ResolveOutcome[] = [];
  // Files are filled in batches of the writer (one fsync pass each) while the next papers are
  // asked about: a batch goes when FILL_BATCH fills wait or FILL_WAIT_MS after its first one
  // (a real run, paced at ~1 request/s, writes each fill within that). All are written, or
  // their failure thrown, before the run returns.
  const pending: { id: string; found: PaperFill; out: string[] }[] = [];
  const failures: unknown[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = pending.splice(0);
    if (batch.length === 0) return writing;
    writing = writing.then(async () => {
      const results = await fillPaperFiles(opts.root, batch).catch((error: unknown) =>
        batch.map(() => ({ error })),
      );
      for (const [k, r] of results.entries()) {
        if (Array.isArray(r)) batch[k]?.out.push(...r);
        else failures.push(r.error);
      }
    });
    return writing;
  };
  const fill = async (id: string, found: PaperFill): Promise<string[]> => {
    const out: string[] = [];
    // One paper once per batch (a paper is resolved once per run; this only guards).
    if (pending.some((p) => p.id === id)) await flush();
    pending.push({ id, found, out });
    if (pending.length >= FILL_BATCH) void flush();
    else timer ??= setTimeout(() => void flush(), FILL_WAIT_MS);
    return out;
  };
  // The next paper's search goes out as soon as this one's answer is in, while this one is
  // scored, filled and asked about (a person reading candidates does not wait for the next
  // paper's pacing; the bench's fake answers meanwhile). Still one request at a time, in order,
  // and only after this one succeeded; its failure is thrown when its paper's turn comes.
  // A run that ends (done, failed, the person quit at a question) lets its prefetch go: the
  // search is aborted (or never sent, if it still waits for its turn) and settled before the
  // run returns, so no request of it is left in flight.
  const prefetched = new Map<string, ReturnType<typeof findCandidates>>();
  const letGo = new AbortController();
  const prefetch = (paper: Paper | undefined) => {
    if (!paper || !needsSearch(paper)) return;
    const search = findCandidates(paper, opts.sources, letGo.signal);
    // Held for its turn, where it is awaited and its failure thrown: nothing is lost here.
    search.catch(() => undefined);
    prefetched.set(paper.id, search);
  };
  try {
    for (const [i, paper] of wanted.entries()) {
      opts.onProgress?.(i, wanted.length, paper.id);
      outcomes.push(await resolveOne(paper, wanted[i + 1]));
    }
  } finally {
    letGo.abort();
    await Promise.allSettled(prefetched.values());
    await flush();
    await (await answersFile)?.close();
  }
  if (failures.length > 0) throw failures[0];
  opts.onProgress?.(wanted.length, wanted.length, "");
  const count = (k: ResolveOutcome["kind"]) => outcomes.filter((o) => o.kind === k).length;
  return {
    outcomes,
    summary: { resolved: count("resolved"), asked: count("asked"), notFound: count("not-found") },
  };

  /** The ids the paper's own links name (certain, no request); `{}` when none does. */
  function idsOfLinks(paper: Paper): Paper["ids"] {
    return Object.assign({}, ...paper.links.map((l) => idsFromLink(l.url)));
  }

  /** No answer remembered and no id in its links: the paper is searched for. */
  function needsSearch(paper: Paper): boolean {
    return answers[paper.id] === undefined && Object.keys(idsOfLinks(paper)).length === 0;
  }

  async function resolveOne(paper: Paper, next: Paper | undefined): Promise<ResolveOutcome> {
    const known = answers[paper.id];
    if (known?.none) return { paper: paper.id, kind: "not-found" };
    if (known?.fill) {
      const filled = await fill(paper.id, known.fill);
      return { paper: paper.id, kind: "resolved", by: "answer", filled };
    }
    const fromLinks = idsOfLinks(paper);
    if (Object.keys(fromLinks).length > 0) {
      const filled = await fill(paper.id, {
        ids: fromLinks,
        authors: [],
        links: [],
      });
      return { paper: paper.id, kind: "resolved", by: "link", filled };
    }
    const search = prefetched.get(paper.id) ?? findCandidates(paper, opts.sources);
    prefetched.delete(paper.id);
    const { by, candidates } = await search;
    prefetch(next);
    const best = candidates[0];
    if (!best) return { paper: paper.id, kind: "not-found" };
    if (best.confidence >= min || opts.yes) {
      const filled = await fill(paper.id, best.fill);
      await remember(paper.id, { s2: best.s2Id, fill: best.fill });
      return { paper: paper.id, kind: "resolved", by, filled, candidate: best };
    }
    if (!opts.choose) return { paper: paper.id, kind: "asked", candidates };
    const pick = await opts.choose(paper, candidates);
    if (pick === "unanswered") return { paper: paper.id, kind: "asked", candidates };
    const chosen = pick === undefined ? undefined : candidates[pick];
    if (!chosen) {
      await remember(paper.id, { none: true });
      return { paper: paper.id, kind: "not-found" };
    }
    const filled = await fill(paper.id, chosen.fill);
    await remember(paper.id, { s2: chosen.s2Id, fill: chosen.fill });
    return { paper: paper.id, kind: "resolved", by: "answer", filled, candidate: chosen };
  }
}
