import { parseRuntime, type VideoRef } from "../../core/index.js";
import { parseTableDate } from "./dates.js";
import type { DiagnosticSink } from "./diagnostics.js";
import { type FootnoteDefinition, splitMentions } from "./footnotes.js";
import {
  findUrls,
  footnoteRefs,
  type InlineName,
  inlineNames,
  plainInline,
  splitAtBreak,
} from "./markdown-inline.js";
import type { MarkdownTable } from "./markdown-table.js";
import { type Columns, readStatusCell } from "./table-columns.js";
import { parseVideoUrl } from "./video-refs.js";

/** One row of the recorded-episodes table (`日期 | 标题 | 时长 | 视频`). */
export interface EpisodeRow {
  /** Line index in the source. */
  index: number;
  title: string;
  date?: string;
  runtime?: number;
  videos: VideoRef[];
  /** Links and bracketed names in the title cell: candidate catalog papers. */
  names: InlineName[];
  /** Works listed in footnotes the title cell refers to. */
  mentions: string[];
  /** Text after a `<br>` in the title cell, footnote references removed. */
  annotation?: string;
  /** Footnote labels the row used (their definitions are consumed). */
  footnotes: string[];
  /** The cover image's URL as written (`imgs/gpt4.jpg`: relative to the list's origin). */
  cover?: string;
  /** From a status column (`状态`, or a ✅ column): the learner's progress. */
  status?: "done" | "skipped";
}

/** The first image of a cell: `<img src="…">` or `![](…)`. */
function imageUrl(cell: string): string | undefined {
  return (
    /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/i.exec(cell)?.[1] ??
    /!\[[^\]]*\]\(\s*([^)\s]+)/.exec(cell)?.[1]
  );
}

/** Reads the rows of an episode table in source order; malformed rows are reported. */
export function readEpisodeTable(
  table: MarkdownTable,
  columns: Columns,
  footnotes: Map<string, FootnoteDefinition>,
  sink: DiagnosticSink,
): EpisodeRow[] {
  const rows: EpisodeRow[] = [];
  const width = table.header.length;
  for (const { index, cells } of table.rows) {
    const line = index + 1;
    if (cells.length < width) {
      sink.warning(
        "table-missing-cells",
        line,
        `table row has ${cells.length} of ${width} cells; imported what is there`,
      );
    } else if (cells.slice(width).some((c) => c !== "")) {
      sink.info("table-extra-cells", line, `table row has cells past the header's ${width}`);
    }
    const cell = (column: number | undefined) =>
      column === undefined ? "" : (cells[column] ?? "");
    const { main, rest } = splitAtBreak(cell(columns.title));
    const row: EpisodeRow = {
      index,
      title: plainInline(main),
      videos: findUrls(withoutImages(cell(columns.video))).map(parseVideoUrl),
      names: inlineNames(main),
      mentions: [],
      footnotes: [],
    };
    const cover = imageUrl(cell(columns.cover));
    if (cover) row.cover = cover;
    const status = readStatusCell(plainInline(cell(columns.status ?? columns.recorded)));
    if (status) row.status = status;
    // Anchored both ways on the trimmed text: `\s*[)）]$` alone retried from every blank.
    const annotation = plainInline(rest)
      .replace(/^[（(]/, "")
      .replace(/[)）]$/, "")
      .trim();
    if (annotation !== "") row.annotation = annotation;
    for (const label of footnoteRefs(`${main} ${rest}`)) {
      const def = footnotes.get(label);
      if (!def) {
        sink.warning("footnote-undefined", line, `footnote [^${label}] has no definition`);
        continue;
      }
      row.footnotes.push(label);
      row.mentions.push(...splitMentions(def.text));
    }
    const dateText = plainInline(cell(columns.date));
    if (dateText !== "") {
      const date = parseTableDate(dateText);
      if (date) row.date = date;
      else
        sink.warning("date-invalid", line, `date "${dateText}" is not a date this importer reads`);
    }
    const runtimeText = plainInline(cell(columns.runtime));
    if (runtimeText !== "") {
      const runtime = parseRuntime(runtimeText);
      if (runtime !== undefined) row.runtime = runtime;
      else sink.warning("runtime-invalid", line, `runtime "${runtimeText}" is not a valid time`);
    }
    if (row.title === "") {
      const fallback = cells.map(plainInline).find((c) => c !== "");
      if (fallback === undefined) {
        sink.warning("table-row-empty", line, "table row is empty; skipped");
        continue;
      }
      sink.warning("table-row-untitled", line, "table row has no title; used its first cell");
      row.title = fallback;
    }
    rows.push(row);
  }
  return rows;
}

/** Drops images (view-count badges) so only the link targets around them count as videos. */
function withoutImages(cell: string): string {
  return cell.replace(/!\[[^\]]*\]\([^)]*\)/g, "");
}

/** Rows oldest first: reversed when the dates run newest first (as the seed's do). */
export function oldestFirst(rows: EpisodeRow[]): EpisodeRow[] {
  const dated = rows.filter((r) => r.date !== undefined);
  const first = dated[0]?.date;
  const last = dated[dated.length - 1]?.date;
  return first !== undefined && last !== undefined && first > last ? [...rows].reverse() : rows;
}
