import { existsSync, readFileSync } from "node:fs";
import type { SearchIndexCache } from "../app/index.js";
import { fileHash } from "./route-output.js";

/** Between two entries of the index: `JSON.stringify` of an array of flat objects. */
const BETWEEN = Buffer.from('},{"kind":"');
const URL_OPEN = Buffer.from('","url":"');
const URL_CLOSE = Buffer.from('","text":"');

/**
 * The entries of the last build's `search-index.json`, by route: a one-note rebuild copies every
 * other entry as bytes instead of extracting the text of every note again. Used only when the
 * file is the one the manifest recorded (`hash`), and an entry only for a route whose input key is
 * unchanged (`unchanged`): the route's key covers everything its entry holds.
 *
 * The file is `JSON.stringify` of flat objects that begin with `"kind"`, so `},{"kind":"` occurs
 * only between entries (a quote inside a string value is escaped); each entry's `url` is its
 * route's href.
 */
export function createSearchIndexCache(opts: {
  file: string;
  /** `fileHash` of the file the last build wrote, from its manifest. */
  hash: string | undefined;
  unchanged: (path: string) => boolean;
  /** The href of a route path (the entries' `url`). */
  href: (path: string) => string;
  /** The entries this builder wrote last, by route (`entries()` of its last build). */
  last?: ReadonlyMap<string, Uint8Array> | undefined;
  /** The builder's memory for the index's bytes (`SearchIndexCache.output`), kept across builds. */
  scratch?: { bytes?: Uint8Array };
}): SearchIndexCache & {
  /** The entries written in this build, by route; undefined when it wrote no index. */
  entries(): ReadonlyMap<string, Uint8Array> | undefined;
} {
  let entries: Map<string, Uint8Array> | undefined;
  const written = new Map<string, Uint8Array>();
  const load = () => {
    const map = new Map<string, Uint8Array>();
    if (opts.hash === undefined || !existsSync(opts.file)) return map;
    const bytes = readFileSync(opts.file);
    if (fileHash(bytes) !== opts.hash) return map;
    // `[` entry `,` entry … `]\n`
    if (bytes.length < 4 || bytes[0] !== 0x5b || bytes.at(-2) !== 0x5d) return map;
    const end = bytes.length - 2;
    for (let at = 1; at < end; ) {
      const next = bytes.indexOf(BETWEEN, at);
      const stop = next === -1 || next >= end ? end : next + 1;
      const entry = bytes.subarray(at, stop);
      const url = entry.indexOf(URL_OPEN);
      const urlEnd = url === -1 ? -1 : entry.indexOf(URL_CLOSE, url);
      if (urlEnd === -1) return new Map<string, Uint8Array>();
      map.set(entry.toString("utf8", url + URL_OPEN.length, urlEnd), entry);
      at = stop + 1;
    }
    return map;
  };
  return {
    get(path) {
      if (!opts.unchanged(path)) return undefined;
      if (opts.last) return opts.last.get(path);
      entries ??= load();
      // The url as JSON writes it (hrefs are percent-encoded: nothing to escape, as a rule).
      return entries.get(JSON.stringify(opts.href(path)).slice(1, -1));
    },
    put(path, entry) {
      written.set(path, entry);
    },
    entries: () => (written.size > 0 ? written : undefined),
    output(size) {
      const scratch = opts.scratch;
      if (!scratch) return Buffer.allocUnsafe(size);
      // A quarter more than asked: an index that grows by a few entries fits the same memory.
      if (!scratch.bytes || scratch.bytes.byteLength < size) {
        scratch.bytes = Buffer.allocUnsafe(Math.ceil(size * 1.25));
      }
      return scratch.bytes.subarray(0, size);
    },
  };
}
