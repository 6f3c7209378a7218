import {
  type LoadedLibrary,
  loadLibraryCached,
  loadLibrarySummary,
  type SummaryLibrary,
} from "../store/light.js";
import type { CliContext } from "./context.js";
import { printLibraryProblems } from "./output.js";

/**
 * The library for a command that works with what loads: a file with problems is skipped (or a
 * bad field ignored) by the loader, and this says so on stderr with file:line. Through the
 * parsed-library cache in `.jingdu/` (what `loadLibrary` returns, parsing only files changed
 * since: `jingdu status` on 20,000 papers took 2.6 s, parsing every file).
 */
export async function loadLibraryReporting(ctx: CliContext, root: string): Promise<LoadedLibrary> {
  const loaded = await loadLibraryCached(root, { notes: "eager" });
  printLibraryProblems(ctx.output, loaded.diagnostics);
  return loaded;
}

/**
 * The library as counts (papers cut to what `status` counts) and its problems reported like
 * `loadLibraryReporting`: for commands that count papers or change progress, through the
 * library summary in `.jingdu/` (`jingdu status` on 100,000 papers read a 127 MB cache).
 */
export async function loadSummaryReporting(ctx: CliContext, root: string): Promise<SummaryLibrary> {
  const loaded = await loadLibrarySummary(root);
  printLibraryProblems(ctx.output, loaded.diagnostics);
  return loaded;
}
