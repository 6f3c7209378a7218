import type { DiagnosticSink } from "./diagnostics.js";
import type { Heading } from "./headings.js";
import { buildNote } from "./notes.js";
import type { TrailingBlock } from "./snapshots.js";

export interface CourseNoteSources {
  lines: string[];
  headings: Heading[];
  start: number;
  end: number;
  /** Lines read into tables, footnotes or anchors. */
  consumed: Set<number>;
  /** Lines of episode sections. */
  inEpisode: Set<number>;
  trailing: TrailingBlock | undefined;
}

/**
 * The course note: every body line outside episode sections that no table, footnote or anchor
 * consumed (the intro, chapter text, the catalog's prose), minus headings left with nothing.
 */
export function buildCourseNote(src: CourseNoteSources, sink: DiagnosticSink): string {
  const taken = (i: number) => src.consumed.has(i) || src.inEpisode.has(i);
  const empty = emptyHeadings(src.lines, src.headings, taken, src.end);
  for (const h of src.headings) {
    if (!empty.has(h.index) || readIntoStructure(src, h)) continue;
    sink.info(
      "heading-dropped",
      h.index + 1,
      `heading "${h.text}" has no text of its own; not imported`,
    );
  }
  let note = buildNote(src.lines, src.start, src.end, (i) => taken(i) || empty.has(i), sink);
  const leftover = src.trailing?.leftover ?? [];
  const first = leftover[0];
  if (first) {
    sink.info(
      "trailing-text",
      first.index + 1,
      "text in the review/snapshot block that is not a snapshot was kept in the course note",
    );
    note = [note, ...leftover.map((l) => l.text)].join("\n\n").trim();
  }
  return note;
}

/** True when lines under the heading were read into a table, footnote or anchor. */
function readIntoStructure(src: CourseNoteSources, h: Heading): boolean {
  const next = src.headings.find((x) => x.index > h.index && x.level <= h.level);
  for (let i = h.index + 1; i < (next?.index ?? src.end); i++) if (src.consumed.has(i)) return true;
  return false;
}

/** Headings (outside episodes) with nothing left under them once tables are read. */
export function emptyHeadings(
  lines: string[],
  headings: Heading[],
  taken: (index: number) => boolean,
  end: number,
): Set<number> {
  const isHeading = new Set(headings.map((h) => h.index));
  const empty = new Set<number>();
  headings.forEach((h, k) => {
    if (taken(h.index)) return;
    const next = headings.slice(k + 1).find((x) => x.level <= h.level);
    const stop = next?.index ?? end;
    for (let i = h.index + 1; i < stop; i++) {
      if (!taken(i) && !isHeading.has(i) && (lines[i] as string).trim() !== "") return;
    }
    empty.add(h.index);
  });
  return empty;
}
