/**
 * `jingdu next --papers [--for PAPER]`: papers to read next from the citation graph kept in
 * `metadata/citation-graph.jsonl` (issue 19; `study/related-papers.ts` ranks and explains). The
 * seeds are the papers the learner studied (a reading pass, or covered by a watched episode),
 * weighted by passes and value rating; `--for` seeds one paper alone.
 */
import type { Library } from "../../core/index.js";
import { relatedReason } from "../../study/index.js";
import { suggestNextPapers } from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { printDiagnostics, printJson } from "../output.js";

export async function printNextPapers(
  ctx: CliContext,
  root: string,
  library: Library,
  opts: { for?: string; limit: number; json?: boolean },
): Promise<void> {
  const {
    seeds,
    everyPaper,
    suggestions: ranked,
    graph,
    problems,
  } = await suggestNextPapers({
    root,
    library,
    limit: opts.limit,
    ...(opts.for === undefined ? {} : { for: opts.for }),
  });
  if (problems.length > 0) printDiagnostics(ctx.output, problems, 5);
  // Nothing studied yet: every paper with an S2 id stands in, and the learner is told so.
  const note = everyPaper
    ? "nothing read or watched yet: suggestions start from every paper of the library"
    : undefined;
  const language = library.settings.language;
  if (opts.json) {
    printJson(ctx.output, {
      seeds: seeds.map((s) => ({ paper: s.paperId, weight: s.weight })),
      suggestions: ranked.map((r) => ({
        s2: r.s2,
        title: r.paper.title,
        year: r.paper.year,
        ids: r.paper.ids ?? {},
        score: r.score,
        signals: r.signals,
        citedBy: r.citedBy,
        cites: r.cites,
        sharesWith: r.sharesWith,
        reason: relatedReason(r, language),
      })),
    });
    return;
  }
  const { out } = ctx.output;
  if (graph.fetched.size === 0) {
    out("No citation graph yet: fetch it with `jingdu refresh --graph` (papers need an S2 id).");
    return;
  }
  if (note) out(note);
  if (ranked.length === 0) out("No paper outside the library is near the papers you studied.");
  for (const r of ranked) {
    const year = r.paper.year ? ` (${r.paper.year})` : "";
    out(`📄 ${r.paper.title ?? r.s2}${year}\n    ${relatedReason(r, language)}`);
  }
}
