/** The per-source loops of a refresh: S2 and arXiv in batches, bilibili one video at a time. */
import { ARXIV_ID_LIST_LIMIT } from "./arxiv/arxiv-client.js";
import { SOURCE_LABELS, type SourceName } from "./config.js";
import { type MetadataMaps, nextRecord } from "./fetched-metadata.js";
import {
  CircuitOpenError,
  NetworkError,
  NotFoundError,
  RetryAfterError,
  SourceBlockedError,
} from "./http/index.js";
import {
  arxivValues,
  bilibiliSeasonEpisodeValues,
  bilibiliValues,
  s2Values,
} from "./record-values.js";
import type { PlannedItem } from "./refresh-plan.js";
import type { RefreshItemResult } from "./refresh-types.js";
import type { Sources } from "./sources.js";

export interface RunContext {
  maps: MetadataMaps;
  sources: Sources;
  signal: AbortSignal | undefined;
  batchSize: number;
  report: (r: RefreshItemResult) => void;
  persist: (source: SourceName, outcomes: RefreshItemResult[]) => Promise<void>;
  reached: () => void;
  stop: (source: SourceName, err: unknown, remaining: PlannedItem[]) => void;
}

/** Errors that end a whole source for this run (the rest of the run goes on). */
export function stopsSource(err: unknown): boolean {
  return (
    err instanceof SourceBlockedError ||
    err instanceof NetworkError ||
    err instanceof CircuitOpenError ||
    err instanceof RetryAfterError
  );
}

function applyFetch(
  ctx: RunContext,
  item: PlannedItem,
  fetchedAt: number,
  values: Record<string, unknown> | undefined,
  notFoundReason?: string,
): RefreshItemResult {
  const map = ctx.maps[item.source];
  const { record, changed } = nextRecord(map.get(item.key), {
    key: item.key,
    source: item.source,
    query: item.query,
    fetchedAt: new Date(fetchedAt).toISOString(),
    ...(values ? { values } : {}),
  });
  map.set(item.key, record);
  const base = { source: item.source, key: item.key, label: item.label };
  if (!values)
    return {
      ...base,
      outcome: "not-found",
      reason: notFoundReason ?? `${SOURCE_LABELS[item.source]} does not know ${item.query}`,
    };
  return { ...base, outcome: changed ? "updated" : "unchanged" };
}

async function runBatches(
  ctx: RunContext,
  source: SourceName,
  items: PlannedItem[],
  size: number,
  fetchBatch: (batch: PlannedItem[]) => Promise<RefreshItemResult[]>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    if (ctx.signal?.aborted) return;
    const batch = items.slice(i, i + size);
    let outcomes: RefreshItemResult[];
    try {
      outcomes = await fetchBatch(batch);
    } catch (err) {
      if (stopsSource(err)) {
        ctx.stop(source, err, items.slice(i));
        return;
      }
      // The full message names the request (`semantic-scholar: POST …/paper/batch: HTTP 500`).
      const reason = (err as Error).message;
      for (const item of batch)
        ctx.report({ source, key: item.key, label: item.label, outcome: "failed", reason });
      continue;
    }
    ctx.reached();
    await ctx.persist(source, outcomes);
    for (const o of outcomes) ctx.report(o);
  }
}

export async function runS2(ctx: RunContext, items: PlannedItem[]): Promise<void> {
  // Two papers may share one S2 id; ask once per distinct id within a batch.
  await runBatches(ctx, "s2", items, ctx.batchSize, async (batch) => {
    const ids = [...new Set(batch.map((b) => b.query))];
    const res = await ctx.sources.s2.getPapers(ids);
    const byId = new Map(ids.map((id, k) => [id, res.value[k] ?? null]));
    return batch.map((item) => {
      const p = byId.get(item.query);
      return applyFetch(ctx, item, res.fetchedAt, p ? s2Values(p) : undefined);
    });
  });
}

export async function runArxiv(ctx: RunContext, items: PlannedItem[]): Promise<void> {
  await runBatches(ctx, "arxiv", items, ARXIV_ID_LIST_LIMIT, async (batch) => {
    const ids = [...new Set(batch.map((b) => b.query))];
    const res = await ctx.sources.arxiv.getEntries(ids);
    return batch.map((item) => {
      const e = res.entries.get(item.query);
      return applyFetch(ctx, item, res.fetchedAt, e ? arxivValues(e) : undefined);
    });
  });
}

export async function runBilibili(ctx: RunContext, items: PlannedItem[]): Promise<void> {
  const left = new Map(items.map((i) => [i.key, i]));
  for (const item of items) {
    if (!left.has(item.key)) continue; // answered by a collection fetched earlier
    if (ctx.signal?.aborted) return;
    let outcomes: RefreshItemResult[];
    try {
      const { video, fetchedAt } = await ctx.sources.bilibili.getVideo(item.query, {
        cache: "bypass",
      });
      left.delete(item.key);
      outcomes = [applyFetch(ctx, item, fetchedAt, bilibiliValues(video))];
      // One view of a collection video carries every episode's runtime and views.
      if (video.season && item.collection) {
        const season = { id: video.season.id, title: video.season.title };
        for (const ep of video.season.episodes) {
          const other = left.get(`video:${ep.bvid}`);
          if (!other) continue;
          left.delete(other.key);
          outcomes.push(applyFetch(ctx, other, fetchedAt, bilibiliSeasonEpisodeValues(ep, season)));
        }
      }
    } catch (err) {
      if (err instanceof NotFoundError) {
        left.delete(item.key);
        const outcome = applyFetch(ctx, item, ctx.sources.now(), undefined, err.detail);
        ctx.reached();
        await ctx.persist("bilibili", [outcome]);
        ctx.report(outcome);
        continue;
      }
      if (stopsSource(err)) {
        ctx.stop("bilibili", err, [...left.values()]);
        return;
      }
      left.delete(item.key);
      const reason = (err as Error).message;
      ctx.report({
        source: "bilibili",
        key: item.key,
        label: item.label,
        outcome: "failed",
        reason,
      });
      continue;
    }
    ctx.reached();
    await ctx.persist("bilibili", outcomes);
    for (const o of outcomes) ctx.report(o);
  }
}
