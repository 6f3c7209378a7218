import { type BibliographyImport, type BibRecord, emptyBibliography } from "./bib-record.js";
import { CROSSREF_TYPES, CSL_FIELDS, CSL_HAND_MAPPED, CSL_TYPES } from "./csl-fields.js";
import { type Item, isItem, jsonEntries, objectLines, readJson } from "./json-item-lines.js";
import { type Left, makePapers } from "./make-papers.js";
import { SUPERSCRIPT } from "./tex-text.js";

const looksLikeItem = (v: unknown) => isItem(v) && "type" in v && ("title" in v || "id" in v);

/**
 * The items of a CSL-JSON text and how deep they sit: an array of items (depth 1), one item
 * (0), or an object of items or of arrays of items by key (citeproc-js's items by id; a saved
 * set of doi.org answers, DOI → [item]: 1 or 2). undefined when the data holds no item.
 */
export function cslItems(data: unknown): { items: unknown[]; depth: number } | undefined {
  if (Array.isArray(data)) return data.some(looksLikeItem) ? { items: data, depth: 1 } : undefined;
  if (!isItem(data)) return undefined;
  if (looksLikeItem(data)) return { items: [data], depth: 0 };
  const values = Object.values(data);
  if (values.length > 0 && values.every(looksLikeItem)) return { items: values, depth: 1 };
  if (values.length > 0 && values.every((v) => Array.isArray(v) && v.some(looksLikeItem))) {
    return { items: (values as unknown[][]).flat(), depth: 2 };
  }
  return undefined;
}

/**
 * CSL's rich text (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`, Crossref's
 * `<jats:p>`) as the model's plain text: the markup goes, the text stays, as BibTeX's
 * `\textit{…}` does; a superscript of digits is written with superscript characters (`NH³`).
 */
const SUP = /<sup>([^<]*)<\/sup>/gi;
const MARKUP = /<\/?(?:i|b|sup|sub|sc|span|jats:[a-z-]+)(?:\s[^<>]*)?>/gi;

function plain(text: string): string {
  return text
    .replace(SUP, (whole, inner: string) => {
      const mapped = [...inner].map((ch) => SUPERSCRIPT[ch]);
      return mapped.every(Boolean) ? mapped.join("") : whole;
    })
    .replace(MARKUP, "");
}

/** A variable's text: a string, a number, or Crossref's array of strings (its first). */
function textOf(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v !== "string") return undefined;
  const t = plain(v).trim();
  return t === "" ? undefined : t;
}

/** A CSL name as the model writes names: `Given particle Family Suffix`, or the literal. */
function nameOf(n: unknown): string | undefined {
  if (typeof n === "string") return n.trim() || undefined;
  if (!isItem(n)) return undefined;
  const literal = textOf(n.literal) ?? textOf(n.name);
  if (literal) return literal;
  const parts = ["given", "dropping-particle", "non-dropping-particle", "family", "suffix"]
    .map((k) => textOf(n[k]))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** `issued` as the model's date; what a date says that the model has no place for is counted. */
function issuedOf(v: unknown, left: (what: string) => void): { date?: string } {
  if (typeof v === "string") return { date: v };
  if (!isItem(v)) return {};
  const parts = v["date-parts"];
  const start = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[]) : [];
  const end = Array.isArray(parts) && Array.isArray(parts[1]) ? (parts[1] as unknown[]) : [];
  if (end.some((p) => Number(p) !== 0)) left("issued (end of a range)");
  if (v.season !== undefined) left("issued (season)");
  if (v.circa !== undefined && v.circa !== false) left("issued (circa)");
  const date =
    start.length > 0 ? start.map((p) => String(p).trim()).join("-") : (textOf(v.raw) ?? "");
  if (!/^\d{4}/.test(date)) {
    left("issued");
    return {};
  }
  return { date };
}

/** What `note` says that the model keeps: Zotero's and BBT's `arXiv: ID` and `Citation Key: K`. */
function noteFields(note: string | undefined): { arxiv?: string; citekey?: string; rest: string } {
  const out: { arxiv?: string; citekey?: string; rest: string } = { rest: "" };
  const rest: string[] = [];
  for (const line of (note ?? "").split(/\r?\n/)) {
    const m = /^\s*(arxiv|citation key)\s*:\s*(\S+)\s*$/i.exec(line);
    if (m?.[1]?.toLowerCase() === "arxiv") out.arxiv = m[2];
    else if (m) out.citekey = m[2];
    else if (line.trim() !== "") rest.push(line);
  }
  out.rest = rest.join("\n");
  return out;
}

