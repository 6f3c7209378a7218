import { type Category, type Paper, type PaperLink, slugify, uniqueId } from "../../core/index.js";
import { makePaper } from "../../core/make-items.js";
import type { DiagnosticSink } from "./diagnostics.js";
import type { Heading } from "./headings.js";
import { addIdsFromLink, mergeListedAgain } from "./listed-paper.js";
import {
  findUrls,
  inlineNames,
  plainInline,
  splitAtBreak,
  stripLiquid,
} from "./markdown-inline.js";
import type { MarkdownTable } from "./markdown-table.js";
import { type ReferenceDefinition, referenceLabel } from "./reference-definitions.js";
import type { Columns } from "./table-columns.js";

/** The paper catalog: categories in order and their papers, plus the lines it consumed. */
export interface Catalog {
  categories: Category[];
  papers: Paper[];
  /** Line indices read into the catalog (anchor lines). */
  consumed: Set<number>;
}

const COVERED = /✅|✔|☑|\[x\]|^(?:yes|y|true|是|已录制)$/i;
const ANCHOR = /^\s*<a\s+(?:name|id)\s*=\s*["']([^"']+)["']\s*>\s*<\/a>\s*$/i;

/** The link kind of a paper URL: `pdf` when it points at a PDF, else `page`. */
export function paperLinkKind(url: string): PaperLink["kind"] {
  const path = url.split(/[?#]/)[0] ?? url;
  return /\.pdf$/i.test(path) || /arxiv\.org\/pdf\//i.test(path) ? "pdf" : "page";
}

/** Reads catalog tables into categories (the nearest heading above each table) and papers. */
export function readCatalog(
  tables: { table: MarkdownTable; columns: Columns }[],
  lines: string[],
  headings: Heading[],
  references: Map<string, ReferenceDefinition>,
  sink: DiagnosticSink,
): Catalog {
  const categories: Category[] = [];
  const papers: Paper[] = [];
  const consumed = new Set<number>();
  const categoryIds = new Set<string>();
  const paperIds = new Set<string>();
  const byName = new Map<string, Paper>();
  const categoryByHeading = new Map<number, Category>();

  for (const { table, columns } of tables) {
    const heading = [...headings].reverse().find((h) => h.index < table.headerIndex);
    let category = heading ? categoryByHeading.get(heading.index) : undefined;
    if (!category) {
      const name = heading ? plainInline(heading.text) : "未分类";
      category = { id: uniqueId(slugify(name), categoryIds), name, order: categories.length };
      const aliases = (heading ? anchorsAbove(lines, heading.index, consumed) : []).filter(
        (alias) => alias !== category?.id,
      );
      if (aliases.length > 0) category.aliases = aliases;
      categories.push(category);
      if (heading) categoryByHeading.set(heading.index, category);
    }
    for (const { index, cells } of table.rows) {
      const line = index + 1;
      const cell = (column: number | undefined) =>
        column === undefined ? "" : (cells[column] ?? "");
      if (cells.length < table.header.length) {
        sink.warning(
          "table-missing-cells",
          line,
          `catalog row has ${cells.length} of ${table.header.length} cells; imported what is there`,
        );
      }
      const { main, rest } = splitAtBreak(cell(columns.name));
      const short = plainInline(main);
      if (short === "") {
        sink.warning("catalog-row-unnamed", line, "catalog row has no name; skipped");
        continue;
      }
      const existing = byName.get(short.toLowerCase());
      if (existing) {
        mergeListedAgain(sink, line, short, existing, [category.id]);
        continue;
      }
      const paper = makePaper({
        id: uniqueId(slugify(short), paperIds),
        short,
        categories: [category.id],
        covered: COVERED.test(plainInline(cell(columns.recorded))),
        at: { file: sink.file, line },
      });
      const title = plainInline(rest);
      if (title !== "") paper.title = title;
      const year = /\b(1[89]\d\d|2\d{3})\b/.exec(cell(columns.year));
      if (year) paper.year = Number(year[1]);
      const summary = plainSummary(cell(columns.summary));
      if (summary !== "") paper.summary = summary;
      const link = inlineNames(main)[0];
      const url = link?.url ?? (link ? references.get(referenceLabel(link.label))?.url : undefined);
      if (url) paper.links.push({ url, kind: paperLinkKind(url) });
      else {
        paper.unresolved = true;
        sink.info(
          "unresolved-reference",
          line,
          link
            ? `[${link.label}] has no link definition; "${short}" imported without a URL`
            : `"${short}" has no link; imported without a URL`,
          "Add the paper's URL or an id (arXiv, DOI) later, or define the reference link.",
        );
      }
      addIdsFromCells(paper, cells);
      byName.set(short.toLowerCase(), paper);
      papers.push(paper);
    }
  }
  return { categories, papers, consumed };
}

/**
 * Ids from every link of the row: the name's arXiv/DOI link and the citation column's Semantic
 * Scholar page and shields.io badge (whose `url=` names the S2 paper). The S2 page is kept as a
 * link too; badges are decoration and are not.
 */
function addIdsFromCells(paper: Paper, cells: string[]): void {
  const ids = paper.ids as Record<string, unknown>;
  for (const url of findUrls(cells.join(" | "))) {
    addIdsFromLink(paper, url);
    const host = URL.canParse(url) ? new URL(url).hostname : "";
    if (/(^|\.)shields\.io$/i.test(host) || paper.links.some((l) => l.url === url)) continue;
    if (/(^|\.)semanticscholar\.org$/i.test(host)) paper.links.push({ url, kind: "page" });
  }
  if (paper.unresolved && Object.keys(ids).length > 0) delete paper.unresolved;
}

/** `<a name="x"></a>` lines right above a heading (blank lines between allowed). */
function anchorsAbove(lines: string[], headingIndex: number, consumed: Set<number>): string[] {
  const aliases: string[] = [];
  for (let i = headingIndex - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const m = ANCHOR.exec(line);
    if (!m) break;
    aliases.unshift(m[1] as string);
    consumed.add(i);
  }
  return aliases;
}

function plainSummary(cell: string): string {
  return stripLiquid(cell)
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^<>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
