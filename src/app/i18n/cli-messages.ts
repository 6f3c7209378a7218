/**
 * What the common commands print (`status`, `doctor`, `done`/`watching`/`skip`/`todo`, `add`,
 * `import`'s summary) in the library's language, beside the pages' strings. Diagnostics keep
 * their own text (their rule names and hints are the error catalogue's), and so do `--json`
 * outputs and errors: those are contracts, not prose. Episode statuses are the pages' own
 * (`Messages.status`).
 */
export interface CliMessages {
  status: {
    noCourses: string;
    /** `bar` is drawn by the CLI; the counts are the course's episodes. */
    episodes: (
      bar: string,
      e: { done: number; total: number; skipped: number; watching: number; withNotes: number },
    ) => string;
    minutes: (
      bar: string,
      m: { watched: number; total: number; left: number },
      hours: { watched: string; total: string },
    ) => string;
    papers: (p: { total: number; categories: number; covered: number; read: number }) => string;
    category: (bar: string, c: { covered: number; papers: number; read: number }) => string;
    unresolved: (n: number) => string;
    week: (w: {
      since: string;
      episodes: number;
      minutes: number;
      passes: number;
      papersFinished: number;
    }) => string;
    estimate: (e: {
      minutesPerDay: number;
      windowDays: number;
      finish: string;
      daysLeft: number;
    }) => string;
    noEstimate: (days: number) => string;
  };
  doctor: {
    clean: (root: string) => string;
    counts: (c: { error: number; warning: number; info: number }) => string;
  };
  /** `done limu/1-10` and the other status commands. */
  marked: (m: { course: string; numbers: number[]; status: string; minutes: string }) => string;
  add: {
    titleMatch: (confidence: string) => string;
    filled: (file: string) => string;
    added: (file: string) => string;
    uncertain: string;
    courseExists: (title: string, file: string) => string;
    courseAdded: (c: { title: string; id: string; episodes: number; minutes: string }) => string;
  };
  import: {
    /** Names of the document kinds (`study-log`, …) where the importer's English one will not do. */
    kindNames: Readonly<Record<string, string>>;
    /** Names of the parts an import made (`papers with ids`, …), the same way. */
    partNames: Readonly<Record<string, string>>;
    /** How the `made` row joins its parts. */
    partsSeparator: string;
    imported: (file: string, kind: string, library: string) => string;
    recovered: (what: string) => string;
    /** Row labels, padded by the CLI to one width. */
    labels: Record<
      | "course"
      | "episodes"
      | "papers"
      | "links"
      | "made"
      | "coverage"
      | "images"
      | "counts"
      | "problems"
      | "time",
      string
    >;
    tally: (c: {
      created: number;
      updated: number;
      unchanged: number;
      conflicts: number;
    }) => string;
    episodesTotal: (e: {
      total: number;
      matched: number;
      sections: number;
      withNotes: number;
    }) => string;
    papersTotal: (p: {
      total: number;
      categories: number;
      covered: number;
      unresolved: number;
    }) => string;
    links: (n: number) => string;
    coverage: (c: {
      lines: number;
      item: number;
      note: number;
      structure: number;
      reported: number;
    }) => string;
    images: (copied: number, unchanged: number) => string;
    counts: (s: { papers: string; covered: string; total: number; tableCovered: number }) => string;
    keptEdited: (file: string) => string;
    /** A re-import's new files, files the source changed, files gone from it (each a list). */
    newFiles: (files: string) => string;
    changedFiles: (files: string) => string;
    goneFiles: (files: string) => string;
    andMore: (n: number) => string;
    problems: (c: { error: number; warning: number; info: number }) => string;
    time: (ms: { parse: number; write: number; index: number; total: number }) => string;
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const cliEn: CliMessages = {
  status: {
    noCourses: "No courses yet: `jingdu import FILE` or `jingdu add course …`.",
    episodes: (bar, e) =>
      `  episodes ${bar} ${e.done}/${e.total} done` +
      (e.skipped ? `, ${e.skipped} skipped` : "") +
      (e.watching ? `, ${e.watching} watching` : "") +
      `, ${e.withNotes} with notes`,
    minutes: (bar, m, h) =>
      `  minutes  ${bar} ${m.watched} of ${m.total} watched (${h.watched} / ${h.total}), ${m.left} left`,
    papers: (p) =>
      `Papers: ${p.total} in ${p.categories} categories, ${p.covered} covered (✅), ${p.read} read`,
    category: (bar, c) => `${bar} ${c.covered}/${c.papers} covered, ${c.read} read`,
    unresolved: (n) => `  ${n} papers have only a name (no link or id yet).`,
    week: (w) =>
      `This week (since ${w.since}): ${w.episodes} episodes done, ${w.minutes} minutes watched, ` +
      `${w.passes} reading passes` +
      (w.papersFinished > 0 ? ` (${plural(w.papersFinished, "paper")} finished)` : ""),
    estimate: (e) =>
      `${e.minutesPerDay} min/day over the last ${e.windowDays} days → finished around ${e.finish} (${e.daysLeft} days)`,
    noEstimate: (days) => `no finish estimate (nothing watched in the last ${days} days)`,
  },
  doctor: {
    clean: (root) => `${root}: no problems found`,
    counts: (c) => `${c.error} errors, ${c.warning} warnings, ${c.info} notes`,
  },
  marked: (m) =>
    `${m.course}: ${m.numbers.length === 1 ? `episode ${m.numbers[0]}` : `${m.numbers.length} episodes`} → ${m.status} (${m.minutes} minutes)`,
  add: {
    titleMatch: (confidence) => `  title match, confidence ${confidence}`,
    filled: (file) => `Filled ${file} (already in the library; no file created — --new adds one)`,
    added: (file) => `Added ${file}`,
    uncertain:
      "Not added: the match is not certain enough. Check the title, then run again with --yes to accept it.",
    courseExists: (title, file) => `Not added: ${title} is already ${file}`,
    courseAdded: (c) =>
      `Added course ${c.title} (${c.id}): ${c.episodes} episodes, ${c.minutes} minutes`,
  },
  import: {
    kindNames: {},
    partNames: {},
    partsSeparator: ", ",
    imported: (file, kind, library) => `Imported ${file} (a ${kind}) into ${library}`,
    recovered: (what) => `  recovered ${what}`,
    labels: {
      course: "course",
      episodes: "episodes",
      papers: "papers",
      links: "links",
      made: "made",
      coverage: "coverage",
      images: "images",
      counts: "counts",
      problems: "problems",
      time: "time",
    },
    tally: (c) =>
      `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged` +
      (c.conflicts ? `, ${c.conflicts} kept (you edited them)` : ""),
    episodesTotal: (e) =>
      `${e.total} in all; ${e.matched} of ${e.sections} note sections matched to the table, ${e.withNotes} with notes`,
    papersTotal: (p) =>
      `${p.total} in ${p.categories} categories, ${p.covered} covered (✅), ${p.unresolved} with only a name`,
    links: (n) => `${n} archived-link mappings kept`,
    coverage: (c) =>
      `${c.lines} lines with text: ${c.item} in items, ${c.note} in notes, ${c.structure} structure, ${c.reported} named in the report`,
    images: (copied, unchanged) => `${copied} copied into files/, ${unchanged} unchanged`,
    counts: (s) =>
      `the text states ${s.papers} papers / ${s.covered} recorded; its tables hold ${s.total} / ${s.tableCovered}`,
    keptEdited: (file) => `  kept your edited ${file} (the import's version was not written)`,
    newFiles: (files) => `  new: ${files}`,
    changedFiles: (files) => `  changed in the source: ${files}`,
    goneFiles: (files) => `  no longer in the source, kept: ${files}`,
    andMore: (n) => `and ${n} more (--json lists them all)`,
    problems: (c) => `${c.error} errors, ${c.warning} warnings, ${c.info} notes (listed on stderr)`,
    time: (ms) =>
      `parse ${ms.parse} ms, write ${ms.write} ms, index ${ms.index} ms, total ${ms.total} ms`,
  },
};

export const cliZh: CliMessages = {
  status: {
    noCourses: "还没有课程：用 `jingdu import 文件` 或 `jingdu add course …` 添加。",
    episodes: (bar, e) =>
      `  集数 ${bar} 已看 ${e.done}/${e.total}` +
      (e.skipped ? `，跳过 ${e.skipped}` : "") +
      (e.watching ? `，在看 ${e.watching}` : "") +
      `，有笔记 ${e.withNotes}`,
    minutes: (bar, m, h) =>
      `  分钟 ${bar} 已看 ${m.watched} / 共 ${m.total}（${h.watched} / ${h.total}），还剩 ${m.left}`,
    papers: (p) =>
      `论文：${p.total} 篇，${p.categories} 个分类，已录制 ${p.covered} 篇（✅），已读 ${p.read} 篇`,
    category: (bar, c) => `${bar} 已录制 ${c.covered}/${c.papers}，已读 ${c.read}`,
    unresolved: (n) => `  ${n} 篇论文只有名字（还没有链接或编号）。`,
    week: (w) =>
      `本周（自 ${w.since}）：看完 ${w.episodes} 集，看了 ${w.minutes} 分钟，读了 ${w.passes} 遍` +
      (w.papersFinished > 0 ? `（读完 ${w.papersFinished} 篇论文）` : ""),
    estimate: (e) =>
      `近 ${e.windowDays} 天平均每天 ${e.minutesPerDay} 分钟 → 约 ${e.finish} 看完（还要 ${e.daysLeft} 天）`,
    noEstimate: (days) => `无法估计看完时间（近 ${days} 天没有看）`,
  },
  doctor: {
    clean: (root) => `${root}：没有发现问题`,
    counts: (c) => `${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示`,
  },
  marked: (m) =>
    `${m.course}：${m.numbers.length === 1 ? `第 ${m.numbers[0]} 集` : `${m.numbers.length} 集`} → ${m.status}（${m.minutes} 分钟）`,
  add: {
    titleMatch: (confidence) => `  按标题匹配，置信度 ${confidence}`,
    filled: (file) => `已补全 ${file}（库里已有这篇；没有新建文件，--new 会新建）`,
    added: (file) => `已添加 ${file}`,
    uncertain: "未添加：匹配不够确定。请核对标题，确认后加 --yes 再运行一次。",
    courseExists: (title, file) => `未添加：${title} 已经是 ${file}`,
    courseAdded: (c) => `已添加课程 ${c.title}（${c.id}）：${c.episodes} 集，${c.minutes} 分钟`,
  },
  import: {
    kindNames: {
      "study-log": "学习记录",
      "course-log": "课程记录",
      "notes-post": "笔记文章",
      "paper-list": "论文列表",
      bibtex: "BibTeX 文献库",
      "csl-json": "CSL-JSON 文献库",
      ris: "RIS 文献库",
      "bbt-json": "Better BibTeX JSON 文献库",
    },
    partNames: {
      course: "门课程",
      "course note": "篇课程笔记",
      episodes: "集",
      "episodes with notes": "有笔记的集",
      papers: "篇论文",
      categories: "个分类",
      "papers with ids": "篇有编号",
      "papers with a rating": "篇有评分",
      "list description": "段列表简介",
      "category descriptions": "段分类简介",
      "snapshot links": "条快照链接",
      entries: "条文献",
      "entries not mapped": "条无法读入的文献",
    },
    partsSeparator: "，",
    imported: (file, kind, library) => `已导入 ${file}（${kind}）到 ${library}`,
    recovered: (what) => `  已恢复 ${what}`,
    labels: {
      course: "课程",
      episodes: "集数",
      papers: "论文",
      links: "链接",
      made: "生成",
      coverage: "覆盖",
      images: "图片",
      counts: "计数",
      problems: "问题",
      time: "用时",
    },
    tally: (c) =>
      `新建 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}` +
      (c.conflicts ? `，保留 ${c.conflicts}（你改过）` : ""),
    episodesTotal: (e) =>
      `共 ${e.total} 集；${e.sections} 个笔记小节中 ${e.matched} 个对上了表格，有笔记 ${e.withNotes} 集`,
    papersTotal: (p) =>
      `共 ${p.total} 篇，${p.categories} 个分类，已录制 ${p.covered} 篇（✅），${p.unresolved} 篇只有名字`,
    links: (n) => `保留 ${n} 条存档链接对应`,
    coverage: (c) =>
      `${c.lines} 行有文字：条目 ${c.item}，笔记 ${c.note}，结构 ${c.structure}，报告中列出 ${c.reported}`,
    images: (copied, unchanged) => `复制到 files/ ${copied} 张，未变 ${unchanged} 张`,
    counts: (s) =>
      `文中写着 ${s.papers} 篇 / 已录制 ${s.covered}；表格里是 ${s.total} / ${s.tableCovered}`,
    keptEdited: (file) => `  保留了你改过的 ${file}（没有写入导入的版本）`,
    newFiles: (files) => `  新增：${files}`,
    changedFiles: (files) => `  源里有改动：${files}`,
    goneFiles: (files) => `  源里已没有，保留：${files}`,
    andMore: (n) => `等另外 ${n} 个（--json 列出全部）`,
    problems: (c) => `${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示（见 stderr）`,
    time: (ms) =>
      `解析 ${ms.parse} ms，写入 ${ms.write} ms，索引 ${ms.index} ms，共 ${ms.total} ms`,
  },
};
