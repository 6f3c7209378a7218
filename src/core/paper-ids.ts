/**
 * Paper identifiers and the links that carry them. arXiv identifiers (arxiv.org/help/arxiv_identifier): the new scheme `YYMM.NNNN[N][vN]` (since
 * 0704; five digits from 1501) and the old `archive[.SC]/YYMMNNN[vN]` (9107–0703).
 */
export interface ArxivId {
  /** The id without a version: `1706.03762`, `hep-th/9901001`. */
  id: string;
  version?: number;
}

const NEW_FORM = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/;
const OLD_FORM = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/;

/**
 * Parses an arXiv id with or without the `arXiv:` prefix and a version; undefined when it is not one.
 * @example parseArxivId("arXiv:1706.03762v7") // { id: "1706.03762", version: 7 }
 */
export function parseArxivId(text: string): ArxivId | undefined {
  const t = text.trim().replace(/^arxiv:\s*/i, "");
  const m = NEW_FORM.exec(t);
  if (m) {
    const yy = Number(m[1]);
    const mm = Number(m[2]);
    const digits = m[3] ?? "";
    if (mm < 1 || mm > 12) return undefined;
    const yymm = yy * 100 + mm;
    if (yymm < 704) return undefined;
    // Four digits until 1412, five from 1501 on.
    if ((digits.length === 4) !== yymm <= 1412) return undefined;
    return withVersion(`${m[1]}${m[2]}.${digits}`, m[4]);
  }
  const o = OLD_FORM.exec(t);
  if (o) {
    const mm = Number(o[3]);
    if (mm < 1 || mm > 12) return undefined;
    return withVersion(`${o[1]}/${o[2]}${o[3]}${o[4]}`, o[5]);
  }
  return undefined;
}

function withVersion(id: string, version: string | undefined): ArxivId {
  const v = version === undefined ? undefined : Number(version);
  return v === undefined || v < 1 ? { id } : { id, version: v };
}

/** The arXiv id in an arxiv.org `abs`/`pdf` URL (legacy `.pdf` suffix allowed). */
export function arxivIdFromUrl(url: URL): ArxivId | undefined {
  if (!/(^|\.)arxiv\.org$/i.test(url.hostname)) return undefined;
  const m = /^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/.exec(url.pathname);
  return m?.[1] ? parseArxivId(decodeURIComponent(m[1])) : undefined;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/** The DOI in a doi.org / dx.doi.org URL, or in text shaped `10.NNNN/…`; trailing punctuation dropped. */
export function doiFromUrl(url: URL): string | undefined {
  if (!/(^|\.)doi\.org$/i.test(url.hostname)) return undefined;
  return parseDoi(decodeURIComponent(url.pathname.slice(1)));
}

/** `10.1038/nature14539` from `doi:10.1038/nature14539.` or the bare DOI; undefined when not one. */
export function parseDoi(text: string): string | undefined {
  const m = /^(?:doi:\s*)?(10\.\d{4,9}\/\S+)$/i.exec(text.trim());
  return m?.[1]?.replace(/[.,;]+$/, "");
}

/** Ids a Semantic Scholar URL names: a paper page, an API URL, or a shields.io badge wrapping one. */
export function s2IdFromUrl(url: URL): { s2?: string; corpusId?: number } | undefined {
  if (/(^|\.)shields\.io$/i.test(url.hostname)) {
    const inner = url.searchParams.get("url");
    if (!inner) return undefined;
    const parsed = URL.canParse(inner) ? new URL(inner) : undefined;
    return parsed ? s2IdFromUrl(parsed) : undefined;
  }
  if (!/(^|\.)semanticscholar\.org$/i.test(url.hostname)) return undefined;
  const path = decodeURIComponent(url.pathname);
  const sha = /\/paper\/(?:[^/]+\/)?([0-9a-f]{40})\/?$/i.exec(path)?.[1];
  if (sha) return { s2: sha.toLowerCase() };
  const corpus = /CorpusId:(\d+)/i.exec(path)?.[1];
  return corpus ? { corpusId: Number(corpus) } : undefined;
}

/** The ids of `paperSchema.ids` a link gives away. */
export interface IdsFromLink {
  arxiv?: string;
  doi?: string;
  s2?: string;
  corpusId?: number;
}

/**
 * Every id a link names: arXiv abs/pdf/html URLs, doi.org URLs, Semantic Scholar pages, API URLs and
 * the shields.io citation badges that wrap them. `{}` for any other link or text that is no URL.
 * @example idsFromLink("https://arxiv.org/pdf/1512.03385v1.pdf") // { arxiv: "1512.03385" }
 */
export function idsFromLink(link: string): IdsFromLink {
  if (!URL.canParse(link)) return {};
  const url = new URL(link);
  if (url.protocol !== "http:" && url.protocol !== "https:") return {};
  const arxiv = arxivIdFromUrl(url);
  if (arxiv) return { arxiv: arxiv.id };
  const doi = doiFromUrl(url);
  if (doi) {
    // arXiv's own DOIs (10.48550/arXiv.1512.03385) name an arXiv paper.
    const a = /^10\.48550\/arxiv\.(.+)$/i.exec(doi)?.[1];
    const parsed = a ? parseArxivId(a) : undefined;
    return parsed ? { arxiv: parsed.id, doi } : { doi };
  }
  return s2IdFromUrl(url) ?? {};
}
