/**
 * Zotero's items and collections as the core model: an item is a paper (its key kept as
 * `ids.zotero`), a collection a category (a nested one named by its path, `Vision / Detection`),
 * a tag a tag, a child note the paper's notes in Markdown, an attachment's file a link to where it
 * is on disk. Which Zotero field feeds which paper field is the table below.
 */
import {
  type Category,
  findSamePaper,
  idsFromLink,
  isWebUrl,
  type Paper,
  type PaperLink,
  parseArxivId,
  parseDoi,
  slugify,
  uniqueId,
} from "../../core/index.js";
import { makePaper } from "../../core/make-items.js";
import { idFromTitle } from "../resolve-paper.js";
import { zoteroNoteToMarkdown } from "./zotero-note.js";
import type { ZoteroEntry, ZoteroLeft, ZoteroRead } from "./zotero-read.js";
import type { ZoteroCollection, ZoteroItemData } from "./zotero-schema.js";

/** The venue: the first of these Zotero fields that is filled. */
const VENUE_FIELDS = [
  "publicationTitle",
  "proceedingsTitle",
  "conferenceName",
  "bookTitle",
] as const;
/** Creator types that are a work's authors; when an item has none of them, every creator is. */
const AUTHOR_TYPES = new Set(["author", "programmer", "presenter", "director", "artist"]);

export interface ZoteroMapOptions {
  /** The library's papers: an item already imported (or the same work) keeps its paper's id. */
  existing: readonly Pick<Paper, "id" | "ids" | "short" | "title">[];
  /** Only items in this collection (a key) or one nested in it. */
  collection?: string;
}

export interface ZoteroMapped {
  papers: Paper[];
  categories: Category[];
  notes: number;
  attachments: number;
  /** Items of the read outside `--collection`. */
  outside: number;
  left: ZoteroLeft[];
}

/** The collection's path of names, top first. */
function pathOf(c: ZoteroCollection, byKey: Map<string, ZoteroCollection>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let at: ZoteroCollection | undefined = c; at && !seen.has(at.key); ) {
    seen.add(at.key);
    names.unshift(at.data.name);
    const parent: string | false | undefined = at.data.parentCollection;
    at = parent ? byKey.get(parent) : undefined;
  }
  return names;
}

