/** What a refresh would fetch: one item per paper (S2, arXiv) and per bilibili video. */
import type { Library } from "../core/index.js";
import type { SourceName } from "./config.js";
import type { MetadataMaps } from "./fetched-metadata.js";

export interface PlannedItem {
  source: SourceName;
  /** Record key: `paper:<id>` / `video:<BVID>`. */
  key: string;
  /** The id sent to the source. */
  query: string;
  /** Shown in progress and summaries. */
  label: string;
  /** Set when the item will not be fetched, and why. */
  skip?: string;
  /** The skip is because the record is fresh (outcome `cached`). */
  fresh?: boolean;
  /** bilibili: the collection (course) the video belongs to, so one view can answer for all. */
  collection?: string;
}

/** The S2 id for a paper: sha, then CorpusId, arXiv, DOI. */
export function s2QueryFor(ids: Library["papers"][number]["ids"]): string | undefined {
  if (ids.s2) return ids.s2;
  if (ids.corpusId !== undefined) return `CorpusId:${ids.corpusId}`;
  if (ids.arxiv) return `ARXIV:${ids.arxiv.replace(/v\d+$/, "")}`;
  if (ids.doi) return `DOI:${ids.doi}`;
  return undefined;
}

function age(ms: number): string {
  const h = ms / 3_600_000;
  return h < 1
    ? `${Math.max(1, Math.round(ms / 60_000))} min`
    : h < 48
      ? `${Math.round(h)} h`
      : `${Math.round(h / 24)} d`;
}

/**
 * Lists the items of a refresh. An item is due when it has no record, its record is older than
 * `olderThanMs[source]`, or the id it was fetched by changed.
 */
export function planRefresh(
  library: Library,
  maps: MetadataMaps,
  opts: { only: readonly SourceName[]; olderThanMs: Record<SourceName, number>; now: number },
): PlannedItem[] {
  const items: PlannedItem[] = [];
  const freshness = (source: SourceName, key: string, query: string): string | undefined => {
    const r = maps[source].get(key);
    if (!r || r.query !== query) return undefined;
    const ageMs = opts.now - Date.parse(r.fetchedAt);
    return ageMs < opts.olderThanMs[source] ? `fresh (fetched ${age(ageMs)} ago)` : undefined;
  };
  if (opts.only.includes("s2")) {
    for (const p of library.papers) {
      const key = `paper:${p.id}`;
      const query = s2QueryFor(p.ids);
      const label = p.short || p.id;
      if (!query)
        items.push({
          source: "s2",
          key,
          query: "",
          label,
          skip: "no id yet (resolve it with `jingdu add paper`)",
        });
      else {
        const skip = freshness("s2", key, query);
        items.push({ source: "s2", key, query, label, ...(skip ? { skip, fresh: true } : {}) });
      }
    }
  }
  if (opts.only.includes("arxiv")) {
    for (const p of library.papers) {
      if (!p.ids.arxiv) continue;
      const key = `paper:${p.id}`;
      const query = p.ids.arxiv.replace(/v\d+$/, "");
      const skip = freshness("arxiv", key, query);
      items.push({
        source: "arxiv",
        key,
        query,
        label: p.short || p.id,
        ...(skip ? { skip, fresh: true } : {}),
      });
    }
  }
  if (opts.only.includes("bilibili")) {
    const seen = new Set<string>();
    for (const c of library.courses) {
      const bvids: string[] = [];
      if (c.source.kind === "bilibili" && c.source.id) bvids.push(c.source.id);
      for (const e of c.episodes)
        for (const v of e.videos) if (v.site === "bilibili" && v.id) bvids.push(v.id);
      for (const bvid of bvids) {
        if (seen.has(bvid)) continue;
        seen.add(bvid);
        const key = `video:${bvid}`;
        const skip = freshness("bilibili", key, bvid);
        items.push({
          source: "bilibili",
          key,
          query: bvid,
          label: `${c.id} ${bvid}`,
          ...(c.source.kind === "bilibili-collection" ? { collection: c.id } : {}),
          ...(skip ? { skip, fresh: true } : {}),
        });
      }
    }
  }
  return items;
}
