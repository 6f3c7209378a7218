/**
 * The response cache: one JSON file per request under `<library>/.jingdu/cache/<source>/`.
 * Derived data — delete it any time. Only successful, parsed responses are stored (failures never);
 * how long an entry counts as fresh is the client's policy (per-source max age), and a stale entry
 * is still served when the source cannot be reached.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

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

function fileName(key: string): string {
  return `${createHash("sha256").update(key).digest("hex").slice(0, 40)}.json`;
}

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
      let text: string;
      try {
        text = await readFile(join(dir, fileName(key)), "utf8");
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
      const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      const text = `${JSON.stringify(entry)}\n`;
      // The folder is made once per process, and again when it was deleted meanwhile.
      made ??= mkdir(dir, { recursive: true });
      await made;
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
