/** `jingdu add paper ID|URL|"title"`: resolve to a paper, with a confidence for title matches. */
import {
  arxivPdfUrl,
  isWebUrl,
  JingduError,
  type Paper,
  slugify,
  uniqueId,
} from "../core/index.js";
import { makePaper } from "../core/make-items.js";
import type { ArxivEntry } from "./arxiv/atom.js";
import type { FetchInput } from "./fetched-metadata.js";
import { NotFoundError, SourceError } from "./http/index.js";
import { arxivValues, s2Values } from "./record-values.js";
import { type PaperQuery, parsePaperQuery } from "./semantic-scholar/paper-query.js";
import type { S2PaperData } from "./semantic-scholar/s2-map.js";
import type { Sources } from "./sources.js";
import { AUTO_ACCEPT_SIMILARITY, titleSimilarity } from "./title-similarity.js";

export interface ResolvedPaper {
  query: PaperQuery;
  how: "id" | "title";
  /** 1 for ids; for a title, how alike the typed title and the found one are (0…1). */
  confidence: number;
  /** Safe to add without asking: always for ids, for titles at ≥ AUTO_ACCEPT_SIMILARITY. */
  accepted: boolean;
  /** Semantic Scholar's own matchScore for a title match. */
  matchScore?: number;
  /** Where the data came from: S2, or arXiv when S2 could not answer for an arXiv id. */
  source: "semantic-scholar" | "arxiv";
  /** The paper to add: ids, title, year, venue, authors, a PDF link. */
  paper: Paper;
  /** The fetch to store in `metadata/` with `saveFetched` once the paper is added. */
  fetched: FetchInput;
  /** Served from an expired cache entry because the source could not be reached. */
  stale: boolean;
  /** Things to tell the person (fallbacks, low confidence). */
  notices: string[];
}

export interface ResolvePaperOptions {
  sources: Sources;
  /** Paper ids already in the library; the new id is made unique among them. */
  takenIds?: Iterable<string>;
  /** The short name to use (default: the title, shortened). */
  short?: string;
  id?: string;
}

/** A readable id from a long title: the first words, up to ~48 characters. */
/** A paper id from a title: its slug, cut at a word before 48 characters. */
export function idFromTitle(title: string): string {
  const slug = slugify(title);
  if (slug.length <= 48) return slug;
  const cut = slug.slice(0, 48);
  return cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
}

function paperFrom(
  d: {
    title?: string;
    year?: number;
    venue?: string;
    authors: string[];
    ids: Paper["ids"];
    pdfUrl?: string;
  },
  opts: ResolvePaperOptions,
  fallbackTitle: string,
): Paper {
  const title = d.title ?? fallbackTitle;
  const short = opts.short ?? title;
  const id = opts.id ?? uniqueId(idFromTitle(short), new Set(opts.takenIds ?? []));
  const found = d.ids.arxiv ? arxivPdfUrl(d.ids.arxiv) : d.pdfUrl;
  // Never written into the paper's file unless it is an absolute http(s) URL.
  const pdf = found !== undefined && isWebUrl(found) ? found : undefined;
  const paper = makePaper({
    id,
    short,
    authors: d.authors,
    ids: d.ids,
    links: pdf ? [{ url: pdf, kind: "pdf" }] : [],
  });
  if (d.title) paper.title = d.title;
  if (d.year !== undefined) paper.year = d.year;
  if (d.venue) paper.venue = d.venue;
  return paper;
}

