import {
  type Category,
  compareDiagnostics,
  emptyProgress,
  type Paper,
  type PaperLink,
  slugify,
  uniqueId,
} from "../../core/index.js";
import { makePaper } from "../../core/make-items.js";
import { createDiagnosticSink } from "../study-log/diagnostics.js";
import { readFrontMatter } from "../study-log/front-matter.js";
import { findHeadings, type Heading } from "../study-log/headings.js";
import { addIdsFromLink, mergeListedAgain } from "../study-log/listed-paper.js";
import { plainInline } from "../study-log/markdown-inline.js";
import { findTables } from "../study-log/markdown-table.js";
import { detectLanguage } from "../study-log/notes.js";
import { toSourceLines } from "../study-log/source-lines.js";
import type { StudyLogImport } from "../study-log/types.js";
import { ITEM_MARKER, isPaperLink, type PaperEntry, parseEntry } from "./entry.js";
import { collectListProse } from "./list-prose.js";
import { isPaperTable, readPaperColumns, readTableRow } from "./paper-table.js";

export interface PaperListOptions {
  file: string;
  /**
   * The text's item lines already parsed (`readEntryLines` of the same text): format detection
   * parses them to count the papers, and the parse takes them instead of parsing them again
   * (~14 % of a 2,000-paper list's import).
   */
  entries?: EntryLines;
}

/** Each item line's entry (`undefined`: the line is an item but no entry), by line index. */
export type EntryLines = ReadonlyMap<number, PaperEntry | undefined>;

/** An item line: a bullet, a numbered item or a `[12]`-numbered paragraph. */
const NUMBERED_PARAGRAPH = /^\s*(?:\*\*|__)?\[\d{1,4}\]/;

/** The entries of the item lines outside code fences (what detection and the parse both read). */
export function readEntryLines(lines: string[], fenced: Set<number>): EntryLines {
  const out = new Map<number, PaperEntry | undefined>();
  for (let i = 0; i < lines.length; i++) {
    if (fenced.has(i)) continue;
    const line = lines[i] as string;
    if (ITEM_MARKER.test(line) || NUMBERED_PARAGRAPH.test(line))
      out.set(i, parseEntry(line.trim()));
  }
  return out;
}

/** A paper list: the model, plus which line made which paper (for the report and coverage). */
export interface PaperListImport extends StudyLogImport {
  /** Lines read as structure: headings as categories, table headers, a table of contents. */
  accounted: Map<number, string>;
  /** Line index → the paper it made (not structure: the coverage check reads these lines). */
  paperAt: Map<number, string>;
}

interface Found {
  entry: PaperEntry & { covered?: boolean; venue?: string };
  index: number;
  /** Continuation lines (indented text, sub-bullets that are no paper) kept as the paper's notes. */
  notes: string[];
  noteLines: number[];
  /** Bullets that are no paper with this paper nested under them (`- Contrastive`), outermost first. */
  groups: Heading[];
}

/** Bullet groups rank below every heading: `######` is level 6. */
const GROUP_LEVEL = 7;

/** Headings above `index`, outermost first (each level's nearest). */
function headingPath(headings: Heading[], index: number, title?: Heading): Heading[] {
  const path: Heading[] = [];
  for (const h of headings) {
    if (h.index >= index) break;
    if (h === title) continue;
    while (path.length > 0 && (path.at(-1) as Heading).level >= h.level) path.pop();
    path.push(h);
  }
  return path;
}

function linkKind(label: string, url: string): PaperLink["kind"] {
  if (/^(?:code|github|代码)$/i.test(label) || /(^|\.)github\.com$/i.test(hostOf(url))) {
    return "code";
  }
  if (/^(?:blog|博客)$/i.test(label)) return "blog";
  if (/^(?:video|视频)$/i.test(label)) return "video";
  const path = url.split(/[?#]/)[0] ?? url;
  return /\.pdf$/i.test(path) || /arxiv\.org\/pdf\//i.test(path) || /^pdf$/i.test(label)
    ? "pdf"
    : "page";
}

/** A heading without its badges (`# Awesome X [![Awesome](badge.svg)](https://awesome.re)`). */
const headingText = (text: string) =>
  plainInline(text.replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)/g, " ")).trim();
const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).hostname : "");
const isBadge = (url: string) => /(^|\.)shields\.io$|(^|\.)badgen\.net$/i.test(hostOf(url));
const isAnchor = (url: string) => url.startsWith("#");

