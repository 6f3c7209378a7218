/**
 * A paper's neighbourhood in the citation graph as a server-drawn SVG (issue 19), in the spirit of
 * Connected Papers but laid out in three columns so that it is deterministic and needs no script:
 * the earlier works the learner's papers cite on the left, the learner's papers (the seeds) in the
 * middle, the later works citing them on the right. Nodes are sized by citations and shaded by
 * year (older is lighter); edges are the citations between the papers shown. Every node is a link
 * (a seed to its page, a suggestion to its entry with the add button).
 */
import type { CitationGraphView } from "../../core/index.js";
import type { RelatedPaper, Seed } from "../related-papers.js";
import {
  type ChartFrame,
  dataTable,
  escapeXml,
  figure,
  num,
  type RenderedChart,
  svgDocument,
} from "./svg.js";

export type NeighbourhoodRole = "prior" | "seed" | "later";

/** Every string the graph shows (the app passes its catalog's). */
export interface NeighbourhoodMessages {
  title: string;
  /** The sentence under the graph (also its `<desc>`). */
  summary: (seeds: number, suggestions: number, edges: number) => string;
  /** Column headings and the table's role names. */
  roles: Record<NeighbourhoodRole, string>;
  /** A node's tooltip. */
  node: (title: string, year: string, citations: string) => string;
  columns: { paper: string; role: string; year: string; citations: string; links: string };
}

export interface NeighbourhoodOptions {
  /** Unique in the page. */
  id: string;
  graph: CitationGraphView;
  seeds: readonly Seed[];
  /** Ranked suggestions, best first; the first `maxSuggestions` are drawn. */
  suggestions: readonly RelatedPaper[];
  messages: NeighbourhoodMessages;
  locale: string;
  /** Where a node links to. */
  seedHref: (seed: Seed) => string;
  suggestionHref: (suggestion: RelatedPaper, rank: number) => string;
  formatNumber?: (n: number) => string;
  maxSeeds?: number;
  maxSuggestions?: number;
}

interface PlacedNode {
  s2: string;
  role: NeighbourhoodRole;
  label: string;
  title: string;
  year?: number | undefined;
  citations?: number | undefined;
  href: string;
  x: number;
  y: number;
  r: number;
}

const WIDTH = 760;
const TOP = 44;
const ROW = 34;
const SEED_ROW = 46;
const COLUMN_X: Record<NeighbourhoodRole, number> = { prior: 210, seed: 380, later: 550 };

/** `text` cut to about `units` (a CJK character counts two), with an ellipsis when cut. */
function shorten(text: string, units: number): string {
  let used = 0;
  let out = "";
  for (const ch of text) {
    used += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
    if (used > units) return `${out.trimEnd()}…`;
    out += ch;
  }
  return out;
}

