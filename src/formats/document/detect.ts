import { cslItems, isBbtJson } from "../bibliography/index.js";
import { isPaperTable, readPaperColumns } from "../paper-list/paper-table.js";
import { countPaperEntries, type EntryLines } from "../paper-list/parse-paper-list.js";
import { findTables } from "../study-log/markdown-table.js";
import type { SourceLines } from "../study-log/source-lines.js";
import type { StudyLogImport } from "../study-log/types.js";
import type { DocumentKind } from "./kinds.js";

/** How sure one detector is that a text is its kind (0…1), and why, for the report. */
export interface Guess {
  kind: DocumentKind;
  score: number;
  why: string;
}

export interface DetectInput {
  text: string;
  source: SourceLines;
  /** The item lines' entries, when the caller parsed them already (`readEntryLines`). */
  entries?: EntryLines;
  /**
   * The study-log reading of the text (it is also how course logs and notes posts are read);
   * undefined for a bibliography, which is known before any study-log reading.
   */
  studyLog: StudyLogImport | undefined;
}

type Detector = (doc: DetectInput) => Guess | undefined;

const BIBTEX_ENTRY = /^\s*@(?!comment\b|string\b|preamble\b)[a-z]+\s*[{(]\s*[^,\s]*\s*,/gim;
const RIS_START = /^\ufeff?TY {2}- ?\S/m;
const RIS_END = /^ER {2}-/m;
/** Web of Science's tagged export: `PT J` … `ER`, often after `FN Clarivate…`. */
const WOS_START = /^\ufeff?PT [A-Z]\s*$/m;
const WOS_END = /^ER\s*$/m;

const bibtex: Detector = ({ text }) => {
  const n = text.match(BIBTEX_ENTRY)?.length ?? 0;
  return n > 0 ? { kind: "bibtex", score: 0.97, why: `${n} @entries` } : undefined;
};

const ris: Detector = ({ text }) => {
  if (RIS_START.test(text) && RIS_END.test(text)) {
    return { kind: "ris", score: 0.97, why: "TY/ER records" };
  }
  if (WOS_START.test(text) && WOS_END.test(text)) {
    return { kind: "ris", score: 0.96, why: "Web of Science PT/ER records" };
  }
  return undefined;
};

const jsonBibliography: Detector = ({ text }) => {
  const t = text.replace(/^\ufeff/, "").trim();
  if (!(t.startsWith("[") || t.startsWith("{"))) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(t);
  } catch {
    // A file that opens like a JSON bibliography (`[{…`, `{"…`) but does not parse is one with
    // an error: read as CSL-JSON, its reader names the line where the JSON breaks. Anything
    // else (a Markdown line opening with a link) is another detector's text.
    return /^(?:\[\s*\{|\{\s*")/.test(t)
      ? { kind: "csl-json", score: 0.5, why: "a JSON bibliography that does not parse" }
      : undefined;
  }
  if (isBbtJson(data)) {
    return { kind: "bbt-json", score: 0.96, why: `${data.items.length} Zotero items` };
  }
  const n = cslItems(data)?.items.length ?? 0;
  return n > 0 ? { kind: "csl-json", score: 0.95, why: `${n} CSL items` } : undefined;
};

const studyLog: Detector = ({ studyLog: s }) => {
  if (s === undefined) return undefined;
  const episodes = s.course?.episodes.length ?? 0;
  if (s.stats.papers > 0 || s.stats.tableRows > 0) {
    return {
      kind: "study-log",
      score: 0.9,
      why: `${s.stats.tableRows} episode rows, ${s.stats.papers} catalog papers`,
    };
  }
  if (episodes === 0) return undefined;
  return {
    kind: "course-log",
    score: episodes >= 2 ? 0.85 : 0.55,
    why: `${episodes} episode headings with runtimes or part numbers`,
  };
};

const paperList: Detector = ({ source, entries: parsed }) => {
  const entries = countPaperEntries(source.lines, source.fenced, parsed);
  let rows = 0;
  for (const t of findTables(source.lines, source.fenced)) {
    if (isPaperTable(readPaperColumns(t.header))) rows += t.rows.length;
  }
  const n = entries + rows;
  if (n < 2) return undefined;
  const text = source.lines.filter((l) => l.trim() !== "").length || 1;
  return {
    kind: "paper-list",
    score: Math.min(0.88, 0.6 + (0.4 * n) / text),
    why: `${entries} paper entries, ${rows} paper-table rows`,
  };
};

/** A line of delimited data (`1,2.302,0.11`): a CSV or TSV row, never prose. */
const DATA_ROW = /^[^\s,;\t]*(?:[,;\t][^,;\t]*){2,}$/;

const notesPost: Detector = ({ studyLog: s, source }) => {
  if (!s?.post) return undefined;
  const text = source.lines.filter((l) => l.trim() !== "");
  const data = text.filter((l) => DATA_ROW.test(l.trim()) && !/\s\p{L}{2,}\s/u.test(l)).length;
  // A table of numbers has no prose to keep: refused rather than imported as a "note".
  if (data * 2 >= text.length) return undefined;
  // A post has a title or a heading, or at least a few lines' worth of text: a stray sentence
  // is no document to make a course of.
  const signed =
    source.lines[0]?.trim() === "---" || source.lines.some((l) => /^ {0,3}#{1,6}\s/.test(l));
  if (!signed && text.join("").length < 200) return undefined;
  return { kind: "notes-post", score: 0.4, why: "prose with no episodes or papers" };
};

/** The registry: every importer's detector, in no particular order (the best score wins). */
const DETECTORS: Detector[] = [bibtex, ris, jsonBibliography, studyLog, paperList, notesPost];

/**
 * The bibliography kind a text is, found before the (slower) study-log reading: a text that is
 * BibTeX, RIS or CSL-JSON is read as that and nothing else.
 */
export function detectBibliography(text: string): DocumentKind | undefined {
  const doc: DetectInput = {
    text,
    source: { lines: [], fenced: new Set() } as never,
    studyLog: undefined,
  };
  const best = [bibtex, ris, jsonBibliography]
    .map((d) => d(doc))
    .filter((g): g is Guess => g !== undefined)
    .sort((a, b) => b.score - a.score)[0];
  return best?.kind;
}

/** Every kind the text could be, surest first. */
export function detectDocument(doc: DetectInput): Guess[] {
  return DETECTORS.map((d) => d(doc))
    .filter((g): g is Guess => g !== undefined)
    .sort((a, b) => b.score - a.score);
}
