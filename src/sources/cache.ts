/**
 * The response cache: one JSON file per request under `<library>/.jingdu/cache/<source>/`.
 * Derived data — delete it any time. Only successful, parsed responses are stored (failures never);
 * how long an entry counts as fresh is the client's policy (per-source max age), and a stale entry
 * is still served when the source cannot be reached.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempPathFor } from "../base/index.js";

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

// The last key's name: a request looks its key up, then stores its answer under the same one.
let lastKey = "";
let lastName = "";
function fileName(key: string): string {
  if (key !== lastKey) {
    lastName = `${createHash("sha256").update(key).digest("hex").slice(0, 40)}.json`;
    lastKey = key;
  }
  return lastName;
}

/** Entries being written, by file: every cache over that folder in this process reads them. */
const writing = new Map<string, CachedResponse>();

/**
 * A cache in plain files, one per request, each written whole (a temp file renamed into place:
 * a reader sees the old entry or the new one, never a part). Not fsynced, unlike a library file:
 * the cache is derived, so an entry a power cut leaves empty or cut reads as damaged, which is
 * no answer (asked again). Two fsyncs per answer were most of `jingdu resolve`'s own time on
 * 1,000 papers (docs/performance.md, 2026-12-04, later).
 */
export function createFileCache(dir: string): ResponseCache {
  let made: Promise<unknown> | undefined;
  return {
    async get(key) {
      const path = join(dir, fileName(key));
      // Being written (the client does not wait for a put): read as if it were on disk.
      const inFlight = writing.get(path);
      if (inFlight) return inFlight.key === key ? inFlight : undefined;
      let text: string;
      try {
        // Read synchronously: most lookups find nothing, and a failed open costs a few µs here
        // where a thread-pool round trip per request lay between every two requests.
        text = readFileSync(path, "utf8");
      } catch {
        // No cached answer (or unreadable): asked again; the cache is derived data.
        return undefined;
      }
      try {
        const entry = JSON.parse(text) as CachedResponse;
        // A hash collision or a hand-edited file must not answer another request.
        return entry.key === key && typeof entry.body === "string" ? entry : undefined;
      } catch {
        // A damaged cache file: treated as no answer and overwritten by the next fetch.
        return undefined;
      }
    },
    async put(entry) {
      const path = join(dir, fileName(entry.key));
      // base's temp name (`.<name>.<pid>.<random>.tmp`): the one the cleanup before a writing
      // command knows, so a temp a kill left here is removed like any other (store/stale-files).
      const tmp = tempPathFor(path);
      const text = `${JSON.stringify(entry)}\n`;
      writing.set(path, entry);
      try {
        // The folder is made once per process, and again when it was deleted meanwhile.
        made ??= mkdir(dir, { recursive: true }).catch((err: unknown) => {
          made = undefined;
          throw err;
        });
        await made;
        await write(path, tmp, text);
      } finally {
        if (writing.get(path) === entry) writing.delete(path);
      }
    },
  };

  async function write(path: string, tmp: string, text: string): Promise<void> {
    try {
      await writeFile(tmp, text, { flag: "wx" }).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== "ENOENT") throw err;
        await mkdir(dir, { recursive: true });
        await writeFile(tmp, text, { flag: "wx" });
      });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
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
