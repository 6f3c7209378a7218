import { access } from "node:fs/promises";
import { join } from "node:path";
import { contentHash, readRegularFile, updateLibraryFile, writeFileAtomic } from "../base/index.js";
import { snapshotEntryProblem } from "./snapshot-entry.js";

/** `<library>/snapshots/`: archived copies of cited pages (see docs/snapshots.md). */
export const SNAPSHOTS_DIR = "snapshots";
export const SNAPSHOT_INDEX = "snapshots/index.jsonl";
export const LINK_HEALTH_FILE = "snapshots/links.jsonl";

/**
 * The header the server sends with every archived object except PDFs: the page runs in an opaque
 * origin with no scripts, no plugins, no forms, no frames, and can load only our own stored
 * images, styles and fonts. A PDF gets `PDF_SNAPSHOT_CSP` (browsers' PDF viewers refuse to run
 * inside a `sandbox`), which still forbids it to load anything.
 */
export const SNAPSHOT_CSP =
  "sandbox; default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; media-src 'self'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";
export const PDF_SNAPSHOT_CSP = "default-src 'none'; frame-ancestors 'self'";

/**
 * The policy a static copy of an archived HTML page carries in a `<meta>` (a static host sends no
 * headers of ours): no script at all, only our own images, styles and fonts. `sandbox` and
 * `frame-ancestors` cannot be set by `<meta>`; the archiver has already removed scripts, frames
 * and event handlers, so this is the second lock, not the only one.
 */
export const STATIC_SNAPSHOT_CSP =
  "default-src 'none'; script-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; media-src 'self'; form-action 'none'; base-uri 'none'";

/** An archived HTML page with `STATIC_SNAPSHOT_CSP` as the first element of its `<head>`. */
export function withStaticSnapshotCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${STATIC_SNAPSHOT_CSP}">`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head)
    return (
      html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length)
    );
  // No <head>: a meta before any other content is still parsed into the head.
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + meta + html.slice(at);
}

/** Headers to serve a stored object with (`path` is its file name or path). */
export function snapshotResponseHeaders(path: string): Record<string, string> {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return {
    "content-type": CONTENT_TYPE_OF_EXT[ext] ?? "application/octet-stream",
    "content-security-policy": ext === "pdf" ? PDF_SNAPSHOT_CSP : SNAPSHOT_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    // An archived page runs sandboxed, in an opaque origin: its own images and fonts are
    // cross-origin requests to it, which `same-origin` would block. Documents stay same-origin.
    "cross-origin-resource-policy":
      ext === "html" || ext === "pdf" ? "same-origin" : "cross-origin",
  };
}

const EXT_OF_TYPE: Record<string, string> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
  "text/css": "css",
  "text/plain": "txt",
  "application/json": "json",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/jpg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/avif": "avif",
  "image/svg+xml": "svg",
  "image/x-icon": "ico",
  "image/vnd.microsoft.icon": "ico",
  "image/bmp": "bmp",
  "font/woff2": "woff2",
  "font/woff": "woff",
  "application/font-woff": "woff",
  "font/ttf": "ttf",
  "font/otf": "otf",
};

const CONTENT_TYPE_OF_EXT: Record<string, string> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  css: "text/css; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  bmp: "image/bmp",
  woff2: "font/woff2",
  woff: "font/woff",
  ttf: "font/ttf",
  otf: "font/otf",
};

/** `text/html; charset=gbk` → `text/html`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The file extension an object of this type is stored with (`bin` when unknown). */
export function extensionFor(contentType: string | undefined, body?: Uint8Array): string {
  const known = EXT_OF_TYPE[mediaType(contentType)];
  if (known) return known;
  if (body && startsWith(body, "%PDF-")) return "pdf";
  return "bin";
}

