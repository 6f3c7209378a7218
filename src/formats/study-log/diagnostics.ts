import type { Diagnostic } from "../../core/diagnostic.js";

/** Collects diagnostics for one file; `line` is 1-based (0 = the whole file). */
export interface DiagnosticSink {
  readonly file: string;
  readonly items: Diagnostic[];
  error(rule: string, line: number, message: string, hint?: string): void;
  warning(rule: string, line: number, message: string, hint?: string): void;
  info(rule: string, line: number, message: string, hint?: string): void;
}

/** Creates a sink that records diagnostics for `file` in the order they are reported. */
export function createDiagnosticSink(file: string): DiagnosticSink {
  const items: Diagnostic[] = [];
  const add =
    (level: Diagnostic["level"]) =>
    (rule: string, line: number, message: string, hint?: string): void => {
      items.push({ level, rule, message, file, line, ...(hint === undefined ? {} : { hint }) });
    };
  return { file, items, error: add("error"), warning: add("warning"), info: add("info") };
}
