/**
 * Better BibTeX JSON (BBT's "BetterBibTeX JSON" export: `{ config, version, collections, items }`,
 * each item Zotero's own serialization with its `citationKey`) into the model, by the tables of
 * zotero-fields.ts: an item is a paper (its key kept as `ids.zotero`, its citation key as the
 * citekey), its collections its categories (a nested one named by its path, `Vision / Detection`),
 * its tags tags, its child notes the paper's notes, an attachment with a file path a link to the
 * file where it is (never copied). Standalone notes and attachments are no papers: each is named.
 */
import { type Category, slugify, uniqueId } from "../../core/index.js";
import {
  type BibliographyImport,
  type BibRecord,
  emptyBibliography,
  isoDate,
} from "./bib-record.js";
import { type Item, isItem, jsonEntries, keyedArrayLines, readJson } from "./json-item-lines.js";
import { type Left, makePapers } from "./make-papers.js";
import {
  ZOTERO_AUTHOR_TYPES,
  ZOTERO_FIELDS,
  ZOTERO_HAND_MAPPED,
  ZOTERO_TYPES,
} from "./zotero-fields.js";

/** Whether parsed JSON is a Better BibTeX JSON export (its translator's label, or its shape). */
export function isBbtJson(data: unknown): data is Item & { items: unknown[] } {
  if (!isItem(data) || !Array.isArray(data.items)) return false;
  const config = isItem(data.config) ? data.config : undefined;
  if (typeof config?.label === "string" && /^better ?bibtex json$/i.test(config.label)) return true;
  return data.items.some((i) => isItem(i) && typeof i.itemType === "string" && "creators" in i);
}

function textOf(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
}

/** `extra` as lines (BBT writes an array of lines; Zotero a string). */
function extraLines(v: unknown): string[] {
  const all = Array.isArray(v) ? v.map((l) => textOf(l) ?? "") : (textOf(v) ?? "").split(/\r?\n/);
  return all.filter((l) => l.trim() !== "");
}

/** What `extra` says that the model keeps (`Citation Key:`, `arXiv:`, `DOI:`), and the rest. */
function extraFields(lines: string[]): { citekey?: string; arxiv?: string; doi?: string } & {
  rest: string[];
} {
  const out: { citekey?: string; arxiv?: string; doi?: string; rest: string[] } = { rest: [] };
  for (const line of lines) {
    const m = /^\s*(citation key|arxiv|doi)\s*:\s*(\S+)\s*$/i.exec(line);
    const name = m?.[1]?.toLowerCase();
    if (name === "citation key") out.citekey = m?.[2];
    else if (name === "arxiv") out.arxiv = m?.[2];
    else if (name === "doi") out.doi = m?.[2];
    else out.rest.push(line);
  }
  return out;
}

/** The authors' names; editors, translators and other creators beside authors are named left. */
function authorsOf(creators: unknown, left: (what: string) => void): string[] {
  const all = (Array.isArray(creators) ? creators : []).filter(isItem);
  const typeOf = (c: Item) => textOf(c.creatorType) ?? "author";
  const authors = all.filter((c) => ZOTERO_AUTHOR_TYPES.has(typeOf(c)));
  if (authors.length > 0)
    for (const c of all) if (!authors.includes(c)) left(`creator ${typeOf(c)}`);
  return (authors.length > 0 ? authors : all)
    .map(
      (c) => textOf(c.name) ?? [textOf(c.firstName), textOf(c.lastName)].filter(Boolean).join(" "),
    )
    .filter((n) => n !== "");
}

/** A value someone wrote: not null, not empty text, not an empty list or object. */
function hasValue(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  return !isItem(v) || Object.keys(v).length > 0;
}

const ZOTERO_KEY = /\/items\/([A-Z0-9]{8})$/;

/** The item's Zotero key: `itemKey`, `key`, or the end of its `uri`. */
function zoteroKey(item: Item): string | undefined {
  return textOf(item.itemKey) ?? textOf(item.key) ?? ZOTERO_KEY.exec(textOf(item.uri) ?? "")?.[1];
}

function keyOf(item: Item): string | undefined {
  return (
    textOf(item.citationKey) ?? textOf(item.citekey) ?? extraFields(extraLines(item.extra)).citekey
  );
}

/** One item as a record of plain text, by the tables of zotero-fields.ts. */
function recordOf(item: Item, line: number, left: (what: string) => void): BibRecord {
  const r: BibRecord = { line, authors: authorsOf(item.creators, left), urls: [], tags: [] };
  for (const row of ZOTERO_FIELDS) {
    const [first, ...others] = row.zotero.filter((name) => textOf(item[name]) !== undefined);
    if (first !== undefined) r[row.field] = textOf(item[first]);
    for (const name of others) left(name);
  }
  // Zotero keeps a date as typed (`June 27, 2016`): the year is kept, the rest named left.
  if (r.date !== undefined && isoDate(r.date) === undefined) {
    left("date");
    const year = /\b(\d{4})\b/.exec(r.date)?.[1];
    r.date = year;
  }
  const type = textOf(item.itemType) ?? "document";
  r.type = ZOTERO_TYPES[type] ?? "document";
  if (!(type in ZOTERO_TYPES)) left(`itemType ${type}`);
  const extra = extraFields(extraLines(item.extra));
  if (extra.rest.length > 0) left("extra");
  r.citekey = keyOf(item);
  r.doi ??= extra.doi;
  // Zotero 7 writes a preprint's arXiv id as `archiveID: arXiv:1910.07512`, BBT into `extra`.
  r.arxiv = textOf(item.archiveID)?.replace(/^arxiv:\s*/i, "") ?? extra.arxiv;
  const url = textOf(item.url);
  if (url) r.urls = [url];
  const tags = Array.isArray(item.tags) ? item.tags : [];
  r.tags = tags.map((t) => (isItem(t) ? textOf(t.tag) : textOf(t))).filter((t) => t !== undefined);
  r.zotero = zoteroKey(item);
  for (const name of Object.keys(item)) {
    if (!ZOTERO_HAND_MAPPED.has(name) && !ZOTERO_FIELDS.some((row) => row.zotero.includes(name))) {
      if (hasValue(item[name])) left(name);
    }
  }
  return r;
}

