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
import { bar, printJson, printLibraryProblems } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { sourcesFor } from "./add.js";
import { refreshCourseLists } from "./refresh-courses.js";
import { libraryRoot } from "./shared.js";

const SOURCES: readonly SourceName[] = ["s2", "arxiv", "bilibili"];
/** Failed items listed per source; the rest are counted (`--json` lists every one). */
const FAILURES_SHOWN = 5;

export const registerRefresh: RegisterCommand = (program, ctx, setCode) => {
  program
    .command("refresh")
    .description("refresh citations, views and runtimes in batches (resumable; polite to each API)")
    .option("--only <source>", `one source: ${SOURCES.join(" | ")}`)
    .option("--older-than <age>", "only values fetched longer ago than this (7d, 12h, 30m)", "7d")
    .option("--json", "print every item's outcome and the summary as JSON")
    .option(
      "--courses",
      "instead: ask each course's source (bilibili video, 合集, 系列, YouTube playlist) for new episodes",
    )
    .option("--course <id...>", "with --courses: only these courses")
    .action(
      async (opts: {
        only?: string;
        olderThan: string;
        json?: boolean;
        courses?: boolean;
        course?: string[];
      }) => {
        if (opts.courses || opts.course) {
          await refreshCourseLists(program, ctx, setCode, opts);
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
        const showBar = ctx.output.tty && !opts.json;
        const result = await refreshLibrary({
          library,
          libraryRoot: root,
          sources,
          ...(opts.only ? { only: [opts.only as SourceName] } : {}),
          olderThanMs: parseAge(opts.olderThan),
          onProgress: ({ done, total, item }) => {
            if (showBar)
              ctx.output.progress?.(
                `${bar(done / Math.max(1, total), 30)} ${done}/${total} ${item.label.slice(0, 40).padEnd(40)}`,
              );
          },
        });
        if (showBar) ctx.output.progress?.(undefined);
        printLibraryProblems(ctx.output, result.diagnostics);
        if (opts.json) printJson(ctx.output, result);
        else printSummary(ctx, result);
        // No network: nothing changed (failure). Due items and none fetched: fetchFailed, with the
        // summary. Some fetched, some not: exit 0, the warning says how many were not.
        if (result.offline) setCode(EXIT.failure);
        else if (result.outcome === "failed") setCode(EXIT.fetchFailed);
      },
    );
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
