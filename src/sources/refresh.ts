/**
 * `jingdu refresh`: fetches what is due, source by source (in parallel, each at its own pace),
 * writes `metadata/<source>.jsonl` atomically after every batch and keeps a checkpoint in
 * `.jingdu/refresh-checkpoint.json`, so an interrupted refresh continues where it stopped.
 */
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../base/index.js";
import { BILIBILI_BLOCK_HINT } from "./bilibili/bilibili-client.js";
import { SOURCE_LABELS, SOURCE_NAMES, type SourceName } from "./config.js";
import { loadFetchedMetadata, writeFetchedMetadata } from "./fetched-metadata.js";
import {
  CircuitOpenError,
  NetworkError,
  RetryAfterError,
  SourceBlockedError,
  SourceError,
} from "./http/index.js";
import { type PlannedItem, planRefresh } from "./refresh-plan.js";
import { type RunContext, runArxiv, runBilibili, runS2 } from "./refresh-runners.js";
import type {
  RefreshItemResult,
  RefreshOptions,
  RefreshOutcomeKind,
  RefreshResult,
  SourceStop,
} from "./refresh-types.js";
import { S2_BATCH_LIMIT } from "./semantic-scholar/s2-client.js";
import { holdFor, readSourcesState, writeSourcesState } from "./source-holds.js";

export type {
  RefreshItemResult,
  RefreshOptions,
  RefreshOutcomeKind,
  RefreshProgress,
  RefreshResult,
  SourceStop,
} from "./refresh-types.js";
export { OUTCOME_KINDS } from "./refresh-types.js";

interface Checkpoint {
  version: 1;
  startedAt: string;
  only: SourceName[];
  olderThanMs: number | null;
  outcomes: Record<string, { outcome: RefreshOutcomeKind; reason?: string }>;
}

const CHECKPOINT = "refresh-checkpoint.json";
/** An interrupted refresh older than this is not continued; a new one starts. */
const CHECKPOINT_MAX_AGE_MS = 7 * 86_400_000;

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch {
    // Missing or damaged state file: refreshed as if never run; the state is derived data.
    return undefined;
  }
}

/**
 * Refreshes fetched metadata for a library. Never writes a person's files; only `metadata/` and
 * `.jingdu/`. With no network it changes nothing and says so.
 * @example const r = await refreshLibrary({ library, libraryRoot, sources, only: ["s2"], onProgress })
 */
