import type { DiagnosticSink } from "./diagnostics.js";
import { convertLiquid } from "./liquid.js";
import { removeLiquid } from "./liquid-scan.js";

/** Tidies a note: no blank lines at either end, runs of 3+ blank lines collapsed to 2. */
export function tidyNote(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : line.trimEnd()))
    .join("\n")
    .replace(/\n{4,}/g, "\n\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/**
 * Builds a note from the source lines `from`…`to` minus `skip`, converting Liquid; runs of kept
 * lines are converted separately so every diagnostic names its source line.
 */
export function buildNote(
  lines: string[],
  from: number,
  to: number,
  skip: (index: number) => boolean,
  sink: DiagnosticSink,
): string {
  const parts: string[] = [];
  let runStart = from;
  const flush = (end: number) => {
    if (end > runStart)
      parts.push(convertLiquid(lines.slice(runStart, end).join("\n"), runStart + 1, sink));
  };
  for (let i = from; i < to; i++) {
    if (!skip(i)) continue;
    flush(i);
    runStart = i + 1;
  }
  flush(to);
  return tidyNote(parts.join("\n"));
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3134f)
  );
}

/** `zh` when CJK characters outnumber Latin words (URLs and Liquid ignored), else `en`. */
export function detectLanguage(text: string): "zh" | "en" {
  const clean = removeLiquid(text).replace(/https?:\/\/\S+/g, " ");
  let cjk = 0;
  let words = 0;
  let letters = 0;
  for (const ch of clean) {
    const code = ch.codePointAt(0) ?? 0;
    const latin = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (latin) letters++;
    else {
      if (letters >= 2) words++;
      letters = 0;
      if (isCjk(code)) cjk++;
    }
  }
  if (letters >= 2) words++;
  return cjk > 0 && cjk >= words ? "zh" : "en";
}
