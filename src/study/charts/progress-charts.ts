/**
 * The study charts of the home and course pages, from the computed series and a message catalog.
 * Each returns the SVG with its text alternatives (see `RenderedChart`); the output depends only
 * on the inputs.
 */
import type { DayValue, WeekValue } from "../progress-history.js";
import type { CategoryPasses } from "../reading-by-category.js";
import { renderBarSvg } from "./bar-chart.js";
import { renderLineSvg } from "./line-chart.js";
import type { ChartMessages, PerWeekMessages } from "./messages.js";
import { renderStackedBarSvg } from "./stacked-bar-chart.js";
import { type ChartFrame, dataTable, figure, num, type RenderedChart } from "./svg.js";

export interface ChartOptions {
  /** Unique in the page; the figure's id and the prefix of the title/desc ids. */
  id: string;
  messages: ChartMessages;
  width?: number;
}

const WIDTH = 640;
const HEIGHT = 240;

function chartFrame(options: ChartOptions, title: string, summary: string): ChartFrame {
  const width = options.width ?? WIDTH;
  return { id: options.id, title, summary, locale: options.messages.locale, width, height: HEIGHT };
}

/**
 * The line of cumulative hours watched (`ProgressHistory.hoursWatched`).
 * @example cumulativeHoursChart(history.hoursWatched, { id: "hours", messages: chartMessagesZh }).html
 */
export function cumulativeHoursChart(
  points: readonly DayValue[],
  options: ChartOptions,
): RenderedChart {
  const m = options.messages;
  const t = m.hoursWatched;
  const last = points.at(-1);
  const first = points[0];
  const summary = last && first ? t.desc(num(last.value, 2), first.day, last.day) : m.noData;
  const frame = chartFrame(options, t.title, summary);
  const svg = renderLineSvg({
    frame,
    axisName: t.axis,
    noData: m.noData,
    points: points.map((p) => ({
      day: p.day,
      value: p.value,
      label: m.shortDay(p.day),
      tooltip: t.point(p.day, num(p.value, 2)),
    })),
  });
  const table = dataTable(
    t.title,
    [t.dayColumn, t.valueColumn],
    points.map((p) => [p.day, num(p.value, 2)]),
  );
  return figure(frame, svg, table);
}

function perWeekChart(
  weeks: readonly WeekValue[],
  t: PerWeekMessages,
  options: ChartOptions,
): RenderedChart {
  const m = options.messages;
  const total = weeks.reduce((s, w) => s + w.value, 0);
  const max = Math.max(0, ...weeks.map((w) => w.value));
  const frame = chartFrame(options, t.title, t.desc(total, weeks.length, max));
  const svg = renderBarSvg({
    frame,
    axisName: t.axis,
    noData: m.noData,
    bars: weeks.map((w) => ({
      key: w.week,
      value: w.value,
      label: m.shortDay(w.week),
      tooltip: t.bar(m.week(w.week), w.value),
    })),
  });
  const table = dataTable(
    t.title,
    [t.weekColumn, t.valueColumn],
    weeks.map((w) => [w.week, w.value]),
  );
  return figure(frame, svg, table);
}

/** Bars of episodes marked done per week (`ProgressHistory.episodesPerWeek`). */
export function episodesPerWeekChart(
  weeks: readonly WeekValue[],
  options: ChartOptions,
): RenderedChart {
  return perWeekChart(weeks, options.messages.episodesPerWeek, options);
}

/** Bars of papers finished (third pass) per week (`ProgressHistory.papersPerWeek`). */
export function papersPerWeekChart(
  weeks: readonly WeekValue[],
  options: ChartOptions,
): RenderedChart {
  return perWeekChart(weeks, options.messages.papersPerWeek, options);
}

/** Stacked bars of papers per category by the highest pass read (`papersByCategoryAndPass`). */
export function papersByPassChart(
  categories: readonly CategoryPasses[],
  options: ChartOptions,
): RenderedChart {
  const m = options.messages;
  const t = m.papersByPass;
  const papers = categories.reduce((s, c) => s + c.byPass.reduce((a, b) => a + b, 0), 0);
  const read = categories.reduce((s, c) => s + c.byPass[1] + c.byPass[2] + c.byPass[3], 0);
  const summary = t.desc(papers, read, categories.length);
  const frame = {
    id: options.id,
    title: t.title,
    summary,
    locale: m.locale,
    width: options.width ?? WIDTH,
  };
  const svg = renderStackedBarSvg({
    frame,
    series: t.passes,
    noData: m.noData,
    rows: categories.map((c) => ({
      key: c.categoryId,
      label: c.name,
      values: c.byPass,
      tooltips: c.byPass.map((n, i) => t.segment(c.name, t.passes[i] ?? "", n)),
    })),
  });
  const table = dataTable(
    t.title,
    [t.categoryColumn, ...t.passes],
    categories.map((c) => [c.name, ...c.byPass]),
  );
  return figure({ ...frame, height: 0 }, svg, table);
}