export async function refreshLibrary(opts: RefreshOptions): Promise<RefreshResult> {
  const { libraryRoot: root, sources } = opts;
  const now = sources.now;
  // A source turned off in jingdu.yaml is not planned at all (the CLI refuses `--only` for it).
  const disabled = SOURCE_NAMES.filter((s) => !sources.settings[s].enabled);
  const only = [...(opts.only ?? SOURCE_NAMES)]
    .filter((s) => !disabled.includes(s))
    .sort() as SourceName[];
  const jingduDir = join(root, ".jingdu");
  const checkpointPath = join(jingduDir, CHECKPOINT);
  // Temp files of dead runs are removed before the command (src/store/stale-files.ts, from the
  // CLI): removing every `.tmp` here would break the rename of a live process's write.

  // Bad lines are reported (and not written back: the next write leaves them out, and the item is
  // due again, as docs/metadata.md says).
  const { maps, diagnostics } = await loadFetchedMetadata(root);
  const startedAtMs = now();
  const previous = await readJson<Checkpoint>(checkpointPath);
  const resumed =
    previous?.version === 1 &&
    startedAtMs - Date.parse(previous.startedAt) < CHECKPOINT_MAX_AGE_MS &&
    previous.only.join() === only.join() &&
    previous.olderThanMs === (opts.olderThanMs ?? null);
  const checkpoint: Checkpoint = resumed
    ? (previous as Checkpoint)
    : {
        version: 1,
        startedAt: new Date(startedAtMs).toISOString(),
        only,
        olderThanMs: opts.olderThanMs ?? null,
        outcomes: {},
      };
  const runStart = Date.parse(checkpoint.startedAt);

  const olderThanMs = {} as Record<SourceName, number>;
  for (const s of SOURCE_NAMES) olderThanMs[s] = opts.olderThanMs ?? sources.settings[s].maxAgeMs;
  const plan = planRefresh(opts.library, maps, { only, olderThanMs, now: startedAtMs });

  const results: RefreshItemResult[] = [];
  const total = plan.length;
  const report = (item: RefreshItemResult) => {
    results.push(item);
    opts.onProgress?.({ done: results.length, total, item });
  };

  // Items an interrupted run already finished: fetched since it started.
  const pending: PlannedItem[] = [];
  for (const item of plan) {
    const ck = `${item.source}|${item.key}`;
    const record = maps[item.source].get(item.key);
    const doneBefore =
      resumed && record && Date.parse(record.fetchedAt) >= runStart && record.query === item.query;
    if (doneBefore) {
      const prev = checkpoint.outcomes[ck];
      report({
        source: item.source,
        key: item.key,
        label: item.label,
        outcome: prev?.outcome ?? "updated",
        ...(prev?.reason ? { reason: prev.reason } : {}),
      });
    } else if (item.skip)
      report({
        source: item.source,
        key: item.key,
        label: item.label,
        outcome: item.fresh ? "cached" : "skipped",
        reason: item.skip,
      });
    else pending.push(item);
  }

  const state = readSourcesState(root);
  const stopped: SourceStop[] = [];
  let wroteSomething = false;
  let reachedSomething = false;
  const unreachable = new Set<SourceName>();
  const skippedBlocked = new Set<SourceName>();
  /** Items a source's stop or remembered wait kept from being asked (not "fresh" skips). */
  let notAsked = 0;

  // Serialized writes: metadata file first, then the checkpoint, so a kill between them only
  // means an item is counted as done without its outcome (it is never half-written).
  let writes = Promise.resolve();
  const persist = (source: SourceName, outcomes: RefreshItemResult[]) => {
    writes = writes.then(async () => {
      await writeFetchedMetadata(root, source, maps[source]);
      for (const o of outcomes) {
        checkpoint.outcomes[`${o.source}|${o.key}`] = {
          outcome: o.outcome,
          ...(o.reason ? { reason: o.reason } : {}),
        };
      }
      await writeFileAtomic(checkpointPath, `${JSON.stringify(checkpoint)}\n`);
      wroteSomething = true;
    });
    return writes;
  };

  const ctx: RunContext = {
    maps,
    sources,
    signal: opts.signal,
    batchSize: Math.min(S2_BATCH_LIMIT, Math.max(1, opts.s2BatchSize ?? S2_BATCH_LIMIT)),
    report,
    persist,
    reached: () => {
      reachedSomething = true;
    },
    stop: (source, err, remaining) => {
      if (err instanceof NetworkError) unreachable.add(source);
      const reason = err instanceof SourceError ? err.message : String(err);
      stopped.push({
        source,
        message: reason,
        ...(err instanceof SourceError && err.hint ? { hint: err.hint } : {}),
      });
      // Asked to wait, or paused by the breaker: the rest was never asked, so it is skipped
      // (with when it may be asked again); a refusal or no network fails what was due.
      const waitUntil =
        err instanceof RetryAfterError || err instanceof CircuitOpenError ? err.until : undefined;
      for (const item of remaining) {
        if (waitUntil !== undefined) notAsked++; // failed ones are counted by their outcome
        report({
          source,
          key: item.key,
          label: item.label,
          outcome: waitUntil === undefined ? "failed" : "skipped",
          reason:
            waitUntil === undefined
              ? `not fetched: ${SOURCE_LABELS[source]} stopped (${shortReason(err)})`
              : `not asked: ${SOURCE_LABELS[source]} ${shortReason(err)}; may be asked again after ${new Date(waitUntil).toISOString()}`,
        });
      }
      const hold = holdFor(source, err, sources.settings, now());
      if (hold) state.blocked = { ...state.blocked, [source]: hold };
    },
  };

  const bySource = (s: SourceName) => pending.filter((i) => i.source === s);
  await Promise.all(
    only.map(async (source) => {
      const items = bySource(source);
      if (items.length === 0) return;
      const blocked = state.blocked?.[source];
      if (blocked && Date.parse(blocked.until) > now()) {
        skippedBlocked.add(source);
        stopped.push({
          source,
          message: `not asked: ${SOURCE_LABELS[source]} is left alone until ${blocked.until} (earlier: ${blocked.reason})`,
          hint: blocked.hint ?? BILIBILI_BLOCK_HINT,
        });
        for (const item of items) {
          notAsked++;
          report({
            source,
            key: item.key,
            label: item.label,
            outcome: "skipped",
            reason: `not asked: ${SOURCE_LABELS[source]} is left alone until ${blocked.until}`,
          });
        }
        return;
      }
      if (source === "s2") await runS2(ctx, items);
      else if (source === "arxiv") await runArxiv(ctx, items);
      else await runBilibili(ctx, items);
    }),
  );
  await writes;

  const interrupted = opts.signal?.aborted === true;
  const withWork = only.filter((s) => bySource(s).length > 0 && !skippedBlocked.has(s));
  const offline =
    !reachedSomething &&
    !wroteSomething &&
    withWork.length > 0 &&
    withWork.every((s) => unreachable.has(s));
  if (state.blocked) await writeSourcesState(root, state, now());
  if (!interrupted && !offline) await rm(checkpointPath, { force: true });

  const summary = {} as RefreshResult["summary"];
  for (const s of only)
    summary[s] = { updated: 0, unchanged: 0, "not-found": 0, failed: 0, skipped: 0, cached: 0 };
  for (const r of results) {
    const bucket = summary[r.source];
    if (bucket) bucket[r.outcome]++;
  }
  let fetched = 0;
  let unfetched = notAsked;
  for (const c of Object.values(summary)) {
    fetched += c.updated + c.unchanged + c["not-found"];
    unfetched += c.failed;
  }
  const outcome: RefreshResult["outcome"] =
    fetched + unfetched === 0
      ? "nothing-to-do"
      : fetched === 0
        ? "failed"
        : unfetched > 0
          ? "partial"
          : "ok";
  const message = offline
    ? "no network: nothing changed"
    : only
        .map((s) => {
          const c = summary[s];
          return `${SOURCE_LABELS[s]}: ${c.updated} updated, ${c.unchanged} unchanged, ${c["not-found"]} not found, ${c.failed} failed, ${c.skipped} skipped, ${c.cached} cached`;
        })
        .join("\n") +
      (disabled.length > 0
        ? `\n${disabled.map((s) => `${SOURCE_LABELS[s]}: disabled in jingdu.yaml`).join("\n")}`
        : "") +
      (interrupted ? "\ninterrupted: run `jingdu refresh` again to continue" : "");
  return {
    items: results,
    summary,
    offline,
    stopped,
    resumed: Boolean(resumed),
    interrupted,
    outcome,
    notFetched: unfetched,
    disabled,
    diagnostics,
    message,
  };
}

function shortReason(err: unknown): string {
  if (err instanceof SourceBlockedError) return "blocked";
  if (err instanceof NetworkError) return "no network";
  if (err instanceof CircuitOpenError) return `paused after repeated failures (${err.reason})`;
  if (err instanceof RetryAfterError) return "asked to wait (Retry-After)";
  return err instanceof SourceError ? err.code : "error";
}
