import { createHash } from "node:crypto";
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import * as zlib from "node:zlib";
import type { NoteLookup, NoteMemo, RememberedNote } from "../app/index.js";
import type { RenderResult } from "../render/index.js";
import { folderIdentity } from "./folder-identity.js";

/**
 * The build's render cache: every note's rendered HTML (with its TOC, warnings and links, and the
 * questions its render asked of the library, see `NoteMemo`), kept in one file of the library's
 * `.jingdu/` between builds. A build whose output folder was deleted, or after the base URL or a
 * page template changed, renders every page but converts no note again: like Jekyll's
 * `.jekyll-cache`, which keeps its Markdown conversions by content.
 *
 * Its HTML is put in pages as it is, unsanitized (it was sanitized when rendered), so the file is
 * trusted only where it was written: its header names the folder it lives in by device, inode and
 * birth time, which no copy of the file made elsewhere (a clone of a library whose `.jingdu/` was
 * committed, an archive) can know in advance. A file that names another folder is not read.
 *
 * The file: a header line (format, renderer version, folder), then records appended one batch per
 * build: a 4-byte length, a JSON array (key hash, lookups, TOC, diagnostics, flags, links, HTML
 * length, HTML CRC-32) and the HTML's UTF-8 bytes. A later record of a key replaces an earlier
 * one. A build that finds more outdated records than live ones writes the file anew (to a
 * temporary file renamed over it). A record cut short (a killed build) or damaged ends the reading
 * there: the records before it are used, and the next save writes the file anew. It is derived
 * data: deleting it costs one slower build, nothing else.
 */
export interface RenderCache extends NoteMemo {
  /**
   * Writes what this build added. With `prune` (the build rendered or reused every note), notes
   * it did not use are outdated and dropped when the file is written anew.
   */
  save(options?: { prune?: boolean }): void;
  /** Notes reused, rendered anew, and kept in the file. */
  stats(): { hits: number; added: number; entries: number };
}

const FORMAT = "jingdu render cache 1";

type Meta = [
  key: string,
  lookups: NoteLookup[],
  toc: RenderResult["toc"],
  diagnostics: RenderResult["diagnostics"],
  /** 1: has math, 2: has Mermaid. */
  flags: number,
  links: string[],
  htmlBytes: number,
  crc: number,
];

/** A note in the cache: its meta, its HTML's bytes, and whether the file holds it yet. */
interface Entry {
  meta: Meta;
  html: Buffer;
  onDisk: boolean;
}

const crc32: (data: Uint8Array) => number =
  typeof zlib.crc32 === "function" ? (data) => zlib.crc32(data) : () => 0;

/** The stored key of a memo key (a note's text and context): its SHA-1, as base64. */
const digest = (key: string) => createHash("sha1").update(key).digest("base64");

function recordBytes({ meta, html }: Entry): Buffer[] {
  const json = Buffer.from(JSON.stringify(meta));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return [length, json, html];
}

/**
 * Opens the render cache file of renderer `version` (`MarkdownProcessor.version`); a missing,
 * damaged or other version's file gives an empty cache that the first save replaces.
 * @example const cache = openRenderCache(".jingdu/render-cache.bin", processor.version)
 */
