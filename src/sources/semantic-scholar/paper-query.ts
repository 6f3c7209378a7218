import { arxivIdFromUrl, JingduError, parseArxivId } from "../../core/index.js";

/** What a person typed for `jingdu add paper`, understood. */
export type PaperQuery =
  | {
      kind: "id" /** The id as S2 accepts it: `ARXIV:1706.03762`, `DOI:…`, a sha. */;
      s2Id: string;
      arxiv?: string;
      doi?: string;
    }
  | { kind: "title"; title: string };

/** Id prefixes S2 accepts (case-insensitive), and how each is written when sent. */
const PREFIXES: { pattern: RegExp; to: (rest: string) => PaperQuery | undefined }[] = [
  {
    pattern: /^arxiv:\s*(.+)$/i,
    to: (rest) => {
      const a = parseArxivId(rest);
      // S2 and a version suffix: unconfirmed, so the version is dropped (API-FACTS 1.2).
      return a ? { kind: "id", s2Id: `ARXIV:${a.id}`, arxiv: a.id } : undefined;
    },
  },
  {
    pattern: /^doi:\s*(10\.\S+)$/i,
    to: (rest) => doiQuery(rest),
  },
  {
    pattern: /^corpus[ _-]?id:\s*(\d+)$/i,
    to: (rest) => ({ kind: "id", s2Id: `CorpusId:${rest}` }),
  },
  { pattern: /^(?:s2|semanticscholar):\s*([0-9a-f]{40})$/i, to: (rest) => shaQuery(rest) },
  { pattern: /^([0-9a-f]{40})$/i, to: (rest) => shaQuery(rest) },
  { pattern: /^(10\.\d{4,9}\/\S+)$/, to: (rest) => doiQuery(rest) },
  { pattern: /^(mag:\s*\d+)$/i, to: (rest) => prefixed(rest) },
  { pattern: /^(acl:\s*\S+)$/i, to: (rest) => prefixed(rest) },
  { pattern: /^(pmid:\s*\d+)$/i, to: (rest) => prefixed(rest) },
  { pattern: /^(pmcid:\s*\d+)$/i, to: (rest) => prefixed(rest) },
];

/** Sites S2 resolves with `URL:` (API-FACTS 1.2), beyond the ones parsed here. */
const S2_URL_SITES = /(^|\.)(aclweb\.org|aclanthology\.org|acm\.org|biorxiv\.org)$/i;

function shaQuery(sha: string): PaperQuery {
  return { kind: "id", s2Id: sha.toLowerCase() };
}

function doiQuery(doi: string): PaperQuery {
  const clean = doi.replace(/[.,;]+$/, "");
  const arxiv = /^10\.48550\/arxiv\.(.+)$/i.exec(clean)?.[1];
  const a = arxiv ? parseArxivId(arxiv) : undefined;
  return a
    ? { kind: "id", s2Id: `ARXIV:${a.id}`, arxiv: a.id, doi: clean }
    : { kind: "id", s2Id: `DOI:${clean}`, doi: clean };
}

function prefixed(text: string): PaperQuery {
  const [prefix, ...rest] = text.split(":");
  return { kind: "id", s2Id: `${(prefix ?? "").toUpperCase()}:${rest.join(":").trim()}` };
}

function fromUrl(text: string): PaperQuery | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL: read as a title by the caller.
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const arxiv = arxivIdFromUrl(url);
  if (arxiv) return { kind: "id", s2Id: `ARXIV:${arxiv.id}`, arxiv: arxiv.id };
  if (/(^|\.)doi\.org$/i.test(url.hostname)) {
    const doi = decodeURIComponent(url.pathname.slice(1));
    return /^10\.\S+\/\S+/.test(doi) ? doiQuery(doi) : undefined;
  }
  if (/(^|\.)semanticscholar\.org$/i.test(url.hostname)) {
    const sha = /\/paper\/(?:[^/]+\/)?([0-9a-f]{40})\/?$/i.exec(url.pathname)?.[1];
    if (sha) return shaQuery(sha);
    const corpus = /CorpusId:(\d+)/i.exec(decodeURIComponent(url.pathname))?.[1];
    if (corpus) return { kind: "id", s2Id: `CorpusId:${corpus}` };
    return undefined;
  }
  if (S2_URL_SITES.test(url.hostname)) return { kind: "id", s2Id: `URL:${url.href}` };
  return undefined;
}

/** The input looked like an id or URL but is not one jingdu can resolve. */
export class PaperQueryError extends JingduError {
  constructor(message: string) {
    super("paper-query", message, {
      hint: 'Give arXiv:ID, DOI:…, CorpusId:N, an S2 id, an arxiv.org/doi.org/semanticscholar.org URL, or a "title".',
    });
    this.name = "PaperQueryError";
  }
}

/**
 * Reads `arXiv:…`, `DOI:…`, an S2 sha, `CorpusId:…`, a URL (arxiv.org, doi.org,
 * semanticscholar.org, …) or else a title.
 * @example parsePaperQuery("https://arxiv.org/pdf/1706.03762v7.pdf") // { kind: "id", s2Id: "ARXIV:1706.03762", arxiv: "1706.03762" }
 */
export function parsePaperQuery(input: string): PaperQuery {
  const text = input.trim();
  if (text === "") throw new PaperQueryError("empty paper id or title");
  if (/^https?:\/\//i.test(text)) {
    const q = fromUrl(text);
    if (!q) throw new PaperQueryError(`not a paper URL jingdu can resolve: ${text}`);
    return q;
  }
  for (const { pattern, to } of PREFIXES) {
    const m = pattern.exec(text);
    if (m?.[1]) {
      const q = to(m[1]);
      if (q) return q;
      throw new PaperQueryError(`malformed id: ${text}`);
    }
  }
  const bareArxiv = parseArxivId(text);
  if (bareArxiv) return { kind: "id", s2Id: `ARXIV:${bareArxiv.id}`, arxiv: bareArxiv.id };
  return { kind: "title", title: text.replace(/\s+/g, " ") };
}
