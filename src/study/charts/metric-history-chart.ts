/**
 * A fetched number over time — a paper's citations, a video's views — as a small line chart, from
 * the history `metadata/*.jsonl` keeps for it (one point per fetch that changed or confirmed it).
 */
import { renderLineSvg } from "./line-chart.js";
import { type ChartFrame, dataTable, figure, type RenderedChart } from "./svg.js";

export interface MetricHistoryOptions {
  /** Unique in the page. */
  id: string;
  /** `引用数 · Semantic Scholar`. */
  title: string;
  /** The value column and axis (`引用` / `views`). */
  axisName: string;
  dayColumn: string;
  /** The sentence under the chart, from the first and last point. */
  summary: (first: string, last: string, from: string, to: string) => string;
  locale: string;
  /** How a value is written (the page's number format). */
  formatValue: (n: number) => string;
  width?: number;
}

/**
 * A line over the recorded points (`[ISO time, value]`, oldest first); several fetches on one day
 * count as that day's last one. Undefined below two days: one point is no history.
 * @example metricHistoryChart([["2026-11-01T…", 10], ["2026-12-01T…", 12]], opts)?.html
 */
export function metricHistoryChart(
  history: readonly (readonly [string, number])[],
  options: MetricHistoryOptions,
): RenderedChart | undefined {
  const byDay = new Map<string, number>();
  for (const [at, value] of history) byDay.set(at.slice(0, 10), value);
  const points = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  const first = points[0];
  const last = points.at(-1);
  if (points.length < 2 || !first || !last) return undefined;
  const f = options.formatValue;
  const frame: ChartFrame = {
    id: options.id,
    title: options.title,
    summary: options.summary(f(first[1]), f(last[1]), first[0], last[0]),
    locale: options.locale,
    width: options.width ?? 360,
    height: 160,
  };
  const svg = renderLineSvg({
    frame,
    axisName: options.axisName,
    noData: "",
    points: points.map(([day, value]) => ({
      day,
      value,
      label: day,
      tooltip: `${day}: ${f(value)}`,
    })),
  });
  const table = dataTable(
    options.title,
    [options.dayColumn, options.axisName],
    points.map(([day, value]) => [day, f(value)]),
  );
  return figure(frame, svg, table);
}