/** A suggestion's side: what the seeds cite is earlier work, what cites them later work. */
function roleOf(r: RelatedPaper, seedYear: number | undefined): NeighbourhoodRole {
  if (r.citedBy.length !== r.cites.length)
    return r.citedBy.length > r.cites.length ? "prior" : "later";
  if (r.paper.year !== undefined && seedYear !== undefined && r.paper.year < seedYear)
    return "prior";
  return "later";
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The drawn papers in their columns, each column ordered by year (unknown last), then id. */
function placeNodes(o: NeighbourhoodOptions): { nodes: PlacedNode[]; height: number } {
  const seeds = [...o.seeds]
    .sort((a, b) => b.weight - a.weight || a.paperId.localeCompare(b.paperId))
    .slice(0, o.maxSeeds ?? 10);
  const seedYear = median(
    seeds.flatMap((s) => {
      const y = o.graph.papers.get(s.s2)?.year;
      return y === undefined ? [] : [y];
    }),
  );
  const columns: Record<NeighbourhoodRole, Omit<PlacedNode, "x" | "y" | "r">[]> = {
    prior: [],
    seed: [],
    later: [],
  };
  for (const s of seeds) {
    const p = o.graph.papers.get(s.s2);
    columns.seed.push({
      s2: s.s2,
      role: "seed",
      label: s.name,
      title: p?.title ?? s.name,
      year: p?.year,
      citations: p?.citationCount,
      href: o.seedHref(s),
    });
  }
  o.suggestions.slice(0, o.maxSuggestions ?? 12).forEach((r, rank) => {
    const title = r.paper.title ?? r.s2;
    columns[roleOf(r, seedYear)].push({
      s2: r.s2,
      role: roleOf(r, seedYear),
      label: title,
      title,
      year: r.paper.year,
      citations: r.paper.citationCount,
      href: o.suggestionHref(r, rank),
    });
  });
  const rowOf = (role: NeighbourhoodRole) => (role === "seed" ? SEED_ROW : ROW);
  const tallest = Math.max(
    1,
    ...(Object.keys(columns) as NeighbourhoodRole[]).map((k) => columns[k].length * rowOf(k)),
  );
  const nodes: PlacedNode[] = [];
  for (const role of Object.keys(columns) as NeighbourhoodRole[]) {
    const list = columns[role].sort(
      (a, b) =>
        (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER) ||
        a.s2.localeCompare(b.s2),
    );
    const row = rowOf(role);
    const offset = TOP + (tallest - list.length * row) / 2;
    list.forEach((n, i) => {
      const r = Math.min(16, 5 + 2.2 * Math.log10(1 + (n.citations ?? 0)));
      nodes.push({ ...n, x: COLUMN_X[role], y: offset + i * row + row / 2, r });
    });
  }
  return { nodes, height: TOP + tallest + 12 };
}

/** Citations among the drawn papers, as [citing, cited] S2 ids, each once. */
function edgesAmong(graph: CitationGraphView, shown: ReadonlySet<string>): [string, string][] {
  const edges = new Map<string, [string, string]>();
  const add = (from: string, to: string) => {
    if (from !== to && shown.has(from) && shown.has(to)) edges.set(`${from}>${to}`, [from, to]);
  };
  for (const s2 of shown) {
    for (const to of graph.references.get(s2) ?? []) add(s2, to);
    for (const from of graph.citations.get(s2) ?? []) add(from, s2);
  }
  return [...edges.values()].sort(([a, b], [c, d]) => a.localeCompare(c) || b.localeCompare(d));
}

/**
 * The neighbourhood SVG with its text alternatives (a table of every node). Deterministic: the
 * same graph and ranking draw the same bytes.
 * @example neighbourhoodGraph({ id: "next-graph", graph, seeds, suggestions, messages, … }).html
 */
export function neighbourhoodGraph(o: NeighbourhoodOptions): RenderedChart {
  const { nodes, height } = placeNodes(o);
  const byId = new Map(nodes.map((n) => [n.s2, n]));
  const edges = edgesAmong(o.graph, new Set(byId.keys()));
  const years = nodes.flatMap((n) => (n.year === undefined ? [] : [n.year]));
  const oldest = Math.min(...years);
  const span = Math.max(...years) - oldest;
  const shade = (year: number | undefined) =>
    year === undefined ? 0.5 : span > 0 ? 0.35 + (0.65 * (year - oldest)) / span : 1;
  const f = o.formatNumber ?? ((n: number) => String(n));
  const m = o.messages;
  const summary = m.summary(
    nodes.filter((n) => n.role === "seed").length,
    nodes.filter((n) => n.role !== "seed").length,
    edges.length,
  );
  // A group, not an image: its nodes are links.
  const frame: ChartFrame = {
    id: o.id,
    title: m.title,
    summary,
    locale: o.locale,
    width: WIDTH,
    height,
    role: "group",
  };
  const headings = (Object.keys(COLUMN_X) as NeighbourhoodRole[])
    .map(
      (role) =>
        `<text class="jd-graph-heading" x="${COLUMN_X[role]}" y="18" text-anchor="middle" font-weight="600">${escapeXml(m.roles[role])}</text>`,
    )
    .join("");
  const lines = edges
    .map(([from, to]) => {
      const a = byId.get(from) as PlacedNode;
      const b = byId.get(to) as PlacedNode;
      return `<line class="jd-edge" x1="${num(a.x)}" y1="${num(a.y)}" x2="${num(b.x)}" y2="${num(b.y)}" stroke="currentColor" stroke-opacity="0.3" data-from="${a.s2}" data-to="${b.s2}"/>`;
    })
    .join("");
  const drawn = nodes
    .map((n) => {
      const tip = m.node(
        n.title,
        n.year === undefined ? "—" : String(n.year),
        n.citations === undefined ? "—" : f(n.citations),
      );
      const label =
        n.role === "seed"
          ? `<text x="${num(n.x)}" y="${num(n.y + n.r + 12)}" text-anchor="middle">${escapeXml(shorten(n.label, 22))}</text>`
          : n.role === "prior"
            ? `<text x="${num(n.x - n.r - 6)}" y="${num(n.y + 4)}" text-anchor="end">${escapeXml(shorten(n.label, 30))}</text>`
            : `<text x="${num(n.x + n.r + 6)}" y="${num(n.y + 4)}" text-anchor="start">${escapeXml(shorten(n.label, 30))}</text>`;
      return (
        `<a class="jd-node jd-node-${n.role}" href="${escapeXml(n.href)}" data-s2="${n.s2}">` +
        `<title>${escapeXml(tip)}</title>` +
        `<circle cx="${num(n.x)}" cy="${num(n.y)}" r="${num(n.r)}" fill-opacity="${num(shade(n.year), 2)}"${n.role === "seed" ? ' stroke="currentColor" stroke-width="2"' : ""}/>` +
        `${label}</a>`
      );
    })
    .join("");
  const svg = svgDocument(
    frame,
    `${headings}<g class="jd-edges">${lines}</g><g class="jd-nodes">${drawn}</g>`,
  );
  const linksOf = (s2: string) => edges.filter(([a, b]) => a === s2 || b === s2).length;
  const table = dataTable(
    m.title,
    [m.columns.paper, m.columns.role, m.columns.year, m.columns.citations, m.columns.links],
    nodes.map((n) => [
      n.title,
      m.roles[n.role],
      n.year ?? "—",
      n.citations === undefined ? "—" : f(n.citations),
      linksOf(n.s2),
    ]),
  );
  return figure(frame, svg, table);
}
