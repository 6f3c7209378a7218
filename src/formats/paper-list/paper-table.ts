import { plainInline } from "../study-log/markdown-inline.js";
import type { MarkdownTable } from "../study-log/markdown-table.js";
import { entryLinks, type PaperEntry, parseEntry } from "./entry.js";

/** Column names of paper tables that are not the seed's catalog (zh/en, as data). */
const COLUMNS = {
  name: ["paper", "papers", "title", "名字", "名称", "论文", "标题", "name", "论文名"],
  links: ["links", "link", "链接", "pdf", "code", "代码", "url", "资源"],
  // Not `date`: a weekly table's date is the day it was read (kept as `Date: …`), not the year.
  year: ["year", "年份", "年"],
  authors: ["authors", "author", "作者"],
  venue: ["venue", "conference", "journal", "会议", "期刊", "出处", "发表"],
  recorded: ["已录制", "录制", "recorded", "covered", "done", "read", "已读", "✅"],
  rating: ["rating", "stars", "评分", "推荐", "推荐度", "重要性"],
  runtime: ["时长", "长度", "runtime", "duration", "length"],
} as const;

type Column = keyof typeof COLUMNS;
export type PaperColumns = Partial<Record<Column, number>>;

const normalize = (cell: string) =>
  plainInline(cell)
    .replace(/[（(][^（()）]*[）)]/g, "")
    .replace(/[\s:：*_]/g, "")
    .toLowerCase();

export function readPaperColumns(header: string[]): PaperColumns {
  const columns: PaperColumns = {};
  header.forEach((cell, i) => {
    const key = normalize(cell);
    for (const [name, words] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (columns[name] === undefined && words.includes(key)) {
        columns[name] = i;
        return;
      }
    }
  });
  return columns;
}

/** A table of papers: a name/title/paper column, and no runtime (that is a table of episodes). */
export function isPaperTable(c: PaperColumns): boolean {
  return c.name !== undefined && c.runtime === undefined;
}

const COVERED = /✅|✔|☑|\[x\]|^(?:yes|y|true|是|已读|已录制)$/i;

/**
 * One table row as an entry: the title cell read like a list entry, every link of every cell,
 * year/authors/venue/rating columns, and the other columns' text kept as `Header: value`.
 */
export function readTableRow(
  table: MarkdownTable,
  columns: PaperColumns,
  cells: string[],
): (PaperEntry & { covered: boolean; venue?: string }) | undefined {
  const cell = (c: number | undefined) => (c === undefined ? "" : (cells[c] ?? ""));
  const nameCell = cell(columns.name);
  const parsed = parseEntry(nameCell);
  const plainName = plainInline(nameCell.replace(/[*_]/g, ""));
  if (!parsed && plainName === "") return undefined;
  // `*(no meeting: spring break)*` with nothing else in the row: an aside, no paper.
  const alone = cells.every(
    (c, i) =>
      i === columns.name ||
      !/[\p{L}\p{N}]/u.test(plainInline(c)) ||
      /^\s*\d{4}-\d\d-\d\d\s*$/.test(c),
  );
  if (!parsed && alone && /^[(（].*[)）]$/.test(plainName)) return undefined;
  const entry: PaperEntry & { covered: boolean; venue?: string } = {
    ...(parsed ?? { title: plainName, authors: [], links: entryLinks(nameCell).links }),
    covered: COVERED.test(plainInline(cell(columns.recorded))),
  };
  const extra: string[] = parsed?.summary ? [parsed.summary] : [];
  const used = new Set<number>([columns.name ?? -1, columns.recorded ?? -1]);
  const year = /\b(1[89]\d\d|20\d\d)\b/.exec(plainInline(cell(columns.year)));
  if (year) {
    entry.year = Number(year[1]);
    used.add(columns.year ?? -1);
  }
  const authors = plainInline(cell(columns.authors));
  if (authors !== "") {
    entry.authors = authors.split(/\s*(?:,|;|，|、|\band\b)\s*/).filter((a) => a !== "");
    used.add(columns.authors ?? -1);
  }
  const venue = plainInline(cell(columns.venue));
  if (venue !== "") {
    entry.venue = venue;
    used.add(columns.venue ?? -1);
    // `NeurIPS 2023`: the venue's year is the paper's when no column gives one.
    const venueYear = /\b((?:19|20)\d\d)\b/.exec(venue);
    if (entry.year === undefined && venueYear) entry.year = Number(venueYear[1]);
  }
  const stars = cell(columns.rating).match(/[⭐★🌟]/gu)?.length ?? 0;
  const ratingNumber = /^\s*([1-5])\s*(?:\/\s*5)?\s*$/.exec(plainInline(cell(columns.rating)));
  if (stars > 0 || ratingNumber) {
    entry.rating = stars > 0 ? Math.min(5, stars) : Number(ratingNumber?.[1]);
    used.add(columns.rating ?? -1);
  }
  cells.forEach((text, i) => {
    if (i === columns.name) return;
    const { links, rest } = entryLinks(text);
    entry.links.push(...links);
    if (used.has(i)) return;
    // A link's label in another column says what the link is (`arXiv`, `S2`): the link keeps it.
    const words = plainInline(rest.replace(/\uE000[^\uE001]*\uE001/g, " ").replace(/[*_]/g, ""));
    if (!/[\p{L}\p{N}]/u.test(words)) return;
    const head = plainInline(table.header[i] ?? "").replace(/[*_]/g, "");
    extra.push(head ? `${head}: ${words}` : words);
  });
  if (extra.length > 0) entry.summary = extra.join("; ");
  return entry;
}
