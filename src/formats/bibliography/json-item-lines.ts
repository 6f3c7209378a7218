import type { BibliographyImport, BibRecord } from "./bib-record.js";
import type { ReadEntry } from "./make-papers.js";

/** A JSON object (a CSL item, a Zotero item). */
export type Item = Record<string, unknown>;
export const isItem = (v: unknown): v is Item =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The lines an object spans: 0-based, first and last inclusive. */
export interface LineSpan {
  first: number;
  last: number;
}

/**
 * The line span of every object nested `depth` containers deep in a JSON text, in order (`[{…},
 * {…}]`: depth 1). JSON.parse keeps no positions; this one linear scan gives each item of a
 * CSL-JSON file its lines, so a report names an entry by line as the BibTeX reader does.
 * @example objectLines('[\n{"id": "a"},\n{"id": "b"}\n]', 1) // [{first: 1, last: 1}, {first: 2, last: 2}]
 */
export function objectLines(text: string, depth: number): LineSpan[] {
  const spans: LineSpan[] = [];
  let line = 0;
  let level = 0;
  let inString = false;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character (never a newline in JSON)
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (c === 123 && level === depth) open = line;
      level++;
    } else if (c === 125 || c === 93) {
      level--;
      if (c === 125 && level === depth && open >= 0) {
        spans.push({ first: open, last: line });
        open = -1;
      }
    }
  }
  return spans;
}

/**
 * The line span of every object in the array under the top-level key `key` of a JSON object
 * (`{"config": {…}, "items": [{…}, {…}]}`), in order: what `objectLines` gives for one array
 * when other keys hold objects at the same depth (Better BibTeX JSON's `config`, `collections`).
 */
export function keyedArrayLines(text: string, key: string): LineSpan[] {
  const spans: LineSpan[] = [];
  const wanted = JSON.stringify(key);
  let line = 0;
  let level = 0;
  let stringStart = -1;
  let lastKey = "";
  let inArray = false;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (stringStart >= 0) {
      if (c === 92) i++;
      else if (c === 34) {
        if (level === 1) lastKey = text.slice(stringStart, i + 1);
        stringStart = -1;
      }
    } else if (c === 34) stringStart = i;
    else if (c === 123 || c === 91) {
      if (c === 91 && level === 1 && lastKey === wanted) inArray = true;
      if (c === 123 && level === 2 && inArray) open = line;
      level++;
    } else if (c === 125 || c === 93) {
      level--;
      if (c === 125 && level === 2 && inArray && open >= 0) {
        spans.push({ first: open, last: line });
        open = -1;
      }
      if (c === 93 && level === 1) inArray = false;
    } else if (c === 44 && level === 1) lastKey = "";
  }
  return spans;
}

/**
 * A JSON file's items as entries for `makePapers`: each object takes the next line span and its
 * record (`recordOf`, given its 1-based line); anything else is an entry at line 1 with none.
 * `keyOf`: the key an item gives even when no record is made of it (default: the record's).
 */
export function jsonEntries(
  items: readonly unknown[],
  spans: readonly LineSpan[],
  recordOf: (item: Item, line: number) => BibRecord | undefined,
  keyOf?: (item: Item) => string | undefined,
): ReadEntry<unknown>[] {
  let objects = 0;
  return items.map((item) => {
    if (!isItem(item)) return { item, first: 0, last: 0, record: undefined };
    const span = spans[objects++];
    const first = span?.first ?? 0;
    const record = recordOf(item, first + 1);
    return {
      item,
      first,
      last: span?.last ?? first,
      record,
      ...(keyOf ? { key: keyOf(item) } : {}),
    };
  });
}

/** Where JSON.parse stopped, as a 1-based line (its message gives a position or a line). */
function errorLine(text: string, message: string): number {
  const line = /line (\d+)/.exec(message)?.[1];
  if (line) return Number(line);
  return text.slice(0, errorOffset(text, message)).split("\n").length;
}

/** The offset JSON.parse gives in its message, if any. */
const positionIn = (message: string): number | undefined => {
  const at = /position (\d+)/.exec(message)?.[1];
  return at === undefined ? undefined : Number(at);
};

/**
 * Where JSON.parse stopped reading `text`. Node 20's V8 names no position for an unexpected
 * token (`Unexpected token ']', "…" is not valid JSON`, e.g. a trailing comma), so there the
 * break is found by halving: the longest prefix that is still JSON so far (parses, or fails
 * only where it runs out) ends at it. Only for a file that is refused, so the ~log2(size) parses
 * cost nothing on the path that reads.
 */
function errorOffset(text: string, message: string): number {
  const at = positionIn(message);
  if (at !== undefined) return at;
  if (message.includes("end of JSON input")) return text.length;
  let ok = 0;
  let bad = text.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >>> 1;
    if (jsonSoFar(text.slice(0, mid))) ok = mid;
    else bad = mid;
  }
  return ok;
}

/** `prefix` parses, or JSON.parse fails only where the prefix ends (what follows could mend it). */
function jsonSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes("end of JSON input")) return true;
    const at = positionIn(message);
    return at !== undefined && at >= prefix.length;
  }
}

/**
 * A JSON bibliography's data, or `undefined` with a diagnostic (`rule`) naming the line where it
 * stops being JSON.
 */
export function readJson(
  text: string,
  out: BibliographyImport,
  d: { file: string; rule: string; hint: string },
): { data: unknown } | undefined {
  try {
    return { data: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    out.diagnostics.push({
      level: "error",
      rule: d.rule,
      message: `not JSON: ${message}`,
      file: d.file,
      line: errorLine(text, message),
      hint: d.hint,
    });
    return undefined;
  }
}
