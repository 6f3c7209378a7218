/**
 * A recoverable problem attached to a place in a file. Batch work collects these and goes on.
 * `rule` is a stable name tools can filter on (`table-missing-cells`, `runtime-invalid`, …).
 */
export interface Diagnostic {
  level: "error" | "warning" | "info";
  rule: string;
  message: string;
  /** Path as the user gave it (import) or relative to the library root (load). */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  hint?: string;
}

/** Formats a diagnostic the way compilers do: `file:line: level: message (rule)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const hint = d.hint ? `\n    hint: ${d.hint}` : "";
  return `${where}: ${d.level}: ${d.message} [${d.rule}]${hint}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1;
}

/** The diagnostic for an entry that is not a plain file (`kind`: what `nonRegularKind` of src/base says it is). */
export function notRegularDiagnostic(file: string, kind: string, target?: string): Diagnostic {
  return {
    level: "warning",
    rule: "file-not-regular",
    message: `${kind}${target === undefined ? "" : ` (→ ${target})`}, not a plain file: skipped`,
    file,
    line: 0,
    hint: "jingdu reads only plain files in a library: put the file itself here (a copy instead of a link), or remove the entry.",
  };
}
