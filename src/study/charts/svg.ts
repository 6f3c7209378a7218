/** Shared pieces of the SVG charts: escaping, numbers, scales, axes and the figure around them. */

/** Escapes text for XML/HTML content and double-quoted attributes. */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A coordinate or value with at most `places` decimals and no trailing zeros (`12.5`, `3`). */
export function num(n: number, places = 1): string {
  if (!Number.isFinite(n)) return "0";
  const f = 10 ** places;
  const r = Math.round(n * f) / f;
  return String(Object.is(r, -0) ? 0 : r);
}

/** System fonts with CJK fallbacks, so Chinese labels render on every platform. */
export const CHART_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', " +
  "'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/**
 * Styles for the charts. The SVG works without them (everything is drawn in `currentColor`, so it
 * follows light and dark text); with them, bars and lines take the page's accent colours.
 * The citation graph (`#next-graph`) draws 12-unit labels on 760 units: scaled to a phone's width
 * they would be under 6 px, so below 600 px it keeps 600 px (labels 9.5 px) and scrolls sideways
 * in its own frame; the page itself never does.
 */
export const CHART_CSS = `.jd-chart { margin: 1rem 0; }
.jd-chart svg { display: block; max-width: 100%; height: auto; overflow: visible; }
.jd-chart figcaption { font-size: 0.9em; color: var(--muted, inherit); }
.jd-chart .jd-line { stroke: var(--jd-chart-line, var(--accent, currentColor)); }
.jd-chart .jd-point, .jd-chart .jd-bar { fill: var(--jd-chart-bar, var(--accent, currentColor)); }
.jd-chart .jd-pass-1, .jd-chart .jd-pass-2, .jd-chart .jd-pass-3 { fill: var(--jd-chart-pass, var(--accent, currentColor)); }
.jd-chart .jd-grid { stroke: var(--line, currentColor); }
#next-graph { overflow-x: auto; }
#next-graph svg { min-width: 600px; }
.jd-visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }`;

/** What every chart function returns: the SVG, its text alternatives, and both in a figure. */
export interface RenderedChart {
  /** `<svg role="img">` with `<title>` and `<desc>`. */
  svg: string;
  /** The data as a `<table>` in a visually hidden `<div class="jd-visually-hidden">`. */
  table: string;
  /** One sentence that sums the chart up (also the `<desc>` and the figcaption). */
  summary: string;
  /** `<figure>` holding the SVG, a `<figcaption>` with the summary, and the table. */
  html: string;
}

export interface ChartFrame {
  /** Unique in the page: the ids of title and desc derive from it. */
  id: string;
  title: string;
  summary: string;
  locale: string;
  width: number;
  height: number;
  /**
   * `img` (default) for a picture; `group` when the SVG holds links, which an `img` would make
   * presentational (axe: nested-interactive).
   */
  role?: "img" | "group";
}

/** One bar or point of an axis chart: its value, its axis label and its tooltip. */
export interface ChartDatum {
  value: number;
  label: string;
  tooltip: string;
}

/** What every axis chart is told besides its data: its frame, the value axis's name, the empty text. */
export interface AxisChartOptions {
  frame: ChartFrame;
  axisName: string;
  noData: string;
}

export function svgDocument(frame: ChartFrame, body: string): string {
  const id = escapeXml(frame.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="jd-chart-svg" role="${frame.role ?? "img"}" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" ` +
    `aria-labelledby="${id}-title ${id}-desc" font-family="${CHART_FONT}" font-size="12" ` +
    `fill="currentColor">` +
    `<title id="${id}-title">${escapeXml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(frame.summary)}</desc>${body}</svg>`
  );
}

/** A data table with a caption; every cell escaped. */
export function dataTable(caption: string, head: string[], rows: (string | number)[][]): string {
  const th = head.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join("");
  const tr = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeXml(c)}</th>` : `<td>${escapeXml(c)}</td>`)).join("")}</tr>`,
    )
    .join("");
  // The class is on a wrapper: a table is never narrower than its content, so hiding the table
  // itself would still widen the page (a horizontal scroll on a phone).
  return `<div class="jd-visually-hidden"><table><caption>${escapeXml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`;
}

export function figure(frame: ChartFrame, svg: string, table: string): RenderedChart {
  const html =
    `<figure class="jd-chart" id="${escapeXml(frame.id)}" lang="${escapeXml(frame.locale)}">` +
    `${svg}<figcaption>${escapeXml(frame.summary)}</figcaption>${table}</figure>`;
  return { svg, table, summary: frame.summary, html };
}

/** A "nice" upper bound and step for a value axis starting at 0, with about `ticks` steps. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The plot area inside a frame, leaving `margin` around it for axes and labels. */
export function plotArea(
  frame: { width: number; height: number },
  margin: { left: number; right: number; top: number; bottom: number },
): PlotArea {
  return {
    left: margin.left,
    top: margin.top,
    width: frame.width - margin.left - margin.right,
    height: frame.height - margin.top - margin.bottom,
  };
}

/**
 * An axis chart: a value axis scaled to the largest of `values` around what `plot` draws in the
 * plot area inside `margin`; with no values, the whole SVG saying there is no data.
 */
export function axisChart(
  options: AxisChartOptions,
  margin: { left: number; right: number; top: number; bottom: number },
  values: readonly number[],
  plot: (area: PlotArea, scale: { max: number; step: number }) => string,
): string {
  const { frame } = options;
  if (values.length === 0) {
    return svgDocument(frame, emptyNote(frame.width, frame.height, options.noData));
  }
  const area = plotArea(frame, margin);
  const scale = niceScale(Math.max(0, ...values));
  return svgDocument(frame, valueAxis(area, scale, options.axisName) + plot(area, scale));
}

/** Horizontal grid lines with value labels on the left, and the axis name above them. */
function valueAxis(area: PlotArea, scale: { max: number; step: number }, name: string): string {
  const parts: string[] = [];
  const places = scale.step < 1 ? 2 : 0;
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    const y = area.top + area.height - (v / scale.max) * area.height;
    parts.push(
      `<line class="jd-grid" x1="${area.left}" x2="${area.left + area.width}" y1="${num(y)}" y2="${num(y)}" stroke="currentColor" stroke-opacity="0.2"/>`,
      `<text x="${area.left - 6}" y="${num(y + 4)}" text-anchor="end">${escapeXml(num(v, places))}</text>`,
    );
  }
  parts.push(
    `<text x="${area.left}" y="${area.top - 8}" text-anchor="start">${escapeXml(name)}</text>`,
  );
  return `<g class="jd-axis">${parts.join("")}</g>`;
}

/** A centred note for a chart with nothing to show. */
export function emptyNote(width: number, height: number, text: string): string {
  return `<text class="jd-empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">${escapeXml(text)}</text>`;
}
