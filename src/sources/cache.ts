/**
 * The response cache: every answer appended to a journal under `<library>/.jingdu/cache/<source>/`
 * (cache-journal.ts). Derived data — delete it any time. Only successful, parsed responses are
 * stored (failures never); how long an entry counts as fresh is the client's policy (per-source
 * max age), and a stale entry is still served when the source cannot be reached. Entries of the
 * cache before the journal (one JSON file per request) are still read.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openJournal } from "./cache-journal.js";

export interface CachedResponse {
  /** The request it answers: `METHOD url [body]`. */
  key: string;
  /** Epoch ms when it was stored. */
  storedAt: number;
  status: number;
  contentType?: string;
  body: string;
}

export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  put(entry: CachedResponse): Promise<void>;
}

/** Per-source freshness: entries younger than `maxAgeMs` are used without asking the source. */
export interface CachePolicy {
  store: ResponseCache;
  maxAgeMs: number;
}

/** The file an entry of the cache before the journal had: one per request, by its key's hash. */
function legacyFileName(key: string): string {
  return `${createHash("sha256").update(key).digest("hex").slice(0, 40)}.json`;
}

function folderHasLegacyEntries(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith(".json"));
  } catch {
    // No folder yet: nothing cached before.
    return false;
  }
}

/** An entry's text as stored, or undefined when it is damaged or answers another request. */
function entryOf(text: string, key: string): CachedResponse | undefined {
  try {
    const entry = JSON.parse(text) as CachedResponse;
    // A hash collision or a hand-edited file must not answer another request.
    return entry.key === key && typeof entry.body === "string" ? entry : undefined;
  } catch {
    // A damaged entry (cut by a kill or a power cut): no answer; asked again and stored anew.
    return undefined;
  }
}

/**
 * A cache in a folder: answers appended to its journal, one line each, written whole by one
 * append and synchronously (a small write into the page cache: the client does not wait for it
 * and the next lookup reads it), not fsynced, unlike a library file: the cache is derived, so an
 * entry a power cut leaves cut reads as damaged, which is no answer (asked again).
 * `maxJournalBytes`: when the journal is set aside (default `JOURNAL_MAX_BYTES`).
 */
export function createFileCache(
  dir: string,
  opts: { maxJournalBytes?: number } = {},
): ResponseCache {
  const journal = openJournal(dir, opts.maxJournalBytes);
  let made = false;
  let legacy: boolean | undefined;
  return {
    async get(key) {
      const line = journal.lookup(key);
      if (line !== undefined) return entryOf(line, key);
      // Looked for only where the folder held such files when first read (a hash and a failed
      // open per lookup otherwise).
      legacy ??= folderHasLegacyEntries(dir);
      if (!legacy) return undefined;
      let text: string;
      try {
        // An entry of the cache before the journal. Read synchronously: most lookups find
        // nothing, and a failed open costs a few µs where a thread-pool round trip would not.
        text = readFileSync(join(dir, legacyFileName(key)), "utf8");
      } catch {
        // No cached answer (or unreadable): asked again; the cache is derived data.
        return undefined;
      }
      return entryOf(text, key);
    },
    async put(entry) {
      // The key first: the journal indexes a line by it without parsing the rest.
      const { key, storedAt, status, contentType, body } = entry;
      const line = JSON.stringify({
        key,
        storedAt,
        status,
        ...(contentType === undefined ? {} : { contentType }),
        body,
      });
      // The folder is made once per process, and again when it was deleted meanwhile.
      if (!made) mkdirSync(dir, { recursive: true });
      made = true;
      try {
        journal.append(key, line);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        mkdirSync(dir, { recursive: true });
        journal.append(key, line);
      }
    },
  };
}

/** A cache that lives as long as the process (tests, one-shot commands). */
export function createMemoryCache(): ResponseCache {
  const entries = new Map<string, CachedResponse>();
  return {
    async get(key) {
      return entries.get(key);
    },
    async put(entry) {
      entries.set(entry.key, entry);
    },
  };
}
