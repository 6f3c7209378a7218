/**
 * `jingdu next --papers [--for PAPER]`: papers to read next from the citation graph kept in
 * `metadata/citation-graph.jsonl` (issue 19; `study/related-papers.ts` ranks and explains). The
 * seeds are the papers the learner studied (a reading pass, or covered by a watched episode),
 * weighted by passes and value rating; `--for` seeds one paper alone.
 */
import { DISMISSED_PAPERS_FILE, JingduError, type Library } from "../../core/index.js";
import { libraryS2Ids, readCitationGraph } from "../../sources/index.js";
import { rankRelatedPapers, relatedReason, type Seed, seedWeight } from "../../study/index.js";
import { dismissSuggestion, readDismissedPapers } from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { printDiagnostics, printJson } from "../output.js";

function seedsOf(
  library: Library,
  s2Of: ReadonlyMap<string, string>,
  only: string | undefined,
): Seed[] {
  const watched = new Set<string>();
  for (const course of library.courses) {
    const progress = library.progress.episodes[course.id] ?? {};
    for (const e of course.episodes) {
      if (progress[e.number]?.status === "done") for (const p of e.papers) watched.add(p);
    }
  }
  const seeds: Seed[] = [];
  for (const p of library.papers) {
    const s2 = s2Of.get(p.id);
    if (!s2) continue;
    if (only !== undefined && p.id !== only) continue;
    const progress = library.progress.papers[p.id];
    const passes = progress?.passes.length ?? 0;
    if (only === undefined && passes === 0 && !watched.has(p.id)) continue;
    const v = progress?.value;
    const value = v ? (v.novelty + v.effectiveness + v.problemSize) / 3 : undefined;
    seeds.push({
      s2,
      paperId: p.id,
      name: p.short,
      weight: seedWeight({ passes, ...(value === undefined ? {} : { value }) }),
    });
  }
  return seeds;
}

export async function printNextPapers(
  ctx: CliContext,
  root: string,
  library: Library,
  opts: { for?: string; limit: number; json?: boolean },
): Promise<void> {
  if (opts.for !== undefined && !library.papers.some((p) => p.id === opts.for)) {
    throw new JingduError("unknown-paper", `no paper \`${opts.for}\` in the library`);
  }
  const { graph, problems } = await readCitationGraph(root);
  if (problems.length > 0) printDiagnostics(ctx.output, problems, 5);
  // A paper fetched by its arXiv id or DOI is known by the graph's S2 id of it.
  const s2Of = libraryS2Ids(library.papers, graph);
  let seeds = seedsOf(library, s2Of, opts.for);
  let note: string | undefined;
  if (seeds.length === 0 && opts.for === undefined) {
    // Nothing studied yet: every paper with an S2 id stands in, and the learner is told so.
    seeds = library.papers.flatMap((p) => {
      const s2 = s2Of.get(p.id);
      return s2 ? [{ s2, paperId: p.id, name: p.short, weight: 1 }] : [];
    });
    note = "nothing read or watched yet: suggestions start from every paper of the library";
  }
  const inLibrary = new Set(s2Of.values());
  const dismissed = await readDismissedPapers(root);
  if (dismissed.badLines.length > 0)
    ctx.output.err(
      `jingdu: warning: ${DISMISSED_PAPERS_FILE}:${dismissed.badLines.join(",")}: no Semantic Scholar paper id on the line (skipped)`,
    );
  const ranked = rankRelatedPapers(graph, seeds, {
    inLibrary,
    exclude: dismissed.ids,
    limit: opts.limit,
  });
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
    // The id to dismiss it by (or add it): the arXiv id when S2 knows one, else the S2 id.
    const id = r.paper.ids?.arxiv ? `arXiv:${r.paper.ids.arxiv}` : r.s2;
    out(`📄 ${r.paper.title ?? r.s2}${year} [${id}]\n    ${relatedReason(r, language)}`);
  }
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