export function openRenderCache(file: string, version: string): RenderCache {
  const header = () => Buffer.from(`${FORMAT} ${version} ${folderIdentity(dirname(file))}\n`);
  // Read at the first question: a build that renders no page with a note never reads it.
  // `records` counts the file's records, outdated ones (a key's earlier records) too.
  let state: { entries: Map<string, Entry>; records: number; intact: boolean } | undefined;
  const opened = () => {
    state ??= readRecords(file, header());
    return state;
  };
  const used = new Set<string>();
  let hits = 0;
  let added = 0;

  return {
    version,
    get(key) {
      const id = digest(key);
      const entry = opened().entries.get(id);
      // Damaged bytes: rendered again, and the new record replaces this one.
      if (!entry || (entry.onDisk && crc32(entry.html) !== entry.meta[7])) return undefined;
      used.add(id);
      return {
        lookups: entry.meta[1],
        // Decoded when reused: a check of the lookups may find the note outdated first.
        result() {
          if (entry.onDisk) hits++;
          return resultOf(entry.meta, entry.html.toString("utf8"));
        },
      };
    },
    set(key, note: RememberedNote) {
      const id = digest(key);
      const result = note.result();
      const html = Buffer.from(result.html);
      const flags = (result.hasMath ? 1 : 0) | (result.hasMermaid ? 2 : 0);
      const meta: Meta = [
        id,
        [...note.lookups],
        result.toc,
        result.diagnostics,
        flags,
        result.links,
        html.length,
        crc32(html),
      ];
      opened().entries.set(id, { meta, html, onDisk: false });
      used.add(id);
      added++;
    },
    save(options = {}) {
      // Never read: nothing was asked or added.
      if (!state) return;
      const { entries } = state;
      if (options.prune) for (const id of entries.keys()) if (!used.has(id)) entries.delete(id);
      let fresh = 0;
      for (const entry of entries.values()) if (!entry.onDisk) fresh++;
      // The file's records that no entry is now: earlier records of a key, pruned notes.
      const outdated = state.records - (entries.size - fresh);
      // Written anew when damaged, of another version, or mostly outdated; else appended to.
      const rewrite = !state.intact || outdated > Math.max(entries.size, 64);
      if (!rewrite && fresh === 0) return;
      const parts: Buffer[] = [];
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true });
        if (rewrite) parts.push(header());
        for (const entry of entries.values()) {
          if (rewrite || !entry.onDisk) parts.push(...recordBytes(entry));
        }
        if (rewrite) {
          writeFileSync(temporary, Buffer.concat(parts));
          renameSync(temporary, file);
          state.records = entries.size;
        } else {
          appendFileSync(file, Buffer.concat(parts));
          state.records += fresh;
        }
      } catch {
        // A cache that cannot be written (a read-only library, a full disk) only costs speed:
        // the next build renders these notes again. An append cut short is read up to its cut.
        state.intact = false;
        try {
          rmSync(temporary, { force: true });
        } catch {
          // The temp file is left for the next build to overwrite; the cache is marked not intact.
        }
        return;
      }
      for (const entry of entries.values()) entry.onDisk = true;
      state.intact = true;
    },
    stats: () => ({ hits, added, entries: state?.entries.size ?? 0 }),
  };
}

function resultOf(meta: Meta, html: string): RenderResult {
  return {
    html,
    toc: meta[2],
    diagnostics: meta[3],
    hasMath: (meta[4] & 1) !== 0,
    hasMermaid: (meta[4] & 2) !== 0,
    links: meta[5],
  };
}

/**
 * The file's notes by key hash (the last record of each key), how many records it holds, and
 * whether it is whole: of this format and version, and readable to its end.
 */
function readRecords(
  file: string,
  header: Buffer,
): { entries: Map<string, Entry>; records: number; intact: boolean } {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    // No cache (or unreadable): every note is rendered again; the cache is derived data.
    return { entries, records: 0, intact: false };
  }
  if (!bytes.subarray(0, header.length).equals(header))
    return { entries, records: 0, intact: false };
  const { records, end } = parseRecords(bytes, header.length, entries, true);
  return { entries, records, intact: end === bytes.length };
}

/** Reads records from `at` into `entries` until the bytes end or a record is cut short or bad. */
function parseRecords(
  bytes: Buffer,
  at: number,
  entries: Map<string, Entry>,
  onDisk: boolean,
): { records: number; end: number } {
  let records = 0;
  while (at + 4 <= bytes.length) {
    const htmlFrom = at + 4 + bytes.readUInt32LE(at);
    if (htmlFrom > bytes.length) break;
    let meta: Meta;
    try {
      meta = JSON.parse(bytes.toString("utf8", at + 4, htmlFrom)) as Meta;
    } catch {
      // A damaged record: the cache is read up to it (documented in docs/cli.md).
      break;
    }
    if (!Array.isArray(meta) || meta.length !== 8 || typeof meta[6] !== "number") break;
    const to = htmlFrom + meta[6];
    if (to > bytes.length) break;
    entries.set(meta[0], { meta, html: bytes.subarray(htmlFrom, to), onDisk });
    records++;
    at = to;
  }
  return { records, end: at };
}