export function startsWith(body: Uint8Array, ascii: string): boolean {
  if (body.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (body[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Path of an object relative to the library root: `snapshots/objects/ab/abcdef….html`. */
export function objectPath(hash: string, ext: string): string {
  return `${SNAPSHOTS_DIR}/objects/${hash.slice(0, 2)}/${hash}.${ext}`;
}

/** Stores bytes content-addressed (once: an existing object is left alone). */
export async function putObject(
  root: string,
  body: Uint8Array | string,
  ext: string,
): Promise<{ hash: string; path: string; bytes: number }> {
  const hash = contentHash(body);
  const path = objectPath(hash, ext);
  const bytes = typeof body === "string" ? Buffer.byteLength(body) : body.length;
  const full = join(root, path);
  const exists = await access(full).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFileAtomic(full, body);
  return { hash, path, bytes };
}

/** One archived URL in `snapshots/index.jsonl`. */
export interface SnapshotEntry {
  url: string;
  /** SHA-256 of the stored object. */
  hash: string;
  /** The stored object, relative to the library root. */
  path: string;
  /** When this content was fetched (ISO). */
  fetchedAt: string;
  /** When the URL was last fetched, even if the content had not changed (ISO). */
  checkedAt: string;
  finalUrl: string;
  status: number;
  title?: string;
  contentType: string;
  bytes: number;
  /** Images, stylesheets and fonts stored for the page / referenced but not stored. */
  assets?: number;
  missingAssets?: number;
  /** The seed's 参考资料快照 mapping this link came with (references.yaml). */
  origin?: { archived?: string; origin?: string };
  /** Earlier contents of the URL, newest first. */
  history?: { hash: string; path: string; fetchedAt: string }[];
}

const KEY_ORDER: (keyof SnapshotEntry)[] = [
  "url",
  "hash",
  "path",
  "fetchedAt",
  "checkedAt",
  "finalUrl",
  "status",
  "title",
  "contentType",
  "bytes",
  "assets",
  "missingAssets",
  "origin",
  "history",
];

/**
/**
 * What each record read by `readJsonl` looked like then (its line), so `writeJsonl` can tell the
 * records this process changed from the ones it only carried along.
 */
const asRead = new WeakMap<object, string>();

/** Parses JSON Lines records with a `url`; bad lines (or ones `accept` refuses) are skipped. */
function parseJsonl<T extends { url: string }>(
  text: string,
  accept: (record: unknown) => boolean = () => true,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as T;
      if (record && typeof record.url === "string" && accept(record)) out.set(record.url, record);
    } catch {
      // A damaged line is dropped; the URL is fetched again next time.
    }
  }
  return out;
}

function lineOf<T extends { url: string }>(r: T, keyOrder: readonly (keyof T)[]): string {
  const ordered: Record<string, unknown> = {};
  for (const k of keyOrder) if (r[k] !== undefined) ordered[k as string] = r[k];
  return JSON.stringify(ordered);
}

/**
 * Reads a JSON Lines file of records with a `url`; a missing file is empty, bad lines skipped
 * (`accept` says which parsed lines are good; `jingdu doctor` reports the others). A FIFO, link
 * or folder in its place is not opened (it would block or point anywhere): read as empty.
 */
export async function readJsonl<T extends { url: string }>(
  path: string,
  accept: (record: unknown) => boolean = () => true,
): Promise<Map<string, T>> {
  const read = await readRegularFile(path);
  if (!("text" in read)) return new Map();
  const out = parseJsonl<T>(read.text, accept);
  for (const r of out.values()) asRead.set(r, JSON.stringify(r));
  return out;
}

/**
 * Writes records sorted by URL with keys in a fixed order (small git diffs), merged with the
 * file on disk under its lock: a record this process changed or added since it read the file
 * wins, every other URL keeps what is on disk now, so two runs at once (`jingdu snapshot` and
 * `jingdu check-links`, or two snapshots) keep each other's work. Nothing is deleted by a write.
 */
export async function writeJsonl<T extends { url: string }>(
  path: string,
  records: Iterable<T>,
  keyOrder: readonly (keyof T)[],
): Promise<void> {
  const ours = [...records];
  const mine = ours.filter((r) => asRead.get(r) !== JSON.stringify(r));
  await updateLibraryFile(path, ({ bytes }) => {
    const merged = bytes === null ? new Map<string, T>() : parseJsonl<T>(bytes.toString("utf8"));
    for (const r of ours) if (!merged.has(r.url)) merged.set(r.url, r);
    for (const r of mine) merged.set(r.url, r);
    const sorted = [...merged.values()].sort((a, b) =>
      a.url < b.url ? -1 : a.url > b.url ? 1 : 0,
    );
    const lines = sorted.map((r) => lineOf(r, keyOrder));
    return { content: lines.length === 0 ? "" : `${lines.join("\n")}\n` };
  });
  // Written: from now on these count as read, so a later write does not undo a newer change.
  for (const r of mine) asRead.set(r, JSON.stringify(r));
}

export function readSnapshotIndex(root: string): Promise<Map<string, SnapshotEntry>> {
  return readJsonl<SnapshotEntry>(
    join(root, SNAPSHOT_INDEX),
    (r) => snapshotEntryProblem(r) === undefined,
  );
}

export function writeSnapshotIndex(root: string, entries: Iterable<SnapshotEntry>): Promise<void> {
  return writeJsonl(join(root, SNAPSHOT_INDEX), entries, KEY_ORDER);
}
