/**
 * The web app's resolve page: a search for one paper, and the person's pick among its candidates.
 * A pick always fills the candidate picked: the page sends only which one (never what to write),
 * so its details are looked up again — among the paper's candidates (the response cache answers
 * the search while it is fresh), else, when the search has moved on (the cache expired and S2
 * now ranks others, perhaps one above the threshold), by its id. Before, the pick re-ran resolve
 * and, in that case, filled whatever S2 now scored highest.
 */
import { JingduError, type Library, type Paper } from "../core/index.js";
import type { Sources } from "../sources/index.js";
import { fillPaperFile } from "./fill-paper.js";
import {
  appendAnswer,
  candidateOf,
  findCandidates,
  type ResolveCandidate,
  type ResolveOutcome,
  type ResolvePapersOptions,
  resolvePapers,
} from "./resolve-papers.js";
import { candidateScorer } from "./resolve-score.js";

/**
 * The person's pick among the candidates `resolvePapers` offered for `paper` (the web app's
 * resolve page): the picked candidate's ids filled and the answer remembered, like a pick at the
 * terminal's prompt. `s2Id` undefined: none of them is the paper, remembered so a rerun does not
 * ask again. A candidate S2 no longer knows is refused (`candidate-unknown`).
 * @example await chooseResolveCandidate({ root, library, sources, paper: "vgg", s2Id: "eb42…" })
 */
export async function chooseResolveCandidate(
  opts: Omit<ResolvePapersOptions, "papers" | "choose" | "yes"> & {
    paper: string;
    s2Id: string | undefined;
  },
): Promise<ResolveOutcome> {
  const paper = opts.library.papers.find((p) => p.id === opts.paper);
  if (!paper) throw new JingduError("unknown-paper", `no paper “${opts.paper}” in the catalog`);
  if (opts.s2Id === undefined) {
    await appendAnswer(opts.root, paper.id, { none: true });
    return { paper: paper.id, kind: "not-found" };
  }
  const { candidates } = await findCandidates(paper, opts.sources);
  let chosen: ResolveCandidate | undefined = candidates.find((c) => c.s2Id === opts.s2Id);
  if (!chosen) chosen = await candidateById(opts.sources, paper, opts.s2Id);
  if (!chosen) {
    throw new JingduError(
      "candidate-unknown",
      `${opts.s2Id} is no longer among the candidates for “${paper.short}”`,
    );
  }
  const filled = await fillPaperFile(opts.root, paper.id, chosen.fill);
  await appendAnswer(opts.root, paper.id, { s2: chosen.s2Id, fill: chosen.fill });
  return { paper: paper.id, kind: "resolved", by: "answer", filled, candidate: chosen };
}

/** The candidate S2 knows by this id (also `ARXIV:…`), scored like the search's; else undefined. */
async function candidateById(
  sources: Sources,
  paper: Paper,
  s2Id: string,
): Promise<ResolveCandidate | undefined> {
  const { normalizedSimilarity, SourceError } = await import("../sources/index.js");
  try {
    const found = (await sources.s2.getPaper(s2Id)).value;
    return candidateOf(found, candidateScorer(paper, normalizedSimilarity)(found));
  } catch (err) {
    // Not found (404) or S2 cannot answer: the pick cannot be looked up, and is refused.
    if (err instanceof SourceError) return undefined;
    throw err;
  }
}

/** One paper's outcome as the web app's resolve page shows it. */
export type ResolveAnswer =
  | { kind: "resolved"; filled: string[] }
  | { kind: "asked"; candidates: Omit<ResolveCandidate, "fill">[] }
  | { kind: "not-found" };

/** The resolve page's two actions, for one library (`jingdu serve` and its tests wire it alike). */
export interface Resolver {
  /** Searches for one paper: filled when sure, else its candidates. */
  resolve(paper: string): Promise<ResolveAnswer>;
  /** The person's pick among the candidates (`undefined`: none of them). */
  choose(paper: string, s2Id: string | undefined): Promise<ResolveAnswer>;
}

function answerOf(o: ResolveOutcome | undefined): ResolveAnswer {
  if (o?.kind === "resolved") return { kind: "resolved", filled: o.filled };
  if (o?.kind === "asked") {
    return { kind: "asked", candidates: o.candidates.map(({ fill: _, ...view }) => view) };
  }
  return { kind: "not-found" };
}

/**
 * The resolve page's actions over `root`, loading the library and the sources when asked (so the
 * server's first page does not wait for them).
 * @example startServer({ root, resolver: createResolver({ root, library, sources }) })
 */
export function createResolver(opts: {
  root: string;
  library: () => Promise<Library>;
  sources: () => Promise<Sources> | Sources;
}): Resolver {
  const deps = async () => ({ library: await opts.library(), sources: await opts.sources() });
  return {
    async resolve(paper) {
      const r = await resolvePapers({ root: opts.root, ...(await deps()), papers: [paper] });
      return answerOf(r.outcomes[0]);
    },
    async choose(paper, s2Id) {
      return answerOf(
        await chooseResolveCandidate({ root: opts.root, ...(await deps()), paper, s2Id }),
      );
    },
  };
}
