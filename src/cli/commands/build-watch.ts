import type { Diagnostic } from "../../core/index.js";
import {
  loadSiteInputs,
  type SiteBuilder,
  type SiteInputs,
  updateSiteInputs,
} from "../../site/index.js";
import type { LoadedLibrary } from "../../store/index.js";
import { describeReloaded, watchAndReload } from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { printDiagnostics, printLibraryProblems } from "../output.js";

/** Files of a rebuild named in its line; the rest are counted. */
const NAMED = 4;

/** Quiet time after a rebuild before the build manifest is written (`SiteBuilder.flush`). */
const FLUSH_AFTER_MS = 1000;

const keyOf = (d: Diagnostic) => `${d.file}:${d.line}:${d.rule}:${d.message}`;

/** Those of `now` that were not in `before` (what a rebuild has to say that is news). */
function news(before: readonly Diagnostic[], now: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set(before.map(keyOf));
  return now.filter((d) => !seen.has(keyOf(d)));
}

/**
 * `jingdu build --watch`: watches the library's folders and, after each burst of changes, reads
 * the changed files again (`updateSiteInputs`) and rebuilds with the same builder, which remembers
 * the last build: only the pages the change affects are rendered and written. Prints one line per
 * rebuild, and the warnings and library problems that are new. A rebuild that fails says why and
 * the watch goes on. Returns when the context's `onInterrupt` says stop (Ctrl-C, SIGTERM).
 */
export async function watchAndRebuild(
  ctx: CliContext,
  start: {
    root: string;
    inputs: SiteInputs;
    builder: SiteBuilder;
    warnings: Diagnostic[];
    /** Loads the whole library (when a change is more than files: a course folder). */
    load: (root: string) => Promise<LoadedLibrary>;
    /** One JSON object a line per rebuild instead of a sentence. */
    json?: boolean;
  },
): Promise<void> {
  const { root, builder, load } = start;
  const { onInterrupt } = ctx;
  // A context without a stop request (a test's, a future caller's) would watch forever. A bug of
  // the caller, not a user's mistake: a plain Error, outside the catalogue.
  if (!onInterrupt)
    throw new Error(
      "build --watch needs a way to be stopped: ctx.onInterrupt (main.ts wires Ctrl-C and SIGTERM)",
    );
  let { inputs, warnings } = start;
  let queue = Promise.resolve();
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    try {
      builder.flush();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.output.err(`could not write the build manifest: ${message}`);
    }
  };
  const rebuild = async (paths: string[] | undefined) => {
    const next =
      (paths && (await updateSiteInputs(inputs, paths))) ?? (await loadSiteInputs(root, load));
    if (next === inputs) return;
    const problems = news(inputs.diagnostics, next.diagnostics);
    const hadProblems = inputs.diagnostics.some((d) => d.level !== "info");
    inputs = next;
    printLibraryProblems(ctx.output, problems);
    if (hadProblems && !inputs.diagnostics.some((d) => d.level !== "info")) {
      ctx.output.err("The library has no problems now.");
    }
    const r = builder.build(inputs.library, inputs);
    const fresh = news(warnings, r.warnings);
    warnings = r.warnings;
    if (start.json) {
      const { written, removed, ms } = r;
      const line = { at: ctx.now().toISOString(), ms, written, removed, newWarnings: fresh };
      ctx.output.out(JSON.stringify({ ...line, warnings: r.warnings.length }));
    } else {
      printDiagnostics(ctx.output, fresh);
      const named = r.written.slice(0, NAMED).join(", ");
      const more = r.written.length > NAMED ? ` and ${r.written.length - NAMED} more` : "";
      const time = ctx.now().toTimeString().slice(0, 8);
      ctx.output.out(
        `${time} rebuilt in ${Math.round(r.ms)} ms: ${r.written.length} written` +
          `${named ? ` (${named}${more})` : ""}, ${r.removed.length} removed, ` +
          `${r.warnings.length} warnings`,
      );
    }
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => {
      queue = queue.then(flush);
    }, FLUSH_AFTER_MS);
  };
  // Rebuilds run one at a time; one that fails says why and the watch goes on.
  const watcher = watchAndReload({
    root,
    // The manifest's flush shares the queue; a failed rebuild is reported through the promise
    // returned (onError below), so the queue itself goes on.
    reload: (paths) => {
      const run = queue.then(() => rebuild(paths));
      // The failure is reported through `run` (returned to watchAndReload's onError); the queue goes on.
      queue = run.catch(() => undefined);
      return run;
    },
    onError: (error, paths) => {
      const message = error instanceof Error ? error.message : String(error);
      ctx.output.err(
        `rebuild after a change to ${describeReloaded(paths)} failed: ${message}; still watching`,
      );
    },
  });
  // On stderr with --json: stdout is JSON only.
  (start.json ? ctx.output.err : ctx.output.out)(`Watching ${root} for changes (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    // The watchers do not keep the process alive on their own.
    const alive = setInterval(() => {}, 1 << 30);
    const stop = () => {
      clearInterval(alive);
      stopListening();
      void watcher
        .close()
        .then(() => queue)
        .then(flush)
        .then(resolve);
    };
    const stopListening = onInterrupt(stop);
  });
}
