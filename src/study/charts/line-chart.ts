import { dayNumber } from "../dates.js";
import { type AxisChartOptions, axisChart, type ChartDatum, escapeXml, num } from "./svg.js";

export interface DayPoint extends ChartDatum {
  /** `YYYY-MM-DD`; the x axis is time, so gaps between days keep their length. */
  day: string;
}

export interface LineChartOptions extends AxisChartOptions {
  points: readonly DayPoint[];
}

const MARGIN = { left: 48, right: 24, top: 28, bottom: 32 };

/** A line over days (x scaled by date), a dot per point, first/last (and middle) days labelled. */
export function renderLineSvg(options: LineChartOptions): string {
  const { frame, points } = options;
  return axisChart(
    options,
    MARGIN,
    points.map((p) => p.value),
    (area, scale) => {
      const days = points.map((p) => dayNumber(p.day));
      const first = Math.min(...days);
      const span = Math.max(1, Math.max(...days) - first);
      const x = (day: string): number =>
        points.length === 1
          ? area.left + area.width / 2
          : area.left + ((dayNumber(day) - first) / span) * area.width;
      const y = (v: number): number => area.top + area.height - (v / scale.max) * area.height;
      const path = points
        .map((p, i) => `${i === 0 ? "M" : "L"}${num(x(p.day))} ${num(y(p.value))}`)
        .join(" ");
      const dots = points
        .map(
          (p) =>
            `<circle class="jd-point" cx="${num(x(p.day))}" cy="${num(y(p.value))}" r="3" data-day="${escapeXml(p.day)}" data-value="${escapeXml(num(p.value, 2))}"><title>${escapeXml(p.tooltip)}</title></circle>`,
        )
        .join("");
      const labelled = new Set([0, points.length - 1]);
      if (points.length > 4) labelled.add(Math.floor((points.length - 1) / 2));
      const labels = [...labelled]
        .sort((a, b) => a - b)
        .map((i) => points[i])
        .filter((p): p is DayPoint => p !== undefined)
        .map((p, i, all) => {
          const anchor =
            all.length > 1 && i === 0
              ? "start"
              : i === all.length - 1 && all.length > 1
                ? "end"
                : "middle";
          return `<text x="${num(x(p.day))}" y="${frame.height - 10}" text-anchor="${anchor}">${escapeXml(p.label)}</text>`;
        })
        .join("");
      return (
        `<path class="jd-line" d="${path}" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>` +
        `<g class="jd-points">${dots}</g><g class="jd-labels">${labels}</g>`
      );
    },
  );
}
