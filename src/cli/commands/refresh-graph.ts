/**
 * `jingdu refresh --graph`: the citation graph of the library's papers from Semantic Scholar
 * (sources' `refreshCitationGraph`), with a progress bar, the summary and the requests made beside
 * the number the caps imply; then Semantic Scholar's recommendations for the studied papers
 * (workspace's `refreshLibraryRecommendations`: one request, none while fresh) unless
 * `--no-recommendations`.
 */
import { EXIT, JingduError } from "../../core/index.js";
import {
  type GraphRefreshResult,
  type RecommendationsRefreshResult,
  refreshCitationGraph,
} from "../../sources/index.js";
import { refreshLibraryRecommendations } from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson, printLibraryProblems, progressBar } from "../output.js";
import { sourcesFor } from "./add.js";

const FAILURES_SHOWN = 5;

export async function runGraphRefresh(
  ctx: CliContext,
  setCode: (code: number) => void,
  opts: { root: string; olderThanMs?: number; json?: boolean; recommendations?: boolean },
): Promise<void> {
  const { library } = await loadLibraryReporting(ctx, opts.root);
  const sources = sourcesFor(ctx, opts.root);
  if (!sources.settings.s2.enabled) {
    throw new JingduError(
      "only-source-disabled",
      "semantic-scholar is disabled in jingdu.yaml (sources.s2.enabled: false): the graph comes from it",
    );
  }
  const progress = progressBar(ctx.output, ctx.output.tty && !opts.json);
  const result = await refreshCitationGraph({
    library,
    libraryRoot: opts.root,
    sources,
    ...(opts.olderThanMs === undefined ? {} : { olderThanMs: opts.olderThanMs }),
    onProgress: progress.update,
  });
  progress.end();
  // After the graph: its S2 ids name the papers known to it only by arXiv id or DOI.
  const recommendations =
    opts.recommendations === false || result.stopped
      ? undefined
      : await refreshLibraryRecommendations({
          root: opts.root,
          library,
          sources,
          ...(opts.olderThanMs === undefined ? {} : { olderThanMs: opts.olderThanMs }),
        });
  printLibraryProblems(ctx.output, result.diagnostics);
  if (opts.json)
    printJson(ctx.output, { ...result, ...(recommendations ? { recommendations } : {}) });
  else {
    printGraphSummary(ctx, result);
    if (recommendations) printRecommendations(ctx, recommendations);
  }
  if (result.outcome === "failed") setCode(EXIT.fetchFailed);
}

/** One line; a failure (S2's 400 among them) also as a warning with S2's words and a hint. */
function printRecommendations(
  ctx: CliContext,
  r: RecommendationsRefreshResult & { everyPaper: boolean },
): void {
  ctx.output.out(
    r.everyPaper && r.outcome === "fetched"
      ? `${r.message} (nothing studied yet: asked from every paper)`
      : r.message,
  );
  if (r.outcome === "failed")
    ctx.output.err(
      `jingdu: warning: Semantic Scholar's recommendations were not fetched${r.hint ? `: ${r.hint}` : ""}`,
    );
}

function printGraphSummary(ctx: CliContext, result: GraphRefreshResult): void {
  const { out, err } = ctx.output;
  out(result.message);
  if (result.stopped)
    out(
      `  stopped semantic-scholar: ${result.stopped.message}${result.stopped.hint ? ` (${result.stopped.hint})` : ""}`,
    );
  const bad = result.items.filter(
    (i) => i.outcome === "failed" || i.outcome === "not-found" || i.outcome === "skipped",
  );
  for (const item of bad.slice(0, FAILURES_SHOWN))
    out(`  ${item.outcome.padEnd(9)} ${item.label}${item.reason ? `: ${item.reason}` : ""}`);
  if (bad.length > FAILURES_SHOWN)
    out(`  … and ${bad.length - FAILURES_SHOWN} more (--json lists every paper)`);
  if (result.outcome === "failed")
    err(
      "jingdu: refresh --graph fetched nothing: every paper that was due failed or was not asked",
    );
  else if (result.outcome === "partial")
    err("jingdu: warning: some papers were not fetched; run `jingdu refresh --graph` again later");
}
