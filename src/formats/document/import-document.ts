import { compareDiagnostics, type Diagnostic, slugify } from "../../core/index.js";
import { parseBibliography } from "../bibliography/index.js";
import { parsePaperList, readEntryLines } from "../paper-list/parse-paper-list.js";
import { findHeadings } from "../study-log/headings.js";
import { isKramdownToc } from "../study-log/jekyll-blocks.js";
import { findTables } from "../study-log/markdown-table.js";
import { parseStudyLog } from "../study-log/parse-study-log.js";
import { type SourceLines, toSourceLines } from "../study-log/source-lines.js";
import type { StudyLogImport } from "../study-log/types.js";
import {
  bibliographyAsImport,
  bibliographyCoverage,
  bibliographyParts,
} from "./bibliography-kind.js";
import { readBulletCourseLog } from "./bullet-course-log.js";
import { type Coverage, checkCoverage } from "./coverage.js";
import { detectBibliography, detectDocument, type Guess } from "./detect.js";
import {
  type BibliographyKind,
  DOCUMENT_KINDS,
  type DocumentKind,
  isBibliographyKind,
} from "./kinds.js";
import { postAsCourse } from "./notes-post.js";
import { findSiteImages, type SiteImage, siteImageDiagnostic } from "./site-images.js";

export interface ImportDocumentOptions {
  /** The path as the user gave it: diagnostics name it. */
  file: string;
  /** The course a study log, course log or notes post becomes (default: from the file name). */
  courseId?: string;
  /** Read the text as this kind, whatever detection says. */
  kind?: DocumentKind;
  /**
   * Site-relative images will be copied by the caller (`import --assets`): not reported here.
   */
  assets?: boolean;
  /** Where the document lives (`https://github.com/mli/paper-reading/blob/main/`): relative covers resolve against it. */
  origin?: string;
}

/** One line of the report: a part of the document and what it became. */
export interface ImportPart {
  part: string;
  count: number;
}

/** What `importDocument` made of a text: the model, the kind, the parts and the coverage. */
export interface DocumentImport extends StudyLogImport {
  kind: DocumentKind;
  kindName: string;
  /** Every kind that matched, surest first (the first is `kind` unless one was asked for). */
  guesses: Guess[];
  parts: ImportPart[];
  coverage: Coverage;
  /** Images named by a path on the blog's site (`/assets/images/x.png`). */
  siteImages: SiteImage[];
  /** Set when the text cannot be imported: why, and what to do. Nothing is to be written. */
  refused?: { message: string; hint: string };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

/** Lines read as structure in any kind: front matter and table headers with their delimiters. */
function structureLines(source: SourceLines): Map<number, string> {
  const map = new Map<number, string>();
  const { lines } = source;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, i) => i > 0 && (l.trim() === "---" || l.trim() === "..."));
    if (end > 0) for (let i = 0; i <= end; i++) map.set(i, "front matter (read as data)");
  }
  lines.forEach((_l, i) => {
    if (!source.fenced.has(i) && isKramdownToc(lines, i)) {
      map.set(i, "kramdown's table of contents marker (the site draws its own)");
    }
  });
  const headings = findHeadings(lines, source.fenced, 0, lines.length);
  for (const t of findTables(lines, source.fenced)) {
    map.set(t.headerIndex, "table header (column names)");
    map.set(t.headerIndex + 1, "table delimiter");
    // The heading right above a table names the table (`## 录制完成的论文`).
    const above = headings.filter((h) => h.index < t.headerIndex).at(-1);
    if (above && lines.slice(above.index + 1, t.headerIndex).every((l) => l.trim() === "")) {
      map.set(above.index, "the table's heading");
    }
  }
  return map;
}

/** A matched section's heading: the episode's title is the table row's, the heading found it. */
function sectionHeadings(r: StudyLogImport, map: Map<number, string>): void {
  for (const m of r.matches) {
    if (m.sectionLine !== undefined && m.rowLine !== undefined) {
      map.set(m.sectionLine - 1, `heading of episode ${m.number} (matched to line ${m.rowLine})`);
    }
  }
}

