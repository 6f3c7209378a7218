import type { Command } from "commander";
import { EXIT, JingduError } from "../../core/index.js";
import {
  parseAge,
  type RefreshResult,
  refreshLibrary,
  SOURCE_LABELS,
  type SourceName,
} from "../../sources/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson, printLibraryProblems, progressBar } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { sourcesFor } from "./add.js";
import { refreshCourseLists } from "./refresh-courses.js";
import { libraryRoot } from "./shared.js";

const SOURCES: readonly SourceName[] = ["s2", "arxiv", "bilibili"];
/** Failed items listed per source; the rest are counted (`--json` lists every one). */
const FAILURES_SHOWN = 5;

interface RefreshFlags {
  only?: string;
  olderThan: string;
  json?: boolean;
  graph?: boolean;
  recommendations: boolean;
  courses?: boolean;
  course?: string[];
}

export const registerRefresh: RegisterCommand = (program, ctx, setCode) => {
  program
    .command("refresh")
    .description("refresh citations, views and runtimes in batches (resumable; polite to each API)")
    .option("--only <source>", `one source: ${SOURCES.join(" | ")}`)
    .option("--older-than <age>", "only values fetched longer ago than this (7d, 12h, 30m)", "7d")
    .option(
      "--graph",
      "fetch the citation graph instead: references and citations of every paper (for next --papers)",
    )
    .option(
      "--no-recommendations",
      "with --graph: do not ask Semantic Scholar's recommendations for the papers you studied",
    )
    .option("--json", "print every item's outcome and the summary as JSON")
    .option(
      "--courses",
      "instead: ask each course's source (bilibili video, 合集, 系列, YouTube playlist) for new episodes",
    )
    .option("--course <id...>", "with --courses: only these courses")
    .action(async (opts: RefreshFlags, command: Command) => {
      if (opts.courses || opts.course) {
        await refreshCourseLists(program, ctx, setCode, opts);
        return;
      }
      if (opts.graph) {
        if (opts.only !== undefined && opts.only !== "s2")
          throw new JingduError(
            "bad-source",
            `--graph fetches from Semantic Scholar only: --only ${opts.only} does not go with it`,
          );
        // The graph has its own max age (sources.s2.graphMaxAge); --older-than only when given.
        const given = command.getOptionValueSource("olderThan") === "cli";
        const { runGraphRefresh } = await import("./refresh-graph.js");
        await runGraphRefresh(ctx, setCode, {
          root: await libraryRoot(program, ctx),
          ...(given ? { olderThanMs: parseAge(opts.olderThan) } : {}),
          ...(opts.json ? { json: true } : {}),
          recommendations: opts.recommendations,
        });
        return;
      }
      if (opts.only && !(SOURCES as readonly string[]).includes(opts.only)) {
        throw new JingduError(
          "bad-source",
          `--only takes ${SOURCES.join(", ")}, not “${opts.only}”`,
        );
      }
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const sources = sourcesFor(ctx, root);
      if (opts.only && !sources.settings[opts.only as SourceName].enabled) {
        throw new JingduError(
          "only-source-disabled",
          `${SOURCE_LABELS[opts.only as SourceName]} is disabled in jingdu.yaml (sources.${opts.only}.enabled: false)`,
        );
      }
      const progress = progressBar(ctx.output, ctx.output.tty && !opts.json);
      const result = await refreshLibrary({
        library,
        libraryRoot: root,
        sources,
        ...(opts.only ? { only: [opts.only as SourceName] } : {}),
        olderThanMs: parseAge(opts.olderThan),
        onProgress: progress.update,
      });
      progress.end();
      printLibraryProblems(ctx.output, result.diagnostics);
      if (opts.json) printJson(ctx.output, result);
      else printSummary(ctx, result);
      // No network: nothing changed (failure). Due items and none fetched: fetchFailed, with the
      // summary. Some fetched, some not: exit 0, the warning says how many were not.
      if (result.offline) setCode(EXIT.failure);
      else if (result.outcome === "failed") setCode(EXIT.fetchFailed);
    });
};

function printSummary(ctx: CliContext, result: RefreshResult): void {
  const { out, err } = ctx.output;
  out(result.message);
  for (const [source, counts] of Object.entries(result.summary)) {
    const parts = Object.entries(counts as Record<string, number>)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`);
    out(`  ${source.padEnd(9)} ${parts.join(", ") || "nothing to do"}`);
  }
  for (const s of result.stopped)
    out(`  stopped ${s.source}: ${s.message}${s.hint ? ` (${s.hint})` : ""}`);
  for (const source of SOURCES) {
    const bad = result.items.filter(
      (i) => i.source === source && (i.outcome === "failed" || i.outcome === "not-found"),
    );
    for (const item of bad.slice(0, FAILURES_SHOWN))
      out(`  ${item.outcome.padEnd(9)} ${item.label}${item.reason ? `: ${item.reason}` : ""}`);
    if (bad.length > FAILURES_SHOWN)
      out(`  … and ${bad.length - FAILURES_SHOWN} more of ${source} (--json lists every item)`);
  }
  if (result.outcome === "failed" && !result.offline)
    err("jingdu: refresh fetched nothing: every item that was due failed or was not asked");
  else if (result.outcome === "partial")
    err(
      `jingdu: warning: ${result.notFetched} item(s) not fetched; run \`jingdu refresh\` again later`,
    );
}
