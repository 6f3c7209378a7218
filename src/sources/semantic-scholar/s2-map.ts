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

/**
 * Maps one validated S2 paper to S2PaperData. Empty strings and nulls become absent, and so do
 * URLs that are not absolute http(s).
 */
export function mapS2Paper(p: S2Paper): S2PaperData {
  const ids: PaperIds = { s2: p.paperId };
  for (const [key, value] of Object.entries(p.externalIds ?? {})) {
    const target = S2_EXTERNAL_IDS[key];
    if (target === undefined || value === null || value === "") continue;
    if (target === "corpusId") {
      const n = Number(value);
      if (Number.isSafeInteger(n)) ids.corpusId = n;
    } else ids[target] = String(value);
  }
  if (ids.corpusId === undefined && typeof p.corpusId === "number") ids.corpusId = p.corpusId;
  const out: S2PaperData = {
    s2Id: p.paperId,
    authors: (p.authors ?? []).map((a) => a.name?.trim() ?? "").filter((n) => n !== ""),
    ids,
  };
  const text = (v: string | null | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);
  const set = <K extends keyof S2PaperData>(k: K, v: S2PaperData[K] | undefined | null) => {
    if (v !== undefined && v !== null) out[k] = v;
  };
  set("title", text(p.title));
  set("year", p.year);
  set("venue", text(p.venue));
  set("abstract", text(p.abstract));
  set("tldr", text(p.tldr?.text));
  // Links from the API must be absolute http(s) (src/core/url-policy.ts): a `javascript:` PDF
  // link would otherwise be merged into the paper's links and written by `add paper`.
  const link = (v: string | null | undefined) => {
    const url = text(v);
    return url !== undefined && isWebUrl(url) ? url : undefined;
  };
  set("pdfUrl", link(p.openAccessPdf?.url));
  set("url", link(p.url));
  set("publicationDate", text(p.publicationDate));
  set("citationCount", p.citationCount);
  set("influentialCitationCount", p.influentialCitationCount);
  return out;
}
