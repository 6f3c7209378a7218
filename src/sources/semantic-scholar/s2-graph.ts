/**
 * A library paper's neighbourhood from `POST /paper/batch` with nested `references.*` and
 * `citations.*` fields (API-FACTS 1.4): the answer's schema, its mapping to the core graph model
 * and the caps that bound what is kept (docs/metadata.md, "The citation graph").
 */
import { z } from "zod";
import type { GraphPaper } from "../../core/index.js";
import type { GraphCaps } from "../config.js";
import { type HttpClient, HttpError, jsonParser } from "../http/index.js";
import { postBatch } from "./s2-client.js";

/** Fields of a neighbour, asked under `references.` and `citations.`. */
export const NEIGHBOUR_FIELDS = [
  "paperId",
  "title",
  "year",
  "venue",
  "authors",
  "citationCount",
  "externalIds",
];

/** The `fields` query of a graph batch: the paper itself, then both nested lists. */
export const S2_GRAPH_FIELDS = [
  ...NEIGHBOUR_FIELDS.filter((f) => f !== "paperId"),
  "referenceCount",
  ...NEIGHBOUR_FIELDS.map((f) => `references.${f}`),
  ...NEIGHBOUR_FIELDS.map((f) => `citations.${f}`),
].join(",");

/** Documented limits of a nested answer: a nested list stops at 1,000, a batch at 9,999. */
export const S2_NESTED_LIST_LIMIT = 1000;
export const S2_BATCH_CITATIONS_LIMIT = 9999;
/** Entries of one page of `/paper/{id}/citations` or `/references` (`limit` ≤ 1,000, API-FACTS 1.8). */
export const S2_PAGE_LIMIT = 1000;

export type GraphListKind = "references" | "citations";

const nullish = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const neighbourSchema = z.object({
  paperId: z.string().nullable(),
  title: nullish(z.string()),
  year: nullish(z.number().int()),
  venue: nullish(z.string()),
  authors: nullish(z.array(z.object({ name: nullish(z.string()) }))),
  citationCount: nullish(z.number().int()),
  externalIds: nullish(z.record(z.string(), z.union([z.string(), z.number()]).nullable())),
});

const graphPaperSchema = neighbourSchema.extend({
  paperId: z.string(),
  referenceCount: nullish(z.number().int()),
  references: nullish(z.array(neighbourSchema)),
  citations: nullish(z.array(neighbourSchema)),
});

const graphBatchSchema = z.array(graphPaperSchema.nullable());
type Neighbour = z.output<typeof neighbourSchema>;

/** One library paper's answer, mapped and capped. */
export interface S2Neighbourhood {
  paper: GraphPaper;
  referenceCount?: number;
  citationCount?: number;
  /** Kept neighbours, best first; unresolved ones (no paperId) are left out. */
  references: GraphPaper[];
  citations: GraphPaper[];
  referencesTruncated: boolean;
  citationsTruncated: boolean;
  /**
   * Lists S2 cut short (its total above the nested entries it sent) while the cap wants more
   * than they gave: where the paged endpoint goes on (`offset`: the nested entries sent).
   */
  more: { kind: GraphListKind; offset: number }[];
}

export function graphPaperOf(p: Neighbour & { paperId: string }, authorCap: number): GraphPaper {
  const out: GraphPaper = { s2: p.paperId };
  const title = p.title?.trim();
  if (title) out.title = title;
  if (typeof p.year === "number") out.year = p.year;
  const venue = p.venue?.trim();
  if (venue) out.venue = venue;
  const authors = (p.authors ?? [])
    .map((a) => a.name?.trim() ?? "")
    .filter((n) => n !== "")
    .slice(0, authorCap);
  if (authors.length > 0) out.authors = authors;
  if (typeof p.citationCount === "number") out.citationCount = p.citationCount;
  const ids: NonNullable<GraphPaper["ids"]> = {};
  const ext = p.externalIds ?? {};
  if (typeof ext.ArXiv === "string" && ext.ArXiv !== "") ids.arxiv = ext.ArXiv;
  if (typeof ext.DOI === "string" && ext.DOI !== "") ids.doi = ext.DOI;
  const corpus = Number(ext.CorpusId);
  if (ext.CorpusId !== undefined && ext.CorpusId !== null && Number.isSafeInteger(corpus))
    ids.corpusId = corpus;
  if (Object.keys(ids).length > 0) out.ids = ids;
  return out;
}

/** Most cited first, then newest, then by id (stable across runs). */
function byImportance(a: GraphPaper, b: GraphPaper): number {
  return (
    (b.citationCount ?? 0) - (a.citationCount ?? 0) ||
    (b.year ?? 0) - (a.year ?? 0) ||
    (a.s2 < b.s2 ? -1 : a.s2 > b.s2 ? 1 : 0)
  );
}

function capList(
  list: readonly Neighbour[],
  cap: number,
  authorCap: number,
): { kept: GraphPaper[]; truncated: boolean } {
  const seen = new Set<string>();
  const resolved: GraphPaper[] = [];
  for (const n of list) {
    if (n.paperId === null || seen.has(n.paperId)) continue;
    seen.add(n.paperId);
    resolved.push(graphPaperOf({ ...n, paperId: n.paperId }, authorCap));
  }
  resolved.sort(byImportance);
  return { kept: resolved.slice(0, cap), truncated: resolved.length > cap };
}

