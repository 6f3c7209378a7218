import { parseRuntime } from "../../core/index.js";
import type { DiagnosticSink } from "./diagnostics.js";
import {
  type EpisodeHeading,
  findRuntimeLine,
  type Heading,
  isEpisodeHeading,
  parseEpisodeHeading,
  runtimeLineText,
} from "./headings.js";

/** One section at the episode heading level: an episode's heading and the lines under it. */
export interface EpisodeSection {
  headingIndex: number;
  level: number;
  heading: EpisodeHeading;
  /** Runtime the learner saw, in seconds: from the heading or from a lone time line. */
  runtime?: number;
  /** Index of the lone time line that gave the runtime (not part of the notes). */
  runtimeIndex?: number;
  /** First and past-the-last line index of the section body. */
  bodyStart: number;
  bodyEnd: number;
  status?: "done" | "skipped";
  /** Indices of `完成。` / `跳过。` lines (not part of the notes). */
  statusIndices: number[];
}

const STATUS =
  /^(?:(完成了?|已完成|已看完|看完了?|done|finished)|(跳过了?|已跳过|skip|skipped))\s*[。.!！]?$/i;
/** `完成。鞍点？`: a marker, punctuation, then words of the learner's (kept in the notes). */
const STATUS_THEN_TEXT =
  /^(?:(完成了?|已完成|已看完|done|finished)|(跳过了?|已跳过|skipped))\s*[。.!！，,;；:：]\s*\S/i;

/** Lines under heading `k` until the next heading of level ≤ `level` (or `to`). */
function sectionEnd(headings: Heading[], k: number, level: number, to: number): number {
  for (let j = k + 1; j < headings.length; j++) {
    const h = headings[j] as Heading;
    if (h.level <= level) return h.index;
  }
  return to;
}

/**
 * The episode heading level: the level where headings with a runtime, a P-number or a lone time
 * line near their start occur most often (the shallower one on a tie); undefined when none do.
 */
export function episodeLevel(
  lines: string[],
  fenced: Set<number>,
  headings: Heading[],
  to: number,
): number | undefined {
  const counts = new Map<number, number>();
  headings.forEach((h, k) => {
    const next = headings[k + 1]?.index ?? to;
    const bearing =
      isEpisodeHeading(parseEpisodeHeading(h.text)) ||
      findRuntimeLine(lines, fenced, h.index + 1, next) !== undefined;
    if (bearing) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  });
  let best: number | undefined;
  for (const [level, n] of counts) {
    const bestCount = best === undefined ? 0 : (counts.get(best) ?? 0);
    if (n > bestCount || (n === bestCount && best !== undefined && level < best)) best = level;
  }
  return best;
}

/** Splits the body into sections at `level`, reading each heading, runtime line and status. */
export function readEpisodeSections(
  lines: string[],
  fenced: Set<number>,
  headings: Heading[],
  level: number,
  to: number,
  sink: DiagnosticSink,
): EpisodeSection[] {
  const sections: EpisodeSection[] = [];
  headings.forEach((h, k) => {
    if (h.level !== level) return;
    const heading = parseEpisodeHeading(h.text);
    const bodyEnd = sectionEnd(headings, k, level, to);
    const section: EpisodeSection = {
      headingIndex: h.index,
      level,
      heading,
      bodyStart: h.index + 1,
      bodyEnd,
      statusIndices: [],
    };
    if (heading.invalidRuntime !== undefined) {
      sink.warning(
        "runtime-invalid",
        h.index + 1,
        `runtime "${heading.invalidRuntime}" in heading is not a valid time; kept in the title`,
      );
    }
    if (heading.implausibleRuntime !== undefined) {
      sink.warning(
        "runtime-implausible",
        h.index + 1,
        `runtime "${heading.implausibleRuntime}" in heading has three-digit minutes (a number glued to a time?); not taken, kept in the title`,
      );
    }
    if (heading.runtime !== undefined) section.runtime = heading.runtime;
    else if (heading.invalidRuntime === undefined) {
      const nextHeading = headings[k + 1]?.index ?? to;
      const at = findRuntimeLine(lines, fenced, h.index + 1, Math.min(nextHeading, bodyEnd));
      if (at !== undefined) {
        const text = runtimeLineText(lines[at] as string);
        const runtime = parseRuntime(text);
        if (runtime === undefined) {
          sink.warning(
            "runtime-invalid",
            at + 1,
            `runtime "${text}" is not a valid time; kept in the notes`,
          );
        } else {
          section.runtime = runtime;
          section.runtimeIndex = at;
        }
      }
    }
    for (let i = section.bodyStart; i < bodyEnd; i++) {
      if (fenced.has(i)) continue;
      const line = (lines[i] as string).trim();
      const m = STATUS.exec(line);
      if (m) {
        section.status = m[1] ? "done" : "skipped";
        section.statusIndices.push(i);
        continue;
      }
      // The marker sets the status; the line stays in the notes for the words after it.
      const t = STATUS_THEN_TEXT.exec(line);
      if (t) section.status = t[1] ? "done" : "skipped";
    }
    if (heading.done && !section.status) section.status = "done";
    sections.push(section);
  });
  return sections;
}

/** True when a section's heading says it is an episode: a runtime (here or on a line), a part number. */
const isEpisode = (s: EpisodeSection) =>
  s.runtime !== undefined ||
  s.heading.number !== undefined ||
  s.heading.invalidRuntime !== undefined ||
  s.heading.implausibleRuntime !== undefined;

/**
 * Headings at the episode level that are notes, not episodes (a course log with no table): when
 * most sections (at least 2, and 3 in 4) have a runtime or part number, one with neither is a
 * notes heading (`## 第一章小结`): it joins the episode above it as notes, or, before the first
 * episode, the course note. Each is reported with its line.
 */
export function attachNotesHeadings(
  sections: EpisodeSection[],
  sink: DiagnosticSink,
): EpisodeSection[] {
  const episodes = sections.filter(isEpisode).length;
  if (episodes < 2 || episodes * 4 < sections.length * 3 || episodes === sections.length) {
    return sections;
  }
  const kept: EpisodeSection[] = [];
  for (const s of sections) {
    if (isEpisode(s)) {
      kept.push(s);
      continue;
    }
    const previous = kept.at(-1);
    const title = s.heading.title;
    if (previous) {
      previous.bodyEnd = s.bodyEnd;
      previous.statusIndices.push(...s.statusIndices);
      if (s.status && !previous.status) previous.status = s.status;
    }
    sink.info(
      "notes-heading",
      s.headingIndex + 1,
      previous
        ? `"${title}" has no runtime while ${episodes} other headings do: kept as notes of the episode above`
        : `"${title}" has no runtime while ${episodes} other headings do: kept in the course note`,
    );
  }
  return kept;
}
