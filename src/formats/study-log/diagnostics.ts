import type { Diagnostic } from "../../core/index.js";

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
