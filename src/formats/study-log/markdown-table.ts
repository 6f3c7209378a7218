/**
 * Tolerant GFM tables: rows split on `|` except inside code spans, links (`[a|b](u)`), Liquid
 * tags and after a backslash; delimiter rows may have more or fewer cells than the header.
 */

export interface TableRow {
  /** Line index in the source. */
  index: number;
  cells: string[];
}

export interface MarkdownTable {
  /** Line index of the header row. */
  headerIndex: number;
  header: string[];
  /** Cell count of the delimiter row (it may differ from the header's). */
  delimiterCells: number;
  rows: TableRow[];
  /** Line index just past the table. */
  endIndex: number;
}

function split(line: string, trackBrackets: boolean): { cells: string[]; balanced: boolean } {
  let text = line.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  const cells: string[] = [];
  const push = (end: number) => cells.push(text.slice(cellStart, end).trim().replace(/\\\|/g, "|"));
  let cellStart = 0;
  let code = 0;
  let bracket = 0;
  let paren = 0;
  let liquid = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === "\\") {
      i++;
    } else if (liquid) {
      if ((ch === "%" || ch === "}") && next === "}") {
        liquid = false;
        i++;
      }
    } else if (ch === "{" && (next === "%" || next === "{")) {
      liquid = true;
      i++;
    } else if (ch === "`") {
      let run = 1;
      while (text[i + run] === "`") run++;
      if (code === 0) code = run;
      else if (code === run) code = 0;
      i += run - 1;
    } else if (code === 0 && trackBrackets && ch === "[") {
      bracket++;
    } else if (code === 0 && trackBrackets && ch === "]" && bracket > 0) {
      bracket--;
      if (bracket === 0 && next === "(") {
        paren = 1;
        i++;
      }
    } else if (code === 0 && paren > 0 && ch === "(") {
      paren++;
    } else if (code === 0 && paren > 0 && ch === ")") {
      paren--;
    } else if (ch === "|" && code === 0 && bracket === 0 && paren === 0) {
      push(i);
      cellStart = i + 1;
    }
  }
  push(text.length);
  return { cells, balanced: bracket === 0 && paren === 0 && code === 0 };
}

/** Splits one table row into trimmed cells; `|` inside links, code and Liquid stays in the cell. */
export function splitTableRow(line: string): string[] {
  const first = split(line, true);
  return first.balanced ? first.cells : split(line, false).cells;
}

/** True when every cell looks like `---`, `:--`, `--:` or `:-:`. */
export function isDelimiterRow(cells: string[]): boolean {
  const nonEmpty = cells.filter((c) => c !== "");
  return nonEmpty.length > 0 && nonEmpty.every((c) => /^:?-{1,}:?$/.test(c));
}

/** Finds every table (a row with `|`, then a delimiter row) outside fenced code. */
export function findTables(lines: string[], fenced: Set<number>, from = 0, to = lines.length) {
  const tables: MarkdownTable[] = [];
  for (let i = from; i + 1 < to; i++) {
    const head = lines[i] as string;
    if (fenced.has(i) || !head.includes("|")) continue;
    const delimiter = splitTableRow(lines[i + 1] as string);
    if (!(lines[i + 1] as string).includes("-") || !isDelimiterRow(delimiter)) continue;
    const rows: TableRow[] = [];
    let j = i + 2;
    for (; j < to && !fenced.has(j); j++) {
      const line = lines[j] as string;
      if (line.trim() === "" || !line.includes("|")) break;
      rows.push({ index: j, cells: splitTableRow(line) });
    }
    tables.push({
      headerIndex: i,
      header: splitTableRow(head),
      delimiterCells: delimiter.length,
      rows,
      endIndex: j,
    });
    i = j - 1;
  }
  return tables;
}
