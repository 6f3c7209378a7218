/**
 * `jingdu next --papers [--for PAPER]`: papers to read next from the citation graph kept in
 * `metadata/citation-graph.jsonl` (issue 19; `study/related-papers.ts` ranks and explains). The
 * seeds are the papers the learner studied (a reading pass, or covered by a watched episode),
 * weighted by passes and value rating; `--for` seeds one paper alone.
 */
import { DISMISSED_PAPERS_FILE, findSameAsGraphPaper, type Library } from "../../core/index.js";
import { relatedReason } from "../../study/index.js";
import { dismissSuggestion, suggestNextPapers } from "../../workspace/index.js";
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
    dismissedBadLines,
    recommendedAt,
  } = await suggestNextPapers({
    root,
    library,
    limit: opts.limit,
    ...(opts.for === undefined ? {} : { for: opts.for }),
  });
  if (problems.length > 0) printDiagnostics(ctx.output, problems, 5);
  if (dismissedBadLines.length > 0)
    ctx.output.err(
      `jingdu: warning: ${DISMISSED_PAPERS_FILE}:${dismissedBadLines.join(",")}: no Semantic Scholar paper id on the line (skipped)`,
    );
  // Nothing studied yet: every paper with an S2 id stands in, and the learner is told so.
  const note = everyPaper
    ? "nothing read or watched yet: suggestions start from every paper of the library"
    : undefined;
  const language = library.settings.language;
  const inCatalog = (r: (typeof ranked)[number]) =>
    findSameAsGraphPaper(library.papers, r.paper)?.paper;
  if (opts.json) {
    printJson(ctx.output, {
      seeds: seeds.map((s) => ({ paper: s.paperId, weight: s.weight })),
      suggestions: ranked.map((r) => {
        const catalog = inCatalog(r);
        return {
          s2: r.s2,
          title: r.paper.title,
          year: r.paper.year,
          ids: r.paper.ids ?? {},
          score: r.score,
          signals: r.signals,
          citedBy: r.citedBy,
          cites: r.cites,
          citedWith: r.citedWith,
          sharesWith: r.sharesWith,
          ...(r.recommended ? { recommended: r.recommended } : {}),
          ...(catalog ? { inCatalog: catalog.id } : {}),
          reason: relatedReason(r, language),
        };
      }),
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
    // The id to dismiss it by (or add it): the arXiv id when S2 knows one, else the S2 id.
    const id = r.paper.ids?.arxiv ? `arXiv:${r.paper.ids.arxiv}` : r.s2;
    const catalog = inCatalog(r);
    const also = catalog
      ? `\n    in your catalog: ${catalog.short || catalog.id} (${catalog.id})`
      : "";
    out(`📄 ${r.paper.title ?? r.s2}${year} [${id}]\n    ${relatedReason(r, language)}${also}`);
  }
  if (recommendedAt)
    out(`(with Semantic Scholar's recommendations of ${recommendedAt.slice(0, 10)})`);
  if (ranked.length > 0) out("(`jingdu next --papers --dismiss ID` never suggests one again)");
}

/** `--dismiss ID` / `--undismiss ID`: the workspace's dismissal, then one line saying what changed. */
export async function changeDismissal(
  ctx: CliContext,
  root: string,
  opts: { dismiss?: string; undismiss?: string; json?: boolean },
): Promise<void> {
  const dismiss = opts.dismiss !== undefined;
  const r = await dismissSuggestion({
    root,
    ref: (opts.dismiss ?? opts.undismiss) as string,
    dismiss,
  });
  if (opts.json) {
    printJson(ctx.output, { ...r, dismissed: dismiss });
    return;
  }
  const name = r.title ?? r.s2;
  ctx.output.out(
    dismiss
      ? r.changed
        ? `dismissed: ${name} (never suggested again; --undismiss ${r.s2} takes it back)`
        : `already dismissed: ${name}`
      : r.changed
        ? `undismissed: ${name}`
        : `not dismissed: ${name}`,
  );
}