/** Maps one validated batch item: the paper, its capped lists, whether a cap (ours or S2's) cut them. */
function neighbourhoodOf(p: z.output<typeof graphPaperSchema>, caps: GraphCaps): S2Neighbourhood {
  const refs = capList(p.references ?? [], caps.references, caps.authors);
  const cits = capList(p.citations ?? [], caps.citations, caps.authors);
  const more: S2Neighbourhood["more"] = [];
  const wants = (kind: GraphListKind, total: number | null | undefined, sent: number) => {
    const kept = kind === "references" ? refs.kept.length : cits.kept.length;
    const cap = kind === "references" ? caps.references : caps.citations;
    if ((total ?? 0) > sent && kept < cap) more.push({ kind, offset: sent });
  };
  wants("references", p.referenceCount, p.references?.length ?? 0);
  wants("citations", p.citationCount, p.citations?.length ?? 0);
  const out: S2Neighbourhood = {
    paper: graphPaperOf(p, caps.authors),
    references: refs.kept,
    citations: cits.kept,
    referencesTruncated: refs.truncated || (p.referenceCount ?? 0) > (p.references?.length ?? 0),
    citationsTruncated: cits.truncated || (p.citationCount ?? 0) > (p.citations?.length ?? 0),
    more,
  };
  if (typeof p.referenceCount === "number") out.referenceCount = p.referenceCount;
  if (typeof p.citationCount === "number") out.citationCount = p.citationCount;
  return out;
}

/** An answer too large for one response (documented 400), which a smaller batch avoids. */
export function isResponseTooLarge(err: unknown): boolean {
  return err instanceof HttpError && err.status === 400 && /exceed maximum size/i.test(err.body);
}

/**
 * One graph batch: up to 500 ids in, in the same order a neighbourhood or `null` (S2 does not
 * know the id). The caller keeps the batch under S2's nested-citation limit (`planGraphBatches`).
 * @example const [resnet] = await fetchGraphBatch(http, ["ARXIV:1512.03385"], DEFAULT_GRAPH_CAPS)
 */
export async function fetchGraphBatch(
  http: HttpClient,
  ids: readonly string[],
  caps: GraphCaps,
): Promise<{ items: (S2Neighbourhood | null)[]; fetchedAt: number }> {
  const res = await postBatch(http, graphBatchSchema, ids, S2_GRAPH_FIELDS);
  return {
    items: res.value.map((p) => (p === null ? null : neighbourhoodOf(p, caps))),
    fetchedAt: res.fetchedAt,
  };
}

/** Pages of `S2_PAGE_LIMIT` that `entries` more entries take. */
export function pagesFor(entries: number): number {
  return Math.max(0, Math.ceil(entries / S2_PAGE_LIMIT));
}

const pageSchema = z.object({
  offset: z.number().int().optional(),
  next: nullish(z.number().int()),
  data: nullish(
    z.array(
      z.object({ citedPaper: nullish(neighbourSchema), citingPaper: nullish(neighbourSchema) }),
    ),
  ),
});

/**
 * One page of a paper's references or citations from the paged endpoint, with the neighbour
 * fields of a batch: its resolved neighbours (deduplicated, unresolved ones left out) and the
 * offset of the next page (none on the last page, API-FACTS 1.8).
 * @example const { neighbours, next } = await fetchGraphPage(http, s2, "citations", 1000, caps)
 */
export async function fetchGraphPage(
  http: HttpClient,
  s2: string,
  kind: GraphListKind,
  offset: number,
  caps: GraphCaps,
): Promise<{ neighbours: GraphPaper[]; next?: number; fetchedAt: number }> {
  const res = await http.request({
    path: `/paper/${encodeURIComponent(s2)}/${kind}`,
    query: { fields: NEIGHBOUR_FIELDS.join(","), offset, limit: S2_PAGE_LIMIT },
    cache: "bypass",
    parse: jsonParser(pageSchema),
  });
  const rows = (res.value.data ?? []).map(
    (row) => (kind === "references" ? row.citedPaper : row.citingPaper) ?? { paperId: null },
  );
  // Every resolved one (no cap here): the caller merges them with what it kept, then caps.
  const { kept } = capList(rows, Number.POSITIVE_INFINITY, caps.authors);
  const next = res.value.next;
  return {
    neighbours: kept,
    ...(typeof next === "number" && next > offset ? { next } : {}),
    fetchedAt: res.fetchedAt,
  };
}

/**
 * What a list keeps after more neighbours came: the `cap` most important of both (the same as
 * capping everything ever seen, since a cap keeps a prefix of one total order).
 */
export function mergeCapped(
  kept: readonly GraphPaper[],
  more: readonly GraphPaper[],
  cap: number,
): { kept: GraphPaper[]; truncated: boolean } {
  const seen = new Set<string>();
  const all: GraphPaper[] = [];
  for (const p of [...kept, ...more]) {
    if (seen.has(p.s2)) continue;
    seen.add(p.s2);
    all.push(p);
  }
  all.sort(byImportance);
  return { kept: all.slice(0, cap), truncated: all.length > cap };
}
