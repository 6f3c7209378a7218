import {
  type AxisChartOptions,
  axisChart,
  type ChartDatum,
  emptyNote,
  escapeXml,
  num,
} from "./svg.js";

export interface Bar extends ChartDatum {
  /** Stable key (e.g. the week's Monday), written as `data-key`. */
  key: string;
}

export interface BarChartOptions extends AxisChartOptions {
  bars: readonly Bar[];
}

const MARGIN = { left: 48, right: 16, top: 28, bottom: 32 };

/** Vertical bars, one per item, the value written above each non-empty bar. */
export function renderBarSvg(options: BarChartOptions): string {
  const { frame, bars } = options;
  const values = bars.map((b) => b.value);
  return axisChart(options, MARGIN, values, (area, scale) => {
    const slot = area.width / bars.length;
    const barWidth = Math.max(2, slot * 0.7);
    // Label every bar when they fit, else every k-th (the last one always).
    const every = Math.max(1, Math.ceil(bars.length / Math.floor(area.width / 64)));
    const parts = bars.map((b, i) => {
      const h = (b.value / scale.max) * area.height;
      const x = area.left + i * slot + (slot - barWidth) / 2;
      const y = area.top + area.height - h;
      const cx = num(x + barWidth / 2);
      let out = `<rect class="jd-bar" x="${num(x)}" y="${num(y)}" width="${num(barWidth)}" height="${num(h)}" data-key="${escapeXml(b.key)}" data-value="${escapeXml(num(b.value, 2))}"><title>${escapeXml(b.tooltip)}</title></rect>`;
      if (b.value > 0)
        out += `<text x="${cx}" y="${num(y - 4)}" text-anchor="middle">${escapeXml(num(b.value, 2))}</text>`;
      const last = bars.length - 1;
      if ((i % every === 0 && last - i >= every) || i === last)
        out += `<text x="${cx}" y="${frame.height - 10}" text-anchor="middle">${escapeXml(b.label)}</text>`;
      return out;
    });
    const empty =
      Math.max(0, ...values) === 0
        ? emptyNote(frame.width, area.top + area.height / 2, options.noData)
        : "";
    return `<g class="jd-bars">${parts.join("")}</g>${empty}`;
  });
}
