/** A rendered response kept by the page cache. */
export interface CachedPage {
  status: number;
  type: string;
  /** The page as it is; absent for a page kept compressed only (see `gzipped`). */
  body?: string | Uint8Array;
  /** The page gzip-compressed, for clients that accept it. */
  gzipped?: Uint8Array;
  etag: string;
  bytes: number;
}

/** Whether an Accept-Encoding header accepts gzip (and does not refuse it with `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A tiny LRU of rendered responses by request path, bounded by bytes. */
export function createPageCache(maxBytes: number) {
  const map = new Map<string, CachedPage>();
  let bytes = 0;
  return {
    get(key: string): CachedPage | undefined {
      const hit = map.get(key);
      if (hit) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key: string, value: CachedPage) {
      const old = map.get(key);
      if (old) bytes -= old.bytes;
      map.delete(key);
      map.set(key, value);
      bytes += value.bytes;
      for (const [k, v] of map) {
        if (bytes <= maxBytes || map.size <= 1) break;
        map.delete(k);
        bytes -= v.bytes;
      }
    },
    clear() {
      map.clear();
      bytes = 0;
    },
  };
}
