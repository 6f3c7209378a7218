import { type Catalog, readCatalog } from "./catalog.js";
import type { DiagnosticSink } from "./diagnostics.js";
import { type EpisodeRow, oldestFirst, readEpisodeTable } from "./episode-table.js";
import { findFootnotes } from "./footnotes.js";
import type { Heading } from "./headings.js";
import { findTables } from "./markdown-table.js";
import { findReferenceDefinitions } from "./reference-definitions.js";
import { isCatalogTable, isEpisodeTable, readColumns } from "./table-columns.js";

/** The structured parts of a study log: recorded-episode rows and the paper catalog. */
export interface Structure {
  /** Table rows, oldest first. */
  rows: EpisodeRow[];
  catalog: Catalog;
  /** Lines read into tables, used footnotes and category anchors: never part of a note. */
  consumed: Set<number>;
  /** Header line indices of the episode and catalog tables (their sections are structural). */
  structuralAt: number[];
}

/** Finds the episode and catalog tables (by their header names) and reads them. */
export function readStructure(
  src: { lines: string[]; fenced: Set<number>; headings: Heading[]; start: number; end: number },
  sink: DiagnosticSink,
): Structure {
  const { lines, fenced, start, end } = src;
  const consumed = new Set<number>();
  const footnotes = findFootnotes(lines, fenced, start, end);
  const tables = findTables(lines, fenced, start, end).map((table) => ({
    table,
    columns: readColumns(table.header),
  }));
  const episodeTables = tables.filter((t) => isEpisodeTable(t.columns));
  const catalogTables = tables.filter(
    (t) => !isEpisodeTable(t.columns) && isCatalogTable(t.columns),
  );
  const structural = [...episodeTables, ...catalogTables];
  for (const { table } of structural) {
    for (let i = table.headerIndex; i < table.endIndex; i++) consumed.add(i);
  }
  const rows = episodeTables.flatMap((t) =>
    oldestFirst(readEpisodeTable(t.table, t.columns, footnotes, sink)),
  );
  for (const row of rows) {
    for (const label of row.footnotes) {
      for (const i of footnotes.get(label)?.indices ?? []) consumed.add(i);
    }
  }
  const references = findReferenceDefinitions(lines, fenced, start, end);
  const catalog = readCatalog(catalogTables, lines, src.headings, references, sink);
  for (const i of catalog.consumed) consumed.add(i);
  return { rows, catalog, consumed, structuralAt: structural.map((t) => t.table.headerIndex) };
}
