/**
 * The source text as lines, with the facts every other module needs: which lines sit inside
 * fenced code (never headings, tables or runtimes) and a 1-based line number for any index.
 */

export interface SourceLines {
  /** Lines without their line break; index 0 is line 1. */
  lines: string[];
  /** Indices of lines inside a fenced code block, fences included. */
  fenced: Set<number>;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits text into lines (CRLF, CR and LF alike) and marks fenced code blocks. */
export function toSourceLines(text: string): SourceLines {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const fenced = new Set<number>();
  let open: string | undefined;
  lines.forEach((line, i) => {
    const m = FENCE.exec(line);
    if (open === undefined) {
      if (m?.[1]) {
        open = m[1];
        fenced.add(i);
      }
      return;
    }
    fenced.add(i);
    if (m?.[1] && m[1][0] === open[0] && m[1].length >= open.length && line.trim() === m[1]) {
      open = undefined;
    }
  });
  return { lines, fenced };
}

/**
 * Index of the first line holding a NUL byte (binary data, never text), or -1. U+FFFD is a valid
 * character that text may hold: it is not taken for binary (that emptied a whole import).
 */
export function findBinaryLine(text: string): number {
  const at = text.indexOf("\u0000");
  if (at < 0) return -1;
  let line = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}
