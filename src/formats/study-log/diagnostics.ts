import type { Diagnostic, Paper } from "../../core/index.js";

/** Collects diagnostics for one file; `line` is 1-based (0 = the whole file). */
export interface DiagnosticSink {
  readonly file: string;
  readonly items: Diagnostic[];
  error(rule: string, line: number, message: string, hint?: string): void;
  warning(rule: string, line: number, message: string, hint?: string): void;
  info(rule: string, line: number, message: string, hint?: string): void;
}

/**
 * Diagnostics kept per rule: a file with 100,000 stray `{% %}` needs the first few hundred named,
 * not a report (and a sort) of 100,000.
 */
export const MAX_PER_RULE = 500;

/** Creates a sink that records diagnostics for `file` in the order they are reported. */
export function createDiagnosticSink(file: string): DiagnosticSink {
  const items: Diagnostic[] = [];
  const perRule = new Map<string, number>();
  const add =
    (level: Diagnostic["level"]) =>
    (rule: string, line: number, message: string, hint?: string): void => {
      const seen = (perRule.get(rule) ?? 0) + 1;
      perRule.set(rule, seen);
      if (seen > MAX_PER_RULE + 1) return;
      if (seen === MAX_PER_RULE + 1) {
        items.push({
          level,
          rule,
          message: `more of the same from here on; only the first ${MAX_PER_RULE} are listed`,
          file,
          line,
        });
        return;
      }
      items.push({ level, rule, message, file, line, ...(hint === undefined ? {} : { hint }) });
    };
  return { file, items, error: add("error"), warning: add("warning"), info: add("info") };
}

/**
 * A paper listed again under the same name (a paper list's entry, a catalog's row): one paper,
 * in the categories of every listing, and an info naming the line it was merged with.
 */
export function mergeListedAgain(
  sink: DiagnosticSink,
  line: number,
  name: string,
  first: Paper,
  categories: readonly string[],
): void {
  for (const c of categories) if (!first.categories.includes(c)) first.categories.push(c);
  sink.info(
    "paper-duplicate",
    line,
    `"${name}" is listed again; merged with line ${first.at?.line}`,
  );
}
