import type { Episode, EpisodeProgress } from "../../core/index.js";
import { makeEpisode } from "../../core/make-items.js";
import type { DiagnosticSink } from "./diagnostics.js";
import type { EpisodeRow } from "./episode-table.js";
import { inlineNames, plainInline } from "./markdown-inline.js";
import { type AlignedPair, alignSections } from "./match-sections.js";
import { buildNote } from "./notes.js";
import { linkPapers, type PaperIndex } from "./paper-links.js";
import type { EpisodeSection } from "./sections.js";
import type { EpisodeMatch } from "./types.js";

/** Differences above this many seconds between a row's and a section's runtime are reported. */
const RUNTIME_TOLERANCE = 5;

export interface EpisodeSources {
  courseId: string;
  lines: string[];
  sections: EpisodeSection[];
  /** Table rows, oldest first. */
  rows: EpisodeRow[];
  /** Lines read into tables, footnotes or anchors: never part of a note. */
  consumed: Set<number>;
  papers: PaperIndex;
  /** False when the text has no catalog (names are then not reported as missing). */
  hasCatalog: boolean;
}

export interface BuiltEpisodes {
  episodes: Episode[];
  matches: EpisodeMatch[];
  progress: Record<number, EpisodeProgress>;
  matchedSections: number;
  unmatchedSections: number;
}

/** Pairs sections with rows (when both exist), then builds numbered episodes oldest first. */
export function buildEpisodes(src: EpisodeSources, sink: DiagnosticSink): BuiltEpisodes {
  const sectionTitle = (s: EpisodeSection) => plainInline(s.heading.title);
  let pairs: AlignedPair[];
  if (src.rows.length > 0 && src.sections.length > 0) {
    pairs = alignSections(
      src.sections.map((s) => ({ title: sectionTitle(s), runtime: s.runtime })),
      src.rows,
    );
  } else if (src.rows.length > 0) pairs = src.rows.map((_, row) => ({ row }));
  else pairs = src.sections.map((_, section) => ({ section }));

  const out: BuiltEpisodes = {
    episodes: [],
    matches: [],
    progress: {},
    matchedSections: 0,
    unmatchedSections: 0,
  };
  const taken = new Set<number>();
  let last = 0;
  for (const pair of pairs) {
    const row = pair.row === undefined ? undefined : src.rows[pair.row];
    const section = pair.section === undefined ? undefined : src.sections[pair.section];
    let number = last + 1;
    const wanted = section?.heading.number;
    if (src.rows.length === 0 && wanted !== undefined && !taken.has(wanted)) number = wanted;
    else {
      if (wanted !== undefined && src.rows.length === 0) {
        sink.warning(
          "part-number-duplicate",
          (section?.headingIndex ?? 0) + 1,
          `P${wanted} is used twice; numbered ${number}`,
        );
      }
      while (taken.has(number)) number++;
    }
    taken.add(number);
    last = number;

    const at = section ? section.headingIndex + 1 : (row?.index ?? 0) + 1;
    const episode: Episode = makeEpisode({
      courseId: src.courseId,
      number,
      title: row?.title ?? (section ? sectionTitle(section) : ""),
      videos: row?.videos ?? [],
      at: { file: sink.file, line: at },
    });
    const match: EpisodeMatch = { number };
    if (section?.heading.label) episode.label = section.heading.label;
    const runtime = row?.runtime ?? section?.runtime;
    if (runtime !== undefined) episode.runtime = runtime;
    if (row?.date) episode.date = row.date;
    if (row && row.mentions.length > 0) episode.mentions = row.mentions;
    if (row?.cover) episode.cover = row.cover;
    if (row) match.rowLine = row.index + 1;
    if (row?.status) out.progress[number] = { status: row.status };

    if (section) {
      const removed = new Set<number>();
      const lonely = [...section.statusIndices];
      if (section.runtimeIndex !== undefined) lonely.push(section.runtimeIndex);
      for (const i of lonely) skipLine(src.lines, removed, i, section.bodyStart);
      const skip = (i: number) => removed.has(i) || src.consumed.has(i);
      episode.notes = buildNote(src.lines, section.bodyStart, section.bodyEnd, skip, sink);
      match.sectionLine = section.headingIndex + 1;
      match.sectionTitle = sectionTitle(section);
      if (section.runtime !== undefined) match.runtimeSeen = section.runtime;
      if (section.status) out.progress[number] = { status: section.status };
      if (row) {
        out.matchedSections++;
        if (pair.score !== undefined) match.score = Math.round(pair.score * 1000) / 1000;
        reportRuntimeMismatch(row, section, sink);
      } else if (src.rows.length > 0) {
        out.unmatchedSections++;
        sink.warning(
          "section-unmatched",
          section.headingIndex + 1,
          `section "${match.sectionTitle}" matches no row of the episode table; imported as its own episode`,
        );
      }
    } else if (row && src.sections.length > 0) {
      sink.info("row-without-section", row.index + 1, `"${row.title}" has no section (no notes)`);
    }
    if (row?.annotation && row.footnotes.length === 0) {
      episode.notes = [row.annotation, episode.notes].filter((t) => t !== "").join("\n\n");
    }

    const names = row ? row.names : section ? inlineNames(section.heading.title) : [];
    const linked = linkPapers(src.papers, names);
    episode.papers = linked.papers;
    // A linked work outside the catalog (`[Llama 3.1](https://arxiv.org/…)`) is kept as a mention.
    const outside = linked.unmatched
      .filter((n) => n.url && /^https?:/i.test(n.url))
      .map((n) => `${n.text} <${n.url}>`)
      .filter((m) => !(episode.mentions ?? []).includes(m));
    if (outside.length > 0) episode.mentions = [...(episode.mentions ?? []), ...outside];
    if (src.hasCatalog) {
      for (const name of linked.unmatched) {
        const line = row ? row.index + 1 : at;
        sink.info(
          "paper-not-in-catalog",
          line,
          `"${name.text}" is not a paper of the catalog; not linked`,
        );
      }
    }
    out.episodes.push(episode);
    out.matches.push(match);
  }
  return out;
}

/** Skips line `i`; when it stood alone between blank lines, one of those goes with it. */
function skipLine(lines: string[], skip: Set<number>, i: number, bodyStart: number) {
  skip.add(i);
  const blank = (k: number) => (lines[k] ?? "").trim() === "";
  if ((i === bodyStart || blank(i - 1)) && blank(i + 1)) skip.add(i + 1);
}

function reportRuntimeMismatch(row: EpisodeRow, section: EpisodeSection, sink: DiagnosticSink) {
  if (row.runtime === undefined || section.runtime === undefined) return;
  const diff = Math.abs(row.runtime - section.runtime);
  if (diff <= RUNTIME_TOLERANCE) return;
  sink.warning(
    "runtime-mismatch",
    (section.runtimeIndex ?? section.headingIndex) + 1,
    `runtime differs by ${diff} s from the table's (line ${row.index + 1}); the table's is kept`,
  );
}