/**
 * Parses a Markdown paper list (awesome-lists, reading roadmaps, weekly paper tables) into
 * categories and papers: bullets, numbered entries and tables, headings as categories (a paper
 * under a sub-heading is in the sub-heading's category first, then its parents'), ids from links.
 * Pure; never throws for text (problems are diagnostics).
 */
export function parsePaperList(text: string, opts: PaperListOptions): PaperListImport {
  const sink = createDiagnosticSink(opts.file);
  const { lines, fenced } = toSourceLines(text);
  const front = readFrontMatter(lines, sink);
  const start = front.bodyStart;
  const accounted = new Map<number, string>();
  const paperAt = new Map<number, string>();
  for (let i = 0; i < start; i++) accounted.set(i, "front matter (read as data)");
  const headings = findHeadings(lines, fenced, start, lines.length);
  const h1s = headings.filter((h) => h.level === 1);
  const title = h1s.length === 1 && h1s[0] === headings[0] ? h1s[0] : undefined;
  const found: Found[] = [];
  const headingAt = new Set(headings.map((h) => h.index));

  const tables = findTables(lines, fenced, start, lines.length);
  const inTable = new Set<number>();
  for (const table of tables) {
    const columns = readPaperColumns(table.header);
    if (!isPaperTable(columns)) continue;
    for (let i = table.headerIndex; i < table.endIndex; i++) inTable.add(i);
    accounted.set(table.headerIndex, "table header (column names)");
    accounted.set(table.headerIndex + 1, "table delimiter");
    for (const row of table.rows) {
      const entry = readTableRow(table, columns, row.cells);
      if (entry) found.push({ entry, index: row.index, notes: [], noteLines: [], groups: [] });
    }
  }

  let open: Found | undefined;
  let openIndent = 0;
  /** Open bullet groups: a bullet that is no paper, and how deep it is indented. */
  let groups: { indent: number; heading: Heading }[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (inTable.has(i) || fenced.has(i)) {
      open = undefined;
      continue;
    }
    if (line.trim() === "") continue;
    if (headingAt.has(i)) {
      open = undefined;
      groups = [];
      continue;
    }
    const marker = ITEM_MARKER.exec(line);
    const indent = marker?.[1]?.length ?? (/^\s*/.exec(line)?.[0].length as number);
    const isItem = marker !== null || NUMBERED_PARAGRAPH.test(line);
    const given = opts.entries;
    const entry = !isItem ? undefined : given?.has(i) ? given.get(i) : parseEntry(line.trim());
    if (marker !== null && !(open && indent > openIndent)) {
      groups = groups.filter((g) => g.indent < indent);
    }
    if (entry && isPaper(entry)) {
      const f: Found = {
        entry,
        index: i,
        notes: [],
        noteLines: [],
        groups: groups.map((g) => g.heading),
      };
      found.push(f);
      open = f;
      openIndent = indent;
      continue;
    }
    if (open && (indent > openIndent || (!isItem && indent > 0))) {
      // Under a paper: its notes (a sub-bullet or an indented paragraph).
      open.notes.push(line.slice(Math.min(indent, openIndent + 2)));
      open.noteLines.push(i);
      continue;
    }
    open = undefined;
    if (isItem && /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]+\]\(#[^)]*\)\s*$/.test(line)) {
      accounted.set(i, "table of contents (a link to a heading)");
    } else if (marker !== null) {
      // A bullet that is no paper may head the papers nested under it (`- Contrastive`): a
      // category when one is (see `ensureCategory` below), else the list's prose.
      const text = line.slice(marker[0].length).trim();
      groups.push({ indent, heading: { index: i, level: GROUP_LEVEL + groups.length, text } });
    }
  }

  const categories: Category[] = [];
  const categoryIds = new Set<string>();
  const categoryOf = new Map<number, Category>();
  const ensureCategory = (h: Heading): Category => {
    const known = categoryOf.get(h.index);
    if (known) return known;
    const name = headingText(h.text);
    const c: Category = {
      id: uniqueId(slugify(name), categoryIds),
      name,
      order: categories.length,
    };
    categories.push(c);
    categoryOf.set(h.index, c);
    accounted.set(h.index, `category ${c.id}`);
    return c;
  };

  const papers: Paper[] = [];
  const paperIds = new Set<string>();
  const byKey = new Map<string, Paper>();
  for (const f of found.sort((a, b) => a.index - b.index)) {
    const line = f.index + 1;
    const path = [...headingPath(headings, f.index, title), ...f.groups].map(ensureCategory);
    const cats = path.reverse().map((c) => c.id);
    const e = f.entry;
    // Two works may share a title (`Deep learning`, the book and the Nature review).
    const key = `${slugify(e.title)}|${slugify(e.authors[0] ?? "")}`;
    const same = byKey.get(key);
    if (same) {
      mergeListedAgain(sink, line, e.title, same, cats);
      paperAt.set(f.index, same.id);
      continue;
    }
    const paper = makePaper({
      id: uniqueId(shortId(e.title), paperIds),
      short: e.title,
      categories: cats,
      authors: e.authors,
      // A ticked box (`- [x]`) is the list's own ✅, as a table's `已读`/`read` column is.
      covered: e.covered === true || e.checked === true,
      at: { file: opts.file, line },
    });
    if (e.year !== undefined) paper.year = e.year;
    if (e.venue) paper.venue = e.venue;
    if (e.volume) paper.volume = e.volume;
    if (e.issue) paper.issue = e.issue;
    if (e.pages) paper.pages = e.pages;
    if (e.summary) paper.summary = e.summary;
    if (e.rating !== undefined) paper.rating = e.rating;
    for (const link of e.links) {
      if (isAnchor(link.url)) continue;
      addIdsFromLink(paper, link.url);
      if (link.image || isBadge(link.url)) continue;
      if (paper.links.some((l) => l.url === link.url)) continue;
      if (!/^https?:\/\//i.test(link.url)) continue;
      paper.links.push({ url: link.url, kind: linkKind(link.label, link.url) });
    }
    if (paper.links.length === 0 && Object.keys(paper.ids).length === 0) {
      paper.unresolved = true;
      sink.info("unresolved-reference", line, `"${e.title}" has no link; imported without a URL`);
    }
    if (f.notes.length > 0) {
      paper.notes = f.notes.join("\n").trim();
      for (const n of f.noteLines) paperAt.set(n, paper.id);
    }
    paperAt.set(f.index, paper.id);
    byKey.set(key, paper);
    papers.push(paper);
  }
  if (title) accounted.set(title.index, "the list's title");
  // A heading whose every line is a link to a heading (`## Contents`) is the table of contents.
  headings.forEach((h, k) => {
    if (categoryOf.has(h.index)) return;
    const next = headings[k + 1]?.index ?? lines.length;
    const body = [];
    for (let i = h.index + 1; i < next; i++) if ((lines[i] as string).trim() !== "") body.push(i);
    if (body.length > 0 && body.every((i) => accounted.get(i)?.startsWith("table of contents"))) {
      accounted.set(h.index, "table of contents (its heading)");
    }
  });

  // What no paper took is the list's prose: a category's blurb, the list's introduction.
  const prose = collectListProse({
    lines,
    fenced,
    start,
    headings,
    categories: new Set(categoryOf.keys()),
    taken: (i) => accounted.has(i) || paperAt.has(i) || inTable.has(i),
  });
  for (const [at, text] of prose.byHeading) {
    const c = categoryOf.get(at);
    if (c) c.description = text;
  }
  const rawTitle = typeof front.data.title === "string" ? front.data.title : "";
  const result: PaperListImport = {
    settings: {
      title:
        rawTitle || (title ? headingText(title.text) : opts.file.split(/[\\/]/).pop() || "papers"),
      language: detectLanguage(lines.slice(start).join("\n")),
      ...(prose.intro === undefined ? {} : { description: prose.intro }),
    },
    categories,
    papers,
    references: [],
    progress: emptyProgress(),
    diagnostics: [...sink.items].sort(compareDiagnostics),
    matches: [],
    stats: {
      sections: 0,
      matchedSections: 0,
      unmatchedSections: 0,
      tableRows: found.filter((f) => inTable.has(f.index)).length,
      episodes: 0,
      episodesWithNotes: 0,
      papers: papers.length,
      covered: papers.filter((p) => p.covered).length,
      categories: categories.length,
    },
    accounted,
    paperAt,
  };
  return result;
}

/** An id from a title: its first six words, so a long title gives a readable file name. */
function shortId(title: string): string {
  const slug = slugify(title);
  return slug.split("-").slice(0, 6).join("-") || "paper";
}

/** An entry is a paper when something besides its bold words says so: a link, a year, stars. */
function isPaper(e: PaperEntry): boolean {
  return e.links.some((l) => !isAnchor(l.url)) || e.year !== undefined || e.rating !== undefined;
}

/** How many lines of the text are paper entries (for format detection). */
export function countPaperEntries(
  lines: string[],
  fenced: Set<number>,
  entries: EntryLines = readEntryLines(lines, fenced),
): number {
  let n = 0;
  for (const e of entries.values()) {
    if (e && isPaper(e) && (e.links.some((l) => isPaperLink(l.url)) || e.year !== undefined)) n++;
  }
  return n;
}
