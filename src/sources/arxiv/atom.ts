/**
 * Reads arXiv API Atom feeds in both shapes: the legacy one (until ~Nov 2025: rel/title/type on
 * links, hard-wrapped text, empty stub entries for unknown ids) and the new one (bare links, unknown
 * ids omitted). Matches on element names, picks the PDF link by URL path, collapses whitespace.
 */
import { isWebUrl, JingduError, parseArxivId } from "../../core/index.js";
import { childrenNamed, childText, parseXml, type XmlElement } from "./xml.js";

export interface ArxivEntry {
  /** Id without version: `2201.13452`. */
  id: string;
  version?: number;
  title: string;
  summary?: string;
  authors: string[];
  /** ISO timestamps of v1 and of this version. */
  published?: string;
  updated?: string;
  absUrl: string;
  pdfUrl?: string;
  doi?: string;
  primaryCategory?: string;
  categories: string[];
  comment?: string;
  journalRef?: string;
}

export interface ArxivFeed {
  totalResults?: number;
  entries: ArxivEntry[];
  /** Error entries (`<title>Error</title>`, id under /api/errors): the API's own error messages. */
  errors: string[];
}

/** The text is not an Atom feed at all (arXiv throttling answers plain text, say). */
export class AtomFormatError extends JingduError {
  constructor(message: string, cause?: unknown) {
    super("bad-atom", message, cause === undefined ? {} : { cause });
    this.name = "AtomFormatError";
  }
}

export function collapse(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/\s+/g, " ").trim();
  return t === "" ? undefined : t;
}

/**
 * Parses a feed; throws AtomFormatError when the text is not an Atom feed at all.
 * @example parseArxivFeed(xml).entries[0]?.id // "2201.13452"
 */
export function parseArxivFeed(xml: string): ArxivFeed {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw new AtomFormatError(`not a valid XML document: ${(err as Error).message}`, err);
  }
  if (root.local !== "feed")
    throw new AtomFormatError(`expected an Atom <feed>, got <${root.name}>`);
  const total = collapse(childText(root, "totalResults"));
  const feed: ArxivFeed = { entries: [], errors: [] };
  if (total !== undefined && /^\d+$/.test(total)) feed.totalResults = Number(total);
  for (const entry of childrenNamed(root, "entry")) {
    const idText = collapse(childText(entry, "id"));
    if (idText === undefined) continue; // legacy stub for an unknown id
    if (/\/api\/errors/.test(idText)) {
      feed.errors.push(collapse(childText(entry, "summary")) ?? idText);
      continue;
    }
    const parsed = mapEntry(entry, idText);
    if (parsed) feed.entries.push(parsed);
  }
  return feed;
}

function mapEntry(entry: XmlElement, idText: string): ArxivEntry | undefined {
  const m = /\/abs\/(.+)$/.exec(idText);
  const aid = m?.[1] ? parseArxivId(m[1]) : undefined;
  if (!aid) return undefined;
  const out: ArxivEntry = {
    id: aid.id,
    title: collapse(childText(entry, "title")) ?? "",
    authors: childrenNamed(entry, "author")
      .map((a) => collapse(childText(a, "name")))
      .filter((n): n is string => n !== undefined),
    absUrl: `https://arxiv.org/abs/${aid.id}`,
    categories: childrenNamed(entry, "category")
      .map((c) => c.attrs.term ?? "")
      .filter((t) => t !== ""),
  };
  if (aid.version !== undefined) out.version = aid.version;
  const opt = <K extends keyof ArxivEntry>(k: K, v: ArxivEntry[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  opt("summary", collapse(childText(entry, "summary")));
  opt("published", collapse(childText(entry, "published")));
  opt("updated", collapse(childText(entry, "updated")));
  opt("comment", collapse(childText(entry, "comment")));
  opt("journalRef", collapse(childText(entry, "journal_ref")));
  opt(
    "primaryCategory",
    entry.children.find((c) => c.local === "primary_category")?.attrs.term || undefined,
  );
  for (const link of childrenNamed(entry, "link")) {
    const href = link.attrs.href ?? "";
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      // Not a URL: the link is not taken.
      continue;
    }
    // Only absolute http(s) links are taken (src/core/url-policy.ts): `new URL` also parses
    // `javascript:…/pdf/…`, which would end up in the paper's links.
    if (/\/pdf\//.test(url.pathname) || link.attrs.type === "application/pdf") {
      if (isWebUrl(href)) out.pdfUrl ??= toHttps(href);
    } else if (/\/abs\//.test(url.pathname)) {
      if (isWebUrl(href)) out.absUrl = toHttps(href).replace(/v\d+$/, "");
    } else if (/(^|\.)doi\.org$/.test(url.hostname) || link.attrs.title === "doi") {
      out.doi ??= decodeURIComponent(url.pathname.slice(1));
    }
  }
  opt("doi", collapse(childText(entry, "doi")) ?? out.doi);
  return out;
}

function toHttps(href: string): string {
  return href.replace(/^http:\/\/arxiv\.org\//, "https://arxiv.org/");
}
