import type { LoadedLibrary } from "../store/assemble-library.js";
import { loadLibrary } from "../store/load-library.js";
import type { CliContext } from "./context.js";
import { printLibraryProblems } from "./output.js";

/**
 * `loadLibrary` for a command that works with what loads: a file with problems is skipped (or a
 * bad field ignored) by the loader, and this says so on stderr with file:line.
 */
export async function loadLibraryReporting(ctx: CliContext, root: string): Promise<LoadedLibrary> {
  const loaded = await loadLibrary(root);
  printLibraryProblems(ctx.output, loaded.diagnostics);
  return loaded;
}