/** Collection key → category, in path order (ids are stable while the collections are). */
export function zoteroCategories(collections: readonly ZoteroCollection[]): Map<string, Category> {
  const byKey = new Map(collections.map((c) => [c.key, c]));
  const named = collections
    .map((c) => ({ key: c.key, name: pathOf(c, byKey).join(" / ") }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  const taken = new Set<string>();
  const out = new Map<string, Category>();
  named.forEach(({ key, name }, order) => {
    out.set(key, { id: uniqueId(slugify(name) || "zotero", taken), name, order });
  });
  return out;
}

/** The keys of a collection and every collection nested in it. */
export function collectionWithNested(
  collections: readonly ZoteroCollection[],
  key: string,
): Set<string> {
  const out = new Set([key]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of collections) {
      const parent = c.data.parentCollection;
      if (parent && out.has(parent) && !out.has(c.key)) {
        out.add(c.key);
        grew = true;
      }
    }
  }
  return out;
}

/** `Key: value` lines of `extra` (Better BibTeX's `Citation Key:`, `arXiv:`, `DOI:`). */
function extraField(extra: string | undefined, name: string): string | undefined {
  const re = new RegExp(`^\\s*${name}\\s*:\\s*(\\S.*?)\\s*$`, "im");
  return extra ? re.exec(extra)?.[1] : undefined;
}

function authorsOf(d: ZoteroItemData): string[] {
  const authors = d.creators.filter((c) => AUTHOR_TYPES.has(c.creatorType ?? "author"));
  return (authors.length > 0 ? authors : d.creators)
    .map((c) => c.name ?? [c.firstName, c.lastName].filter(Boolean).join(" "))
    .map((n) => n.trim())
    .filter((n) => n !== "");
}

function idsOf(d: ZoteroItemData, key: string): Paper["ids"] {
  const ids: Paper["ids"] = { zotero: key };
  const doi = parseDoi(d.DOI ?? "") ?? parseDoi(extraField(d.extra, "DOI") ?? "");
  const fromUrl = d.url ? idsFromLink(d.url) : {};
  const arxiv =
    parseArxivId((d.archiveID ?? "").replace(/^arxiv:\s*/i, ""))?.id ??
    parseArxivId(extraField(d.extra, "arXiv") ?? "")?.id ??
    fromUrl.arxiv ??
    (doi ? idsFromLink(`https://doi.org/${doi}`).arxiv : undefined);
  if (arxiv) ids.arxiv = arxiv;
  if (doi ?? fromUrl.doi) ids.doi = (doi ?? fromUrl.doi) as string;
  return ids;
}

function yearOf(d: ZoteroItemData, parsedDate: string | undefined): number | undefined {
  const m = /\b(\d{4})\b/.exec(parsedDate ?? "") ?? /\b(\d{4})\b/.exec(d.date ?? "");
  const year = m ? Number(m[1]) : undefined;
  return year !== undefined && year >= 1000 ? year : undefined;
}

interface PaperParts {
  paper: Paper;
  notes: number;
  attachments: number;
}

function paperOf(
  entry: ZoteroEntry,
  id: string,
  categories: Map<string, Category>,
  files: Map<string, string>,
): PaperParts {
  const d = entry.item.data;
  const title = d.title?.trim() || undefined;
  const short = d.shortTitle?.trim() || title || entry.item.key;
  const links: PaperLink[] = [];
  if (d.url && isWebUrl(d.url))
    links.push({ url: d.url, kind: /\.pdf$/i.test(d.url) ? "pdf" : "page" });
  const attachments: Paper["attachments"] = [];
  const notes: string[] = [];
  for (const child of entry.children) {
    const c = child.data;
    if (c.itemType === "note") {
      const md = zoteroNoteToMarkdown(c.note ?? "");
      if (md !== "") notes.push(md);
    } else if (c.itemType === "attachment") {
      const path = files.get(child.key);
      if (path) {
        attachments.push({
          path,
          ...(c.title ? { title: c.title } : {}),
          ...(c.contentType ? { contentType: c.contentType } : {}),
        });
      } else if (c.url && isWebUrl(c.url) && !links.some((l) => l.url === c.url)) {
        links.push({ url: c.url, kind: c.contentType === "application/pdf" ? "pdf" : "page" });
      }
    }
  }
  const venue = VENUE_FIELDS.map((f) => d[f]?.trim()).find((v) => v);
  const year = yearOf(d, entry.item.meta?.parsedDate);
  const citekey = d.citationKey?.trim() || extraField(d.extra, "Citation Key");
  const paper = makePaper({
    id,
    short,
    authors: authorsOf(d),
    ids: idsOf(d, entry.item.key),
    links,
    categories: d.collections.flatMap((k) => {
      const c = categories.get(k);
      return c ? [c.id] : [];
    }),
    tags: [...new Set(d.tags.map((t) => t.tag.trim()).filter((t) => t !== ""))],
    attachments,
    notes: notes.join("\n\n"),
  });
  if (title) paper.title = title;
  if (year !== undefined) paper.year = year;
  if (venue) paper.venue = venue;
  if (d.abstractNote?.trim()) paper.summary = d.abstractNote.trim();
  if (citekey) paper.citekey = citekey;
  return { paper, notes: notes.length, attachments: attachments.length };
}

/**
 * Papers and categories from what was read; each item keeps the id of the paper it became before
 * (by `ids.zotero`), else of the same work already in the library, else gets one from its title.
 * @example mapZoteroLibrary(read, { existing: library.papers }).papers[0].ids.zotero // "X42A7DEE"
 */
export function mapZoteroLibrary(read: ZoteroRead, opts: ZoteroMapOptions): ZoteroMapped {
  const all = zoteroCategories(read.collections);
  const selected = opts.collection
    ? collectionWithNested(read.collections, opts.collection)
    : undefined;
  const categories = new Map([...all].filter(([key]) => !selected || selected.has(key)));
  const byZotero = new Map(
    opts.existing.flatMap((p) => (p.ids.zotero ? [[p.ids.zotero, p.id] as const] : [])),
  );
  const taken = new Set(opts.existing.map((p) => p.id));
  const claimed = new Set<string>();
  const out: ZoteroMapped = {
    papers: [],
    categories: [...categories.values()].sort((a, b) => a.order - b.order),
    notes: 0,
    attachments: 0,
    outside: 0,
    left: [...read.left],
  };
  for (const entry of read.entries) {
    const d = entry.item.data;
    if (selected && !d.collections.some((k) => selected.has(k))) {
      out.outside++;
      continue;
    }
    const known = byZotero.get(entry.item.key);
    const same = known
      ? undefined
      : findSamePaper(opts.existing, { ids: idsOf(d, entry.item.key), title: d.title });
    const id =
      known ??
      (same && !same.paper.ids.zotero && !claimed.has(same.paper.id) ? same.paper.id : undefined) ??
      uniqueId(idFromTitle(d.shortTitle?.trim() || d.title || entry.item.key), taken);
    taken.add(id);
    claimed.add(id);
    const parts = paperOf(entry, id, categories, read.files);
    out.papers.push(parts.paper);
    out.notes += parts.notes;
    out.attachments += parts.attachments;
  }
  return out;
}
