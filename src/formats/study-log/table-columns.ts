import { plainInline } from "./markdown-inline.js";

/** Column names in zh and en, as data: how a table's header cells are recognised. */
const COLUMN_NAMES = {
  date: ["日期", "发布日期", "录制日期", "date", "published", "day"],
  title: ["标题", "题目", "title", "episode"],
  runtime: ["时长", "长度", "runtime", "duration", "length", "time"],
  video: ["视频", "视频链接", "video", "videos", "link", "链接"],
  recorded: ["已录制", "录制", "已完成", "recorded", "covered", "done", "✅"],
  year: ["年份", "年", "year"],
  name: ["名字", "名称", "论文", "name", "paper", "papers"],
  summary: ["简介", "说明", "描述", "summary", "description", "note", "notes"],
  cover: ["封面", "cover", "thumbnail", "缩略图"],
} as const;

export type ColumnName = keyof typeof COLUMN_NAMES;
export type Columns = Partial<Record<ColumnName, number>>;

function normalize(cell: string): string {
  return plainInline(cell)
    .replace(/[（(][^（()）]*[）)]/g, "")
    .replace(/[\s:：*_]/g, "")
    .toLowerCase();
}

/** Maps header cells to known column names (first match wins for each name). */
export function readColumns(header: string[]): Columns {
  const columns: Columns = {};
  header.forEach((cell, i) => {
    const key = normalize(cell);
    for (const [name, words] of Object.entries(COLUMN_NAMES) as [ColumnName, readonly string[]][]) {
      if (columns[name] === undefined && words.includes(key)) {
        columns[name] = i;
        return;
      }
    }
  });
  return columns;
}

/** A table of recorded episodes: a title column and two of date, runtime and video. */
export function isEpisodeTable(c: Columns): boolean {
  const others = [c.date, c.runtime, c.video].filter((v) => v !== undefined).length;
  return c.title !== undefined && others >= 2;
}

/** A paper catalog table: a name column and a year or recorded column. */
export function isCatalogTable(c: Columns): boolean {
  return c.name !== undefined && (c.year !== undefined || c.recorded !== undefined);
}
