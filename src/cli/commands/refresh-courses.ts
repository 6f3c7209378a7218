/** `jingdu refresh --courses [--course ID…]`: new episodes of courses whose source grew. */
import type { Command } from "commander";
import { EXIT } from "../../core/index.js";
import { type RefreshCoursesResult, refreshCourses } from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson } from "../output.js";
import { sourcesFor } from "./add.js";
import { libraryRoot } from "./shared.js";

export async function refreshCourseLists(
  program: Command,
  ctx: CliContext,
  setCode: (code: number) => void,
  opts: { json?: boolean; course?: string[] },
): Promise<void> {
  const root = await libraryRoot(program, ctx);
  const { library } = await loadLibraryReporting(ctx, root);
  const result = await refreshCourses({
    root,
    library,
    sources: sourcesFor(ctx, root),
    ...(opts.course ? { only: opts.course } : {}),
  });
  if (opts.json) printJson(ctx.output, result);
  else printCourses(ctx, result);
  const asked = result.courses.filter((c) => c.outcome !== "skipped").length;
  if (asked > 0 && result.failed === asked) setCode(EXIT.fetchFailed);
}

function printCourses(ctx: CliContext, result: RefreshCoursesResult): void {
  const { out } = ctx.output;
  if (result.courses.length === 0) {
    out("No course has a source to ask (bilibili video, 合集, 系列 or YouTube playlist).");
    return;
  }
  for (const c of result.courses) {
    if (c.outcome === "added") {
      out(`${c.course}: ${c.added.length} new episode(s)`);
      for (const e of c.added) out(`  ${String(e.number).padStart(3)}  ${e.title}  (${e.file})`);
    } else if (c.outcome === "unchanged") {
      out(`${c.course}: no new episodes`);
    } else {
      out(`${c.course}: ${c.outcome} — ${c.message ?? ""}`);
    }
  }
  out(
    `${result.added} new episode(s) in ${result.courses.filter((c) => c.outcome === "added").length} course(s)`,
  );
}