function partsOf(r: StudyLogImport, kind: DocumentKind): ImportPart[] {
  const parts: ImportPart[] = [];
  const add = (part: string, count: number) => {
    if (count > 0) parts.push({ part, count });
  };
  if (r.course) add(kind === "notes-post" ? "course note" : "course", 1);
  add("episodes", r.course?.episodes.length ?? 0);
  add("episodes with notes", r.stats.episodesWithNotes);
  add("papers", r.papers.length);
  add("categories", r.categories.length);
  add("papers with ids", r.papers.filter((p) => Object.keys(p.ids).length > 0).length);
  add("papers with a rating", r.papers.filter((p) => p.rating !== undefined).length);
  // A paper list's prose: where its introduction and category blurbs went.
  add("list description", r.settings.description ? 1 : 0);
  add("category descriptions", r.categories.filter((c) => c.description).length);
  add("snapshot links", r.references.length);
  return parts;
}

/**
 * Imports any document jingdu knows: detects its kind (or takes `opts.kind`), reads it with that
 * kind's importer, checks that every line with text arrived somewhere (each line that did not is
 * reported as `line-not-imported`), and names the kind and its parts. Pure: text in, model out.
 * A text nothing maps from, or of a kind whose importer has not landed, comes back `refused`.
 * @example importDocument(text, { file: "README.md" }).kind // "study-log"
 */
export function importDocument(text: string, opts: ImportDocumentOptions): DocumentImport {
  const bibliography = opts.kind ?? detectBibliography(text);
  if (bibliography !== undefined && isBibliographyKind(bibliography)) {
    return importBibliographyDocument(text, bibliography, opts.file);
  }
  const base = baseName(opts.file);
  const courseId = opts.courseId ?? (slugify(base.replace(/\.[^.]+$/, "")) || "course");
  const source = toSourceLines(text);
  let studyLog = parseStudyLog(text, { file: opts.file, courseId });
  const s = studyLog.stats;
  if (studyLog.course === undefined || s.episodes + s.tableRows + s.papers === 0) {
    // No heading or table made an episode: a course may be logged as a list.
    studyLog = readBulletCourseLog(source, { file: opts.file, courseId }) ?? studyLog;
  }
  // Parsed once: detection counts the papers in them, and a paper list is read from them.
  const entries = readEntryLines(source.lines, source.fenced);
  const guesses = detectDocument({ text, source, studyLog, entries });
  const kind: DocumentKind | undefined = opts.kind ?? guesses[0]?.kind;
  const structure = structureLines(source);

  let result: StudyLogImport = studyLog;
  for (const [i, what] of studyLog.accounted ?? []) structure.set(i, what);
  if (kind === "paper-list") {
    const list = parsePaperList(text, { file: opts.file, entries });
    for (const [i, what] of list.accounted) structure.set(i, what);
    result = list;
  } else if (kind === "notes-post") {
    postAsCourse(studyLog, courseId, opts.file);
  }
  sectionHeadings(result, structure);
  const chosen = kind ?? "notes-post";
  const doc: DocumentImport = {
    ...result,
    kind: chosen,
    kindName: DOCUMENT_KINDS[chosen].name,
    guesses,
    parts: [],
    coverage: { textLines: 0, item: 0, note: 0, structure: 0, reported: 0, dropped: [] },
    siteImages: [],
  };
  if (kind === undefined || !DOCUMENT_KINDS[kind].supported) {
    doc.refused = refusal(kind, studyLog.diagnostics, opts.file);
    return doc;
  }
  const empty = doc.course === undefined && doc.papers.length + doc.references.length === 0;
  if (empty) {
    doc.refused = refusal(undefined, studyLog.diagnostics, opts.file);
    return doc;
  }
  // Checked as written (`imgs/x.jpg`), then resolved: resolving loses nothing.
  doc.coverage = checkCoverage(source, doc, structure);
  resolveCovers(doc, opts.origin, opts.file);
  const notImported: Diagnostic[] = doc.coverage.dropped.map((line) => ({
    level: "warning",
    rule: "line-not-imported",
    message: `text not imported: «${excerpt(source.lines[line - 1] ?? "")}»`,
    file: opts.file,
    line,
    hint: "Nothing was made of this line; copy it into a note by hand if you want to keep it.",
  }));
  doc.siteImages = findSiteImages(doc, source.lines);
  const images = opts.assets ? [] : doc.siteImages.map((i) => siteImageDiagnostic(i, opts.file));
  doc.diagnostics = [...doc.diagnostics, ...notImported, ...images].sort(compareDiagnostics);
  doc.parts = partsOf(doc, chosen);
  return doc;
}

