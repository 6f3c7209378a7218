import { isWebUrl, type PaperIds } from "../../core/index.js";
import type { S2Paper } from "./s2-schema.js";

/** What Semantic Scholar says about a paper, in the core model's terms. */
export interface S2PaperData {
  s2Id: string;
  title?: string;
  year?: number;
  venue?: string;
  authors: string[];
  ids: PaperIds;
  abstract?: string;
  tldr?: string;
  /** Open-access PDF; absent when S2 has none (including the 2025 `{url: ""}` form). */
  pdfUrl?: string;
  url?: string;
  publicationDate?: string;
  citationCount?: number;
  influentialCitationCount?: number;
}

/** externalIds key → PaperIds key. Keys not listed (MAG, ACL, PubMed…) are not kept. */
export const S2_EXTERNAL_IDS: Record<string, keyof PaperIds> = {
  ArXiv: "arxiv",
  DOI: "doi",
  CorpusId: "corpusId",
  DBLP: "dblp",
};

/** The fields requested from /paper and /paper/batch (`fields` is always a query parameter). */
export const S2_PAPER_FIELDS = [
  "title",
  "year",
  "venue",
  "authors",
  "externalIds",
  "abstract",
  "openAccessPdf",
  "tldr",
  "citationCount",
  "influentialCitationCount",
  "publicationDate",
  "url",
] as const;

/** A trimmed non-empty string, or undefined (S2 writes `""` and null for "none"). */
const text = (v: string | null | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

/** Links from the API must be absolute http(s) (src/core/url-policy.ts). */
const link = (v: string | null | undefined) => {
  const url = text(v);
  return url !== undefined && isWebUrl(url) ? url : undefined;
};

/**
 * The fields `/paper/search` asks for: what a resolve candidate shows and fills (title, authors,
 * year, venue, ids, the PDF, citations), not the abstract, TL;DR or dates of a full paper: S2
 * answers only the fields asked, so a search of 5 papers reads a fraction of the bytes.
 */
export const S2_SEARCH_FIELDS = [
  "title",
  "year",
  "venue",
  "authors",
  "externalIds",
  "openAccessPdf",
  "citationCount",
] as const;

/**
 * Maps one validated S2 paper to S2PaperData. Empty strings and nulls become absent, and so do
 * URLs that are not absolute http(s). (The helpers are module-level: resolve maps thousands.)
 */
export function mapS2Paper(p: S2Paper): S2PaperData {
  const ids: PaperIds = { s2: p.paperId };
  const external = p.externalIds;
  if (external) {
    for (const key in external) {
      const target = S2_EXTERNAL_IDS[key];
      const value = external[key];
      if (target === undefined || value === null || value === undefined || value === "") continue;
      if (target === "corpusId") {
        const n = Number(value);
        if (Number.isSafeInteger(n)) ids.corpusId = n;
      } else ids[target] = String(value);
    }
  }
  if (ids.corpusId === undefined && typeof p.corpusId === "number") ids.corpusId = p.corpusId;
  const out: S2PaperData = {
    s2Id: p.paperId,
    authors: [],
    ids,
  };
  for (const a of p.authors ?? []) {
    const name = a.name?.trim() ?? "";
    if (name !== "") out.authors.push(name);
  }
  const title = text(p.title);
  if (title !== undefined) out.title = title;
  if (p.year !== undefined && p.year !== null) out.year = p.year;
  const venue = text(p.venue);
  if (venue !== undefined) out.venue = venue;
  const abstract = text(p.abstract);
  if (abstract !== undefined) out.abstract = abstract;
  const tldr = text(p.tldr?.text);
  if (tldr !== undefined) out.tldr = tldr;
  // A `javascript:` PDF link would otherwise be merged into the paper's links by `add paper`.
  const pdfUrl = link(p.openAccessPdf?.url);
  if (pdfUrl !== undefined) out.pdfUrl = pdfUrl;
  const url = link(p.url);
  if (url !== undefined) out.url = url;
  const publicationDate = text(p.publicationDate);
  if (publicationDate !== undefined) out.publicationDate = publicationDate;
  if (p.citationCount !== undefined && p.citationCount !== null)
    out.citationCount = p.citationCount;
  if (p.influentialCitationCount !== undefined && p.influentialCitationCount !== null)
    out.influentialCitationCount = p.influentialCitationCount;
  return out;
}
