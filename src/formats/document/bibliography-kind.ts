import { compareDiagnostics, emptyProgress, slugify } from "../../core/index.js";
import type { BibliographyImport } from "../bibliography/index.js";
import type { SourceLines } from "../study-log/source-lines.js";
import { importStats, type StudyLogImport } from "../study-log/types.js";
import type { Coverage } from "./coverage.js";
import type { ImportPart } from "./import-document.js";

/** A bibliography's papers as the import path takes them: no course, no categories. */
export function bibliographyAsImport(b: BibliographyImport, file: string): StudyLogImport {
  const base = file.split(/[\\/]/).pop() ?? file;
  const diagnostics = [...b.diagnostics];
  if (b.fieldsLeft.size > 0) {
    const named = [...b.fieldsLeft]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([field, n]) => `${field} ×${n}`)
      .join(", ");
    diagnostics.push({
      level: "info",
      rule: "bib-fields-not-kept",
      message: `fields with no place in the model, not kept: ${named}`,
      file,
      line: 0,
      hint: "docs/importing.md#bibliographies lists every field each format maps to.",
    });
  }
  const n = b.papers.length;
  return {
    settings: { title: base.replace(/\.[^.]+$/, "") || slugify(base), language: "en" },
    categories: b.categories ?? [],
    papers: b.papers,
    references: [],
    progress: emptyProgress(),
    diagnostics: diagnostics.sort(compareDiagnostics),
    stats: importStats({ papers: n, categories: b.categories?.length ?? 0 }),
    matches: [],
    accounted: b.accounted,
    generatedCitekeys: b.generatedKeys,
  };
}

/** The parts of a bibliography import: entries, papers, and the ones not mapped. */
export function bibliographyParts(b: BibliographyImport): ImportPart[] {
  const parts: ImportPart[] = [
    { part: "entries", count: b.entries },
    { part: "papers", count: b.papers.length },
    {
      part: "papers with ids",
      count: b.papers.filter((p) => Object.keys(p.ids).length > 0).length,
    },
    { part: "entries not mapped", count: b.notMapped },
  ];
  return parts.filter((p) => p.count > 0 || p.part === "entries not mapped");
}

/** Coverage of a bibliography: lines of mapped entries are items, of unmapped ones reported. */
export function bibliographyCoverage(source: SourceLines, b: BibliographyImport): Coverage {
  const reported = new Set(
    b.diagnostics.filter((d) => d.rule === "bib-entry-not-mapped").map((d) => d.line - 1),
  );
  const c: Coverage = { textLines: 0, item: 0, note: 0, structure: 0, reported: 0, dropped: [] };
  let inReported = false;
  source.lines.forEach((line, i) => {
    if (reported.has(i)) inReported = true;
    else if (b.accounted.has(i)) inReported = false;
    if (line.trim() === "") return;
    c.textLines++;
    if (b.accounted.has(i)) c.item++;
    else if (inReported) c.reported++;
    // Text outside any entry is a comment to BibTeX (and RIS/JSON have none that is not an entry).
    else c.structure++;
  });
  return c;
}