/**
 * Covers written relative to the list (`imgs/gpt4.jpg`) are resolved against `origin`; without
 * one they stay as written and the report says how to fix them.
 */
function resolveCovers(doc: DocumentImport, origin: string | undefined, file: string): void {
  const relative = (doc.course?.episodes ?? []).filter(
    (e) => e.cover !== undefined && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(e.cover),
  );
  if (relative.length === 0) return;
  const base = origin !== undefined && URL.canParse(origin) ? origin : undefined;
  if (base) {
    for (const e of relative) e.cover = new URL(e.cover as string, base).href;
    return;
  }
  const first = relative[0]?.at?.line ?? 0;
  doc.diagnostics.push({
    level: "info",
    rule: "cover-relative",
    message: `${relative.length} episode covers are relative to the list (${relative[0]?.cover}); kept as written`,
    file,
    line: first,
    hint: "Give the list's address with --origin URL (e.g. https://raw.githubusercontent.com/mli/paper-reading/main/) to make them links.",
  });
}

/** A bibliography text as the one document kind it is: papers, every entry accounted for. */
function importBibliographyDocument(
  text: string,
  kind: BibliographyKind,
  file: string,
): DocumentImport {
  const source = toSourceLines(text);
  const bib = parseBibliography(text, kind, file);
  const doc: DocumentImport = {
    ...bibliographyAsImport(bib, file),
    kind,
    kindName: DOCUMENT_KINDS[kind].name,
    guesses: detectDocument({ text, source, studyLog: undefined }),
    parts: bibliographyParts(bib),
    coverage: bibliographyCoverage(source, bib),
    siteImages: [],
  };
  if (bib.papers.length === 0) {
    const first = bib.diagnostics.find((d) => d.level === "error");
    // No entry at all and an error: the file itself is broken (JSON that stops), say where.
    const broken = bib.entries === 0 && first !== undefined;
    doc.refused = {
      message: broken
        ? `${file}:${first.line}: ${first.message}; nothing imported`
        : `${file}: this is ${doc.kindName}, but none of its ${bib.entries} entries could be read; nothing imported`,
      hint: first
        ? `The first problem, line ${first.line}: ${first.message}.`
        : "docs/importing.md#bibliographies shows the shapes each format is read in.",
    };
  }
  return doc;
}

function excerpt(line: string): string {
  const t = line.trim().replace(/\s+/g, " ");
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

function refusal(
  kind: DocumentKind | undefined,
  diagnostics: Diagnostic[],
  file: string,
): { message: string; hint: string } {
  if (kind !== undefined) {
    const name = DOCUMENT_KINDS[kind].name;
    return {
      message: `${file}: this is ${name}; importing ${name} is not supported yet; nothing imported`,
      hint: "Supported now: study logs, course logs, notes posts, paper lists, BibTeX, CSL-JSON, RIS and Better BibTeX JSON (docs/importing.md).",
    };
  }
  const error = diagnostics.find((d) => d.level === "error");
  const whole = error && error.line <= 1;
  const why = whole
    ? `${file}${error.line === 1 ? ":1" : ""}: ${error.message.replace(/; nothing (?:imported|to import)$/, "")}`
    : `${file}: no episodes, papers, notes or categories found`;
  const clue = error && !whole ? ` The first error, line ${error.line}: ${error.message}.` : "";
  return {
    message: `${why}; nothing imported`,
    hint: `An import reads study logs, course logs, notes posts, paper lists and bibliographies (BibTeX, CSL-JSON, RIS, Better BibTeX JSON) (docs/importing.md).${clue}`,
  };
}
