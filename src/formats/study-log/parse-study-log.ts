import {
  type Course,
  compareDiagnostics,
  type Diagnostic,
  type Episode,
  emptyProgress,
  slugify,
} from "../../core/index.js";
import { makeCourse } from "../../core/make-items.js";
import { buildEpisodes } from "./build-episodes.js";
import { readCourseDetails, readCourseLinks } from "./course-details.js";
import { buildCourseNote } from "./course-note.js";
import { createDiagnosticSink, type DiagnosticSink } from "./diagnostics.js";
import { readFrontMatter } from "./front-matter.js";
import { findHeadings } from "./headings.js";
import { detectLanguage } from "./notes.js";
import { createPaperIndex } from "./paper-links.js";
import { readStructure } from "./read-structure.js";
import { attachNotesHeadings, episodeLevel, readEpisodeSections } from "./sections.js";
import { readTrailingBlock } from "./snapshots.js";
import { findBinaryLine, toSourceLines } from "./source-lines.js";
import { checkStatedCounts, findStatedCounts } from "./stated-counts.js";
import { importStats, type StudyLogImport, type StudyLogOptions } from "./types.js";
import { parseVideoUrl } from "./video-refs.js";

/** The file's base name (`a/b/000_x.txt` → `000_x.txt`). */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

function emptyImport(title: string, sink: DiagnosticSink): StudyLogImport {
  return emptyStudyLogImport(title, sink.items);
}

/**
 * An import holding nothing yet, titled `title`: what another source (Zotero) fills with its
 * papers and categories to write them through the same import path.
 */
export function emptyStudyLogImport(title: string, diagnostics: Diagnostic[] = []): StudyLogImport {
  return {
    settings: { title, language: "en" },
    categories: [],
    papers: [],
    references: [],
    progress: emptyProgress(),
    diagnostics,
    matches: [],
    stats: importStats(),
  };
}

/**
 * One BVID for the whole course (a 113-part video): each episode with no video of its own gets
 * part N of it (`?p=N`), N its number (the `P45` of its heading when it has one).
 */
function partLinks(episodes: Episode[], sourceUrl: string | undefined): void {
  const source = sourceUrl ? parseVideoUrl(sourceUrl) : undefined;
  if (source?.site !== "bilibili" || !source.id) return;
  for (const e of episodes) {
    if (e.videos.length > 0) continue;
    const url = `https://www.bilibili.com/video/${source.id}?p=${e.number}`;
    e.videos.push({ site: "bilibili", id: source.id, part: e.number, url });
  }
}

/**
 * Parses a Jekyll/Markdown study log (a lecture series with notes, a log of recorded episodes,
 * a paper catalog) into the core model. Pure: no I/O; problems are diagnostics, never throws.
 */
export function parseStudyLog(text: string, opts: StudyLogOptions): StudyLogImport {
  const sink = createDiagnosticSink(opts.file);
  try {
    return parseWith(text, opts, sink);
  } catch (err) {
    // Every reader reports what it knows as a diagnostic; anything none of them foresaw still
    // ends as a message naming the file, never as a crash of the command.
    const failed = createDiagnosticSink(opts.file);
    failed.error(
      "import-failed",
      1,
      `the file could not be read: ${String((err as Error)?.message ?? err).slice(0, 200)}; nothing imported`,
    );
    return emptyImport(baseName(opts.file), failed);
  }
}