function fromS2(
  data: S2PaperData,
  query: PaperQuery,
  opts: ResolvePaperOptions,
  meta: {
    fetchedAt: number;
    stale: boolean;
    how: "id" | "title";
    confidence: number;
    matchScore?: number;
  },
): ResolvedPaper {
  const paper = paperFrom(data, opts, query.kind === "title" ? query.title : data.s2Id);
  const accepted = meta.how === "id" || meta.confidence >= AUTO_ACCEPT_SIMILARITY;
  return {
    query,
    how: meta.how,
    confidence: meta.confidence,
    accepted,
    ...(meta.matchScore === undefined ? {} : { matchScore: meta.matchScore }),
    source: "semantic-scholar",
    paper,
    fetched: {
      key: `paper:${paper.id}`,
      source: "s2",
      query: data.s2Id,
      fetchedAt: new Date(meta.fetchedAt).toISOString(),
      values: s2Values(data),
    },
    stale: meta.stale,
    notices: accepted
      ? []
      : [`the closest title found is "${data.title ?? "?"}" — confirm it is the paper you meant`],
  };
}

function fromArxiv(
  entry: ArxivEntry,
  query: PaperQuery,
  opts: ResolvePaperOptions,
  fetchedAt: number,
  stale: boolean,
  why: string,
): ResolvedPaper {
  const year = entry.published ? Number(entry.published.slice(0, 4)) : undefined;
  const paper = paperFrom(
    {
      title: entry.title,
      ...(year ? { year } : {}),
      authors: entry.authors,
      ids: { arxiv: entry.id, ...(entry.doi ? { doi: entry.doi } : {}) },
      ...(entry.pdfUrl ? { pdfUrl: entry.pdfUrl } : {}),
    },
    opts,
    entry.id,
  );
  return {
    query,
    how: "id",
    confidence: 1,
    accepted: true,
    source: "arxiv",
    paper,
    fetched: {
      key: `paper:${paper.id}`,
      source: "arxiv",
      query: entry.id,
      fetchedAt: new Date(fetchedAt).toISOString(),
      values: arxivValues(entry),
    },
    stale,
    notices: [
      `Semantic Scholar could not answer (${why}); used arXiv. \`jingdu refresh\` adds citations later.`,
    ],
  };
}

/**
 * Resolves an id, URL or title to a paper to add. Ids go to Semantic Scholar (falling back to
 * arXiv for arXiv ids); titles go through S2's title match and come back with a confidence —
 * a low one means the person must confirm (`accepted: false`), it is never applied silently.
 * @example const r = await resolvePaper('"Attention Is All You Need"', { sources }); r.confidence // 1
 */
export async function resolvePaper(
  input: string,
  opts: ResolvePaperOptions,
): Promise<ResolvedPaper> {
  const query = parsePaperQuery(input.replace(/^["“](.*)["”]$/s, "$1"));
  const { s2, arxiv } = opts.sources;
  if (query.kind === "title") {
    const res = await s2.matchTitle(query.title);
    if (!res.value) {
      throw new JingduError(
        "paper-not-found",
        `Semantic Scholar found no paper titled "${query.title}"`,
        {
          hint: "Check the spelling, or add it by arXiv id, DOI or URL.",
        },
      );
    }
    const confidence = titleSimilarity(query.title, res.value.title ?? "");
    return fromS2(res.value, query, opts, {
      fetchedAt: res.fetchedAt,
      stale: res.stale,
      how: "title",
      confidence,
      ...(res.value.matchScore === undefined ? {} : { matchScore: res.value.matchScore }),
    });
  }
  try {
    const res = await s2.getPaper(query.s2Id);
    return fromS2(res.value, query, opts, {
      fetchedAt: res.fetchedAt,
      stale: res.stale,
      how: "id",
      confidence: 1,
    });
  } catch (err) {
    if (!query.arxiv || !(err instanceof SourceError)) throw err;
    const why = err instanceof NotFoundError ? "not found there" : err.detail;
    const res = await arxiv.getEntries([query.arxiv]);
    const entry = res.entries.get(query.arxiv);
    if (!entry) {
      if (err instanceof NotFoundError) {
        throw new JingduError(
          "paper-not-found",
          `no paper arXiv:${query.arxiv} on Semantic Scholar or arXiv`,
          {
            hint: "Check the id.",
          },
        );
      }
      throw err;
    }
    return fromArxiv(entry, query, opts, res.fetchedAt, res.stale, why);
  }
}
