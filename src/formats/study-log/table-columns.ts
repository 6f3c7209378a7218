import { plainInline } from "./markdown-inline.js";

/** Column names in zh and en, as data: how a table's header cells are recognised. */
const COLUMN_NAMES = {
  date: ["日期", "发布日期", "录制日期", "date", "published", "day"],
  title: ["标题", "题目", "title", "episode"],
  runtime: ["时长", "长度", "runtime", "duration", "length", "time"],
  video: ["视频", "视频链接", "video", "videos", "link", "链接"],
  recorded: ["已录制", "录制", "已完成", "recorded", "covered", "done", "✅"],
  /** An episode table's own progress column (`状态`: ✅ / 跳过). */
  status: ["状态", "status", "进度", "完成情况", "watched", "看完"],
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

/**
 * A table of episodes: a title column and two of date, runtime and video — or a runtime alone
 * (`集数 | 标题 | 时长 | 状态`, a lecture series logged as a table): papers have no runtime.
 */
export function isEpisodeTable(c: Columns): boolean {
  const others = [c.date, c.runtime, c.video].filter((v) => v !== undefined).length;
  return c.title !== undefined && (others >= 2 || c.runtime !== undefined);
}

/** What an episode table's status cell says: `✅`, `完成`, `done` → done; `跳过`, `skipped` → skipped. */
export function readStatusCell(text: string): "done" | "skipped" | undefined {
  const t = text.trim().toLowerCase();
  if (t === "") return undefined;
  if (/^(?:跳过|已跳过|skip|skipped)$/.test(t)) return "skipped";
  if (/^(?:✅|✔|✔️|☑|☑️|\[x\]|完成|已完成|已看完|看完|done|yes|y|watched|finished)$/.test(t))
    return "done";
  return undefined;
}

/** A paper catalog table: a name column and a year or recorded column. */
export function isCatalogTable(c: Columns): boolean {
  return c.name !== undefined && (c.year !== undefined || c.recorded !== undefined);
}
