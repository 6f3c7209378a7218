export { type Bar, type BarChartOptions, renderBarSvg } from "./bar-chart.js";
export { type DayPoint, type LineChartOptions, renderLineSvg } from "./line-chart.js";
export {
  type ChartMessages,
  chartMessagesEn,
  chartMessagesZh,
  type PerWeekMessages,
} from "./messages.js";
export { type MetricHistoryOptions, metricHistoryChart } from "./metric-history-chart.js";
export {
  type NeighbourhoodMessages,
  type NeighbourhoodOptions,
  type NeighbourhoodRole,
  neighbourhoodGraph,
} from "./neighbourhood-graph.js";
export {
  type ChartOptions,
  cumulativeHoursChart,
  episodesPerWeekChart,
  papersByPassChart,
  papersPerWeekChart,
} from "./progress-charts.js";
export {
  renderStackedBarSvg,
  type StackedBarOptions,
  type StackedRow,
} from "./stacked-bar-chart.js";
export { CHART_CSS, CHART_FONT, escapeXml, type RenderedChart } from "./svg.js";