function parseWith(text: string, opts: StudyLogOptions, sink: DiagnosticSink): StudyLogImport {
  const base = baseName(opts.file);
  const courseId = opts.courseId ?? (slugify(base.replace(/\.[^.]+$/, "")) || "course");
  if (text.trim() === "") {
    sink.error("empty-file", 1, "the file is empty; nothing to import");
    return emptyImport(base, sink);
  }
  const binaryLine = findBinaryLine(text);
  if (binaryLine >= 0) {
    sink.error(
      "not-text",
      binaryLine + 1,
      "the file is not text (it holds NUL bytes); nothing imported",
      "Convert the file to UTF-8 text first.",
    );
    return emptyImport(base, sink);
  }

  const { lines, fenced } = toSourceLines(text);
  const front = readFrontMatter(lines, sink);
  const start = front.bodyStart;
  const allHeadings = findHeadings(lines, fenced, start, lines.length);
  const trailing = readTrailingBlock(lines, fenced, allHeadings.at(-1)?.index ?? start, base);
  const end = trailing?.start ?? lines.length;
  const headings = allHeadings.filter((h) => h.index < end);

  const { consumed, rows, catalog, structuralAt } = readStructure(
    { lines, fenced, headings, start, end },
    sink,
  );

  const level = episodeLevel(lines, fenced, headings, end);
  const read = (
    level === undefined ? [] : readEpisodeSections(lines, fenced, headings, level, end, sink)
  ).filter((s) => !structuralAt.some((i) => i >= s.headingIndex && i < s.bodyEnd));
  // With a table, rows decide what is an episode; without one, the headings' runtimes do.
  const sections = rows.length === 0 ? attachNotesHeadings(read, sink) : read;

  const paperIndex = createPaperIndex(catalog.papers, catalog.categories);
  const built = buildEpisodes(
    {
      courseId,
      lines,
      sections,
      rows,
      consumed,
      papers: paperIndex,
      hasCatalog: catalog.papers.length > 0,
    },
    sink,
  );

  const inEpisode = new Set<number>();
  for (const sec of sections) for (let i = sec.headingIndex; i < sec.bodyEnd; i++) inEpisode.add(i);
  const courseNote = buildCourseNote(
    { lines, headings, start, end, consumed, inEpisode, trailing },
    sink,
  );
  const { title, inProgress, finished, tags } = readCourseDetails(front.data, {
    headings: headings.filter((h) => !inEpisode.has(h.index)),
    fileBase: base,
    review: trailing?.review === true,
  });
  const { links, sourceUrl } = readCourseLinks(
    lines,
    start,
    sections[0]?.headingIndex ?? end,
    consumed,
  );

  if (rows.length === 0) partLinks(built.episodes, sourceUrl);
  const result = emptyImport(title, sink);
  const accounted = new Map<number, string>();
  const numberAt = new Map(built.matches.map((m) => [m.sectionLine, m.number]));
  for (const sec of sections) {
    const n = numberAt.get(sec.headingIndex + 1);
    for (const i of sec.statusIndices) accounted.set(i, `status of episode ${n} (progress.yaml)`);
    if (sec.runtimeIndex !== undefined) accounted.set(sec.runtimeIndex, `runtime of episode ${n}`);
  }
  result.accounted = accounted;
  result.settings.language = detectLanguage(lines.slice(start, end).join("\n"));
  result.categories = catalog.categories;
  result.papers = catalog.papers;
  result.references = trailing?.references ?? [];
  result.matches = built.matches;
  if (built.episodes.length > 0) {
    const course: Course = makeCourse({
      id: courseId,
      title,
      source: { kind: "import", id: base, ...(sourceUrl ? { url: sourceUrl } : {}) },
      tags,
      links,
      notes: courseNote,
      episodes: built.episodes,
      at: { file: opts.file, line: 1 },
    });
    if (inProgress) course.state = "in-progress";
    else if (finished) course.state = "finished";
    result.course = course;
    if (Object.keys(built.progress).length > 0) result.progress.episodes[courseId] = built.progress;
  } else if (courseNote !== "") {
    result.post = { title, notes: courseNote, tags, inProgress };
  }

  const covered = catalog.papers.filter((p) => p.covered).length;
  result.stats = {
    sections: sections.length,
    matchedSections: built.matchedSections,
    unmatchedSections: built.unmatchedSections,
    tableRows: rows.length,
    episodes: built.episodes.length,
    episodesWithNotes: built.episodes.filter((e) => e.notes.trim() !== "").length,
    papers: catalog.papers.length,
    covered,
    categories: catalog.categories.length,
  };
  const stated = checkStatedCounts(findStatedCounts(lines, fenced, start, end), result.stats, sink);
  if (stated) result.stats.stated = stated;
  result.diagnostics = [...sink.items].sort(compareDiagnostics);
  return result;
}