/**
 * The child notes as written (Zotero's HTML: this folder has no HTML converter; `jingdu import`
 * makes them Markdown with the Zotero import's converter, src/sources/zotero/zotero-note.ts).
 */
function notesOf(item: Item): string {
  const notes = Array.isArray(item.notes) ? item.notes : [];
  return notes
    .map((n) => (isItem(n) ? textOf(n.note) : textOf(n)))
    .filter((n): n is string => n !== undefined)
    .join("\n\n");
}

/** Attachments with a file on this computer (an absolute path); others' web URLs, as links. */
function attachmentsOf(
  item: Item,
  left: (what: string) => void,
): { files: Attachment[]; urls: string[] } {
  const out: { files: Attachment[]; urls: string[] } = { files: [], urls: [] };
  for (const a of Array.isArray(item.attachments) ? item.attachments : []) {
    if (!isItem(a)) continue;
    const path = textOf(a.path) ?? textOf(a.localPath);
    if (path && (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path))) {
      const title = textOf(a.title);
      const contentType = textOf(a.mimeType) ?? textOf(a.contentType);
      out.files.push({
        path,
        ...(title ? { title } : {}),
        ...(contentType ? { contentType } : {}),
      });
    } else if (textOf(a.url)) out.urls.push(textOf(a.url) as string);
    // A file in Zotero's storage (a relative `storage:` path) has no place on this computer to
    // link to: named left, never silently gone; so is a note written on the attachment.
    else left("attachment");
    if (textOf(a.note)) left("attachment note");
  }
  return out;
}
interface Attachment {
  path: string;
  title?: string;
  contentType?: string;
}

/** The collections as categories (path names, top first) and the item ids each holds. */
function categoriesOf(data: Item): { categories: Category[]; byItem: Map<unknown, string[]> } {
  const all = isItem(data.collections) ? Object.values(data.collections).filter(isItem) : [];
  const byKey = new Map(all.map((c) => [textOf(c.key), c]));
  const pathOf = (c: Item): string => {
    const names: string[] = [];
    const seen = new Set<Item>();
    for (let at: Item | undefined = c; at && !seen.has(at); ) {
      seen.add(at);
      names.unshift(textOf(at.name) ?? textOf(at.key) ?? "");
      at = typeof at.parent === "string" ? byKey.get(at.parent) : undefined;
    }
    return names.join(" / ");
  };
  const named = all
    .map((c) => ({ c, name: pathOf(c) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const taken = new Set<string>();
  const categories: Category[] = [];
  const byItem = new Map<unknown, string[]>();
  named.forEach(({ c, name }, order) => {
    const id = uniqueId(slugify(name) || "zotero", taken);
    categories.push({ id, name, order });
    for (const itemId of Array.isArray(c.items) ? c.items : []) {
      byItem.set(itemId, [...(byItem.get(itemId) ?? []), id]);
    }
  });
  return { categories, byItem };
}

/**
 * Reads a Better BibTeX JSON export into the model. Every item is a paper or a diagnostic with
 * its line; fields no paper field takes are counted in `fieldsLeft`.
 * @example parseBbtJson(text, { file: "My Library.json" }).papers[0]?.citekey // "wang2019solving"
 */
export function parseBbtJson(input: string, opts: { file: string }): BibliographyImport {
  const out = emptyBibliography();
  const text = input.replace(/^\ufeff/, "");
  const json = readJson(text, out, {
    file: opts.file,
    rule: "bbt-json-not-json",
    hint: "Export it again from Zotero: File → Export Library… → Better BibTeX JSON.",
  });
  const data = json?.data;
  if (!isBbtJson(data)) return out;
  const { categories, byItem } = categoriesOf(data);
  out.categories = categories;
  const isStandalone = (type: string | undefined) =>
    type === "note" || type === "attachment" || type === "annotation";
  const spans = keyedArrayLines(text, "items");
  const read = (left: Left) =>
    jsonEntries(
      data.items,
      spans,
      (item, line) =>
        isStandalone(textOf(item.itemType)) ? undefined : recordOf(item, line, left),
      keyOf,
    );
  return makePapers(
    opts.file,
    read,
    {
      what: "entry",
      notMapped: ({ item, record }) => {
        const type = isItem(item) ? textOf(item.itemType) : undefined;
        const standalone = isStandalone(type);
        return {
          // A standalone note is a person's writing: as loud as any entry not imported.
          level: standalone && type !== "note" ? "warning" : "error",
          message: standalone
            ? `a standalone ${type} (${zoteroKey(item as Item) ?? "no key"}) is no paper; not imported`
            : `${record?.citekey ?? "item"}: no title, author or identifier to make a paper of; not imported`,
          hint: standalone
            ? "Attach it to its item in Zotero to import it as that paper's note or file."
            : "Give the item a title in Zotero; the other items were imported.",
        };
      },
      add: (entry, record, make, left) => {
        const item = entry.item as Item;
        const files = attachmentsOf(item, left);
        record.urls.push(...files.urls);
        const paper = make(record);
        paper.categories = byItem.get(item.itemID) ?? [];
        paper.attachments = files.files;
        paper.notes = notesOf(item);
      },
    },
    out,
  );
}
