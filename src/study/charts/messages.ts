/**
 * Every string the charts show, per language. The charts take a catalog as a parameter and hold
 * no UI text of their own; the app may pass these or its own.
 */
export interface ChartMessages {
  /** BCP 47 tag, for `lang` on the figure. */
  locale: string;
  noData: string;
  /** A day on an axis, from `YYYY-MM-DD`. */
  shortDay: (day: string) => string;
  /** A week, from its Monday. */
  week: (monday: string) => string;
  hoursWatched: {
    title: string;
    desc: (hours: string, from: string, to: string) => string;
    axis: string;
    dayColumn: string;
    valueColumn: string;
    point: (day: string, hours: string) => string;
  };
  episodesPerWeek: PerWeekMessages;
  papersPerWeek: PerWeekMessages;
  papersByPass: {
    title: string;
    desc: (papers: number, read: number, categories: number) => string;
    categoryColumn: string;
    /** Labels of: not read, pass 1, pass 2, pass 3. */
    passes: [string, string, string, string];
    segment: (category: string, pass: string, n: number) => string;
  };
}

export interface PerWeekMessages {
  title: string;
  desc: (total: number, weeks: number, max: number) => string;
  axis: string;
  weekColumn: string;
  valueColumn: string;
  bar: (week: string, n: number) => string;
}

const ymd = (day: string): [number, number, number] => {
  const [y, m, d] = day.split("-").map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export const chartMessagesZh: ChartMessages = {
  locale: "zh-CN",
  noData: "暂无记录",
  shortDay: (day) => {
    const [, m, d] = ymd(day);
    return `${m}月${d}日`;
  },
  week: (monday) => {
    const [, m, d] = ymd(monday);
    return `${m}月${d}日那周`;
  },
  hoursWatched: {
    title: "累计观看时长",
    desc: (hours, from, to) => `从 ${from} 到 ${to}，累计观看 ${hours} 小时。`,
    axis: "小时",
    dayColumn: "日期",
    valueColumn: "累计小时",
    point: (day, hours) => `${day}：累计 ${hours} 小时`,
  },
  episodesPerWeek: {
    title: "每周看完的集数",
    desc: (total, weeks, max) => `最近 ${weeks} 周共看完 ${total} 集，最多的一周 ${max} 集。`,
    axis: "集",
    weekColumn: "周（周一）",
    valueColumn: "看完集数",
    bar: (week, n) => `${week}：${n} 集`,
  },
  papersPerWeek: {
    title: "每周读完的论文（第三遍）",
    desc: (total, weeks, max) => `最近 ${weeks} 周共读完 ${total} 篇，最多的一周 ${max} 篇。`,
    axis: "篇",
    weekColumn: "周（周一）",
    valueColumn: "读完篇数",
    bar: (week, n) => `${week}：${n} 篇`,
  },
  papersByPass: {
    title: "各分类论文的阅读进度",
    desc: (papers, read, categories) =>
      `${categories} 个分类共 ${papers} 篇论文，已读（至少一遍）${read} 篇。`,
    categoryColumn: "分类",
    passes: ["未读", "第一遍", "第二遍", "第三遍"],
    segment: (category, pass, n) => `${category}：${pass} ${n} 篇`,
  },
};

/** English per-week messages differ only in their title and noun. */
function finishedPerWeek(title: string, noun: string): PerWeekMessages {
  return {
    title,
    desc: (total, weeks, max) =>
      `${total} ${noun} finished in the last ${weeks} weeks; at most ${max} in one week.`,
    axis: noun,
    weekColumn: "Week (Monday)",
    valueColumn: noun[0]?.toUpperCase() + noun.slice(1),
    bar: (week, n) => `${week}: ${n} ${noun}`,
  };
}

export const chartMessagesEn: ChartMessages = {
  locale: "en",
  noData: "Nothing recorded yet",
  shortDay: (day) => {
    const [, m, d] = ymd(day);
    return `${MONTHS[m - 1] ?? m} ${d}`;
  },
  week: (monday) => {
    const [, m, d] = ymd(monday);
    return `week of ${MONTHS[m - 1] ?? m} ${d}`;
  },
  hoursWatched: {
    title: "Hours watched, cumulative",
    desc: (hours, from, to) => `${hours} hours watched in total from ${from} to ${to}.`,
    axis: "hours",
    dayColumn: "Day",
    valueColumn: "Hours (cumulative)",
    point: (day, hours) => `${day}: ${hours} hours in total`,
  },
  episodesPerWeek: finishedPerWeek("Episodes finished per week", "episodes"),
  papersPerWeek: finishedPerWeek("Papers finished per week (third pass)", "papers"),
  papersByPass: {
    title: "Papers per category by reading pass",
    desc: (papers, read, categories) =>
      `${papers} papers in ${categories} categories; ${read} read at least once.`,
    categoryColumn: "Category",
    passes: ["Not read", "Pass 1", "Pass 2", "Pass 3"],
    segment: (category, pass, n) => `${category}: ${pass}, ${n} papers`,
  },
};
