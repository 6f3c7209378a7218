/**
 * arXiv identifiers (arxiv.org/help/arxiv_identifier): the new scheme `YYMM.NNNN[N][vN]` (since
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
