import { type ChartFrame, emptyNote, escapeXml, num, svgDocument } from "./svg.js";

export interface StackedRow {
  key: string;
  label: string;
  /** One value per series, in series order. */
  values: readonly number[];
  /** A tooltip per segment. */
  tooltips: readonly string[];
}

export interface StackedBarOptions {
  frame: Omit<ChartFrame, "height">;
  /** Series names (the legend), in stacking order. */
  series: readonly string[];
  rows: readonly StackedRow[];
  noData: string;
}

const LABEL_WIDTH = 168;
const ROW = 22;
const TOP = 36;

/** Approximate width of text at 12px: CJK and full-width characters are about twice as wide. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 12
        : 7;
  return w;
}

function fitText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** Series drawn in currentColor at rising opacity: readable in light and dark without CSS. */
const OPACITY = [0.14, 0.4, 0.7, 1];

/**
 * Horizontal stacked bars, one row per item (label on the left, cut to fit with the full text in
 * its tooltip), a legend on top; bars are scaled to the largest row total.
 */
export function renderStackedBarSvg(options: StackedBarOptions): string {
  const { rows, series } = options;
  const height = TOP + Math.max(1, rows.length) * ROW + 8;
  const frame: ChartFrame = { ...options.frame, height };
  if (rows.length === 0)
    return svgDocument(frame, emptyNote(frame.width, height / 2, options.noData));
  const plotWidth = frame.width - LABEL_WIDTH - 40;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((s, v) => s + v, 0)));
  let lx = LABEL_WIDTH;
  const legend = series
    .map((name, i) => {
      const item = `<rect class="jd-pass-${i}" x="${num(lx)}" y="8" width="12" height="12" fill="currentColor" fill-opacity="${OPACITY[i] ?? 1}"/><text x="${num(lx + 16)}" y="18">${escapeXml(name)}</text>`;
      lx += 16 + textWidth(name) + 16;
      return item;
    })
    .join("");
  const body = rows
    .map((r, i) => {
      const y = TOP + i * ROW;
      let x = LABEL_WIDTH;
      const total = r.values.reduce((s, v) => s + v, 0);
      const segments = r.values
        .map((v, j) => {
          const w = (v / max) * plotWidth;
          const seg = `<rect class="jd-segment jd-pass-${j}" x="${num(x)}" y="${y}" width="${num(w)}" height="${ROW - 6}" fill="currentColor" fill-opacity="${OPACITY[j] ?? 1}" data-key="${escapeXml(r.key)}" data-series="${j}" data-value="${escapeXml(num(v, 2))}"><title>${escapeXml(r.tooltips[j] ?? "")}</title></rect>`;
          x += w;
          return seg;
        })
        .join("");
      return (
        `<g class="jd-row" data-key="${escapeXml(r.key)}">` +
        `<text x="${LABEL_WIDTH - 8}" y="${y + ROW - 10}" text-anchor="end"><title>${escapeXml(r.label)}</title>${escapeXml(fitText(r.label, LABEL_WIDTH - 12))}</text>` +
        `${segments}<text x="${num(x + 6)}" y="${y + ROW - 10}">${escapeXml(num(total, 2))}</text></g>`
      );
    })
    .join("");
  return svgDocument(frame, `<g class="jd-legend">${legend}</g><g class="jd-rows">${body}</g>`);
}
