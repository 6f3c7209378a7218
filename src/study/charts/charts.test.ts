import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { chartMessagesEn, chartMessagesZh } from "./messages.js";
import {
  cumulativeHoursChart,
  episodesPerWeekChart,
  papersByPassChart,
  papersPerWeekChart,
} from "./progress-charts.js";

type Element = ReturnType<typeof DomUtils.findAll>[number];

function elements(nodes: Parameters<typeof DomUtils.findAll>[1]): Element[] {
  return DomUtils.findAll(() => true, nodes);
}
const text = (el: Element): string => DomUtils.textContent(el);

/** The parsed SVG (as XML): its root, and every element. */
function parseSvg(svg: string): { root: Element; all: Element[] } {
  const doc = parseDocument(svg, { xmlMode: true });
  const all = elements(doc.children);
  const root = all[0];
  if (root?.name !== "svg") throw new Error("not an svg");
  return { root, all };
}

function accessibleName(svg: string): { title: string; desc: string } {
  const { root, all } = parseSvg(svg);
  expect(root.attribs.role).toBe("img");
  const [titleId, descId] = (root.attribs["aria-labelledby"] ?? "").split(" ");
  const title = all.find((e) => e.name === "title" && e.attribs.id === titleId);
  const desc = all.find((e) => e.name === "desc" && e.attribs.id === descId);
  expect(title && desc).toBeTruthy();
  return { title: text(title as Element), desc: text(desc as Element) };
}

const hours = [
  { day: "2024-07-01", value: 0.42 },
  { day: "2024-07-02", value: 0.75 },
  { day: "2024-07-10", value: 1.25 },
  { day: "2024-07-23", value: 1.67 },
  { day: "2024-07-24", value: 1.67 },
];
const weeks = [
  { week: "2024-07-01", value: 2 },
  { week: "2024-07-08", value: 1 },
  { week: "2024-07-15", value: 0 },
  { week: "2024-07-22", value: 0 },
];

describe("cumulative hours chart", () => {
  it("has a title and desc, one point per day with its value, and a data table", () => {
    const chart = cumulativeHoursChart(hours, { id: "hours", messages: chartMessagesEn });
    expect(accessibleName(chart.svg)).toEqual({
      title: "Hours watched, cumulative",
      desc: "1.67 hours watched in total from 2024-07-01 to 2024-07-24.",
    });
    const points = parseSvg(chart.svg).all.filter((e) => e.name === "circle");
    expect(points.map((p) => [p.attribs["data-day"], Number(p.attribs["data-value"])])).toEqual(
      hours.map((h) => [h.day, h.value]),
    );
    // Time is the x axis: 8 days between the 2nd and 3rd points, 1 between the 1st and 2nd.
    const xs = points.map((p) => Number(p.attribs.cx));
    const [x0 = 0, x1 = 0, x2 = 0] = xs;
    expect((x2 - x1) / (x1 - x0)).toBeCloseTo(8, 5);
    // Higher values are drawn higher (smaller y).
    const ys = points.map((p) => Number(p.attribs.cy));
    expect(ys[0]).toBeGreaterThan(ys[3] ?? 0);
    expect(chart.table).toContain("<td>1.25</td>");
    expect(chart.html).toMatch(/^<figure class="jd-chart" id="hours" lang="en">/);
    expect(chart.html).toContain(`<figcaption>${chart.summary}</figcaption>`);
  });

  it("reads in Chinese with the Chinese catalog, with a CJK-capable font", () => {
    const chart = cumulativeHoursChart(hours, { id: "h", messages: chartMessagesZh });
    expect(accessibleName(chart.svg).title).toBe("累计观看时长");
    expect(chart.svg).toContain(">7月1日</text>");
    expect(chart.svg).toContain(">小时</text>");
    expect(parseSvg(chart.svg).root.attribs["font-family"]).toContain("Noto Sans CJK SC");
  });

  it("says there is nothing yet when there are no points", () => {
    const chart = cumulativeHoursChart([], { id: "h", messages: chartMessagesEn });
    expect(accessibleName(chart.svg).desc).toBe(chartMessagesEn.noData);
    expect(parseSvg(chart.svg).all.some((e) => e.name === "circle")).toBe(false);
  });
});

describe("per-week bar charts", () => {
  it("draw one bar per week with its value; taller bars for larger values", () => {
    const chart = episodesPerWeekChart(weeks, { id: "eps", messages: chartMessagesEn });
    expect(accessibleName(chart.svg).desc).toBe(
      "3 episodes finished in the last 4 weeks; at most 2 in one week.",
    );
    const bars = parseSvg(chart.svg).all.filter((e) => e.name === "rect");
    expect(bars.map((b) => [b.attribs["data-key"], Number(b.attribs["data-value"])])).toEqual(
      weeks.map((w) => [w.week, w.value]),
    );
    const [h0, h1, h2] = bars.map((b) => Number(b.attribs.height));
    expect(h0).toBeCloseTo(2 * (h1 ?? 0), 5);
    expect(h2).toBe(0);
    const rows = parseSvg(`<svg>${chart.table}</svg>`).all.filter((e) => e.name === "tr");
    expect(rows).toHaveLength(1 + weeks.length);
  });

  it("uses the papers messages for papers", () => {
    const chart = papersPerWeekChart(weeks, { id: "p", messages: chartMessagesZh });
    expect(accessibleName(chart.svg).title).toBe("每周读完的论文（第三遍）");
  });
});

describe("papers by category and pass", () => {
  const data = [
    {
      categoryId: "cv",
      name: "计算机视觉 - CNN",
      byPass: [5, 1, 0, 1] as [number, number, number, number],
    },
    {
      categoryId: "x",
      name: `<script>alert("x")</script> & co`,
      byPass: [0, 0, 2, 0] as [number, number, number, number],
    },
  ];

  it("stacks one segment per pass for each category, with escaped names", () => {
    const chart = papersByPassChart(data, { id: "cats", messages: chartMessagesZh });
    expect(accessibleName(chart.svg)).toEqual({
      title: "各分类论文的阅读进度",
      desc: "2 个分类共 9 篇论文，已读（至少一遍）4 篇。",
    });
    const { all } = parseSvg(chart.svg);
    const segments = all.filter((e) => e.attribs.class?.includes("jd-segment"));
    expect(segments).toHaveLength(8);
    expect(
      segments.map(
        (s) => `${s.attribs["data-key"]}:${s.attribs["data-series"]}=${s.attribs["data-value"]}`,
      ),
    ).toEqual(["cv:0=5", "cv:1=1", "cv:2=0", "cv:3=1", "x:0=0", "x:1=0", "x:2=2", "x:3=0"]);
    expect(all.some((e) => e.name === "script")).toBe(false);
    expect(chart.svg).toContain("&lt;script&gt;alert(&quot;x&quot;)");
    expect(chart.table).not.toContain("<script>");
    expect(chart.table).toContain('<th scope="col">第三遍</th>');
  });

  it("is deterministic", () => {
    const a = papersByPassChart(data, { id: "cats", messages: chartMessagesEn });
    const b = papersByPassChart(data, { id: "cats", messages: chartMessagesEn });
    expect(a).toEqual(b);
  });
});