/** An `id` that is a key a note can cite (`he2016deep`, `tolkien:single`), not a URI or number. */
const KEY_LIKE = /^\S+$/;
const ZOTERO_URI = /zotero\.org\/(?:users|groups)\/\d+\/items\/([A-Z0-9]{8})$/;

function keyOf(item: Item): string | undefined {
  const own = textOf(item["citation-key"]) ?? noteFields(textOf(item.note)).citekey;
  if (own) return own;
  const id = typeof item.id === "string" ? item.id.trim() : "";
  return KEY_LIKE.test(id) && !id.includes("://") && !/^\d+$/.test(id) ? id : undefined;
}

function typeOf(item: Item, left: (what: string) => void): string {
  const t = typeof item.type === "string" ? item.type.trim() : "";
  if (CSL_TYPES.has(t)) return t;
  const crossref = CROSSREF_TYPES[t];
  if (crossref) return crossref;
  if (t !== "") left(`type ${t}`);
  return "document";
}

/** One CSL item as a record of plain text, by the table of csl-fields.ts. */
function recordOf(item: Item, line: number, left: (what: string) => void): BibRecord {
  const r: BibRecord = { line, authors: [], urls: [], tags: [] };
  for (const row of CSL_FIELDS) {
    const present = row.csl.filter((name) => textOf(item[name]) !== undefined);
    const [first, ...others] = present;
    if (first !== undefined) r[row.field] = textOf(item[first]);
    for (const name of others) left(name);
  }
  const subtitle = textOf(item.subtitle);
  if (r.title && subtitle) r.title = `${r.title}: ${subtitle}`;
  r.citekey = keyOf(item);
  r.type = typeOf(item, left);
  if (Array.isArray(item.author)) {
    r.authors = item.author.map(nameOf).filter((a): a is string => a !== undefined);
  }
  Object.assign(r, issuedOf(item.issued, left));
  const note = noteFields(textOf(item.note));
  if (note.rest !== "") left("note");
  // Zotero and BBT write a preprint's arXiv id as its number (`arXiv:1502.01852`).
  const number = /^arxiv:\s*(\S+)$/i.exec(r.issue ?? "")?.[1];
  if (number) r.issue = undefined;
  r.arxiv = note.arxiv ?? number;
  const url = textOf(item.URL);
  if (url) r.urls = [url];
  const keywords = Array.isArray(item.keyword) ? item.keyword : [item.keyword];
  r.tags = keywords.flatMap((k) => (textOf(k) ?? "").split(/[,;]/)).filter((k) => k.trim());
  const zotero = typeof item.id === "string" ? ZOTERO_URI.exec(item.id)?.[1] : undefined;
  if (zotero) r.zotero = zotero;
  return r;
}

/**
 * Reads CSL-JSON (Zotero's, Better BibTeX's Better CSL JSON, citation-js's, doi.org's answers)
 * into the model by the table of csl-fields.ts. Every item is a paper or a `bib-entry-not-mapped`
 * diagnostic with its line; variables no paper field takes are counted in `fieldsLeft`.
 * @example parseCslJson('[{"id": "he2016deep", "type": "book", "title": "Deep"}]', { file: "refs.json" }).papers[0]?.citekey // "he2016deep"
 */
export function parseCslJson(input: string, opts: { file: string }): BibliographyImport {
  const out = emptyBibliography();
  const text = input.replace(/^\ufeff/, "");
  const json = readJson(text, out, {
    file: opts.file,
    rule: "csl-json-not-json",
    hint: "Export the file again from the program that made it (Zotero: File → Export Library… → CSL JSON).",
  });
  if (json === undefined) return out;
  const found = cslItems(json.data);
  if (found === undefined) return out;
  const spans = objectLines(text, found.depth);
  const read = (left: Left) =>
    jsonEntries(found.items, spans, (item, line) => recordOf(item, line, left));
  return makePapers(
    opts.file,
    read,
    {
      what: "entry",
      notMapped: ({ record }) => ({
        message: `${record?.citekey ?? "item"}: no title, author or identifier to make a paper of; not imported`,
        hint: "Give the item a title (or check it is a CSL item); the other items were imported.",
      }),
      add: ({ item }, record, make, left) => {
        for (const name of Object.keys(item as Item)) {
          if (!CSL_HAND_MAPPED.has(name) && !CSL_FIELDS.some((r) => r.csl.includes(name)))
            left(name);
        }
        make(record);
      },
    },
    out,
  );
}
