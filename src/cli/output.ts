import pc from "picocolors";
import { type Diagnostic, formatDiagnostic } from "../core/index.js";

/** Where a command writes: injected so tests can run commands in-process and read the output. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Colours and bars only when writing to a terminal. */
  tty: boolean;
  /**
   * Rewrites the progress line on stderr (`\r`, no newline; `undefined` ends it with a newline).
   * Only called when `tty`; absent: progress is not shown.
   */
  progress?: (line: string | undefined) => void;
}

/** A fixed-width bar `████████░░░░` for a fraction in [0, 1]. */
export function bar(fraction: number, width = 20): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * width);
  return `${"█".repeat(full)}${"░".repeat(width - full)}`;
}

/**
 * A fetch's progress callback: a bar with `done/total` and the item's label on a terminal (when
 * `show`), nothing otherwise. Call `end()` after the fetch.
 * @example const p = progressBar(ctx.output, tty); await refresh({ onProgress: p.update }); p.end();
 */
export function progressBar(
  output: Output,
  show: boolean,
): {
  update: (p: { done: number; total: number; item: { label: string } }) => void;
  end: () => void;
} {
  return {
    update: ({ done, total, item }) => {
      if (show)
        output.progress?.(
          `${bar(done / Math.max(1, total), 30)} ${done}/${total} ${item.label.slice(0, 40).padEnd(40)}`,
        );
    },
    end: () => {
      if (show) output.progress?.(undefined);
    },
  };
}

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

/** Prints diagnostics to stderr, errors first, at most `limit` of each level (the rest counted). */
export function printDiagnostics(output: Output, diagnostics: Diagnostic[], limit = 200): void {
  const colour = (d: Diagnostic, text: string) =>
    !output.tty
      ? text
      : d.level === "error"
        ? pc.red(text)
        : d.level === "warning"
          ? pc.yellow(text)
          : pc.dim(text);
  const shown = diagnostics.slice(0, limit);
  for (const d of shown) output.err(colour(d, formatDiagnostic(d)));
  if (diagnostics.length > shown.length) {
    output.err(`… and ${diagnostics.length - shown.length} more (use --json to see all)`);
  }
}

export function countLevels(diagnostics: Diagnostic[]): Record<Diagnostic["level"], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.level]++;
  return counts;
}

/** How many of a library's problems a command other than `doctor` prints before it sums up. */
const LIBRARY_PROBLEMS_SHOWN = 5;

/**
 * The problems found while loading the library (a file skipped, a field ignored), for commands
 * that go on with the rest: each with file:line on stderr, so nothing is dropped unsaid; the
 * full list with hints is `jingdu doctor`'s. Infos are left to `doctor`.
 */
export function printLibraryProblems(output: Output, diagnostics: Diagnostic[]): void {
  const problems = diagnostics.filter((d) => d.level !== "info");
  if (problems.length === 0) return;
  printDiagnostics(output, problems.slice(0, LIBRARY_PROBLEMS_SHOWN));
  output.err(
    `The library has ${problems.length} ${problems.length === 1 ? "problem" : "problems"}; the rest was used. \`jingdu doctor\` lists each with a hint.`,
  );
}

/** Terminal columns of a string: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
