/** What a refresh reports: an outcome per item, a summary per source. */
import type { Diagnostic, Library } from "../core/index.js";
import type { SourceName } from "./config.js";
import type { Sources } from "./sources.js";

/**
 * `updated` / `unchanged` / `not-found`: asked and answered; `failed`: asked, no usable answer;
 * `skipped`: not asked (no id yet, its source stopped, asked to wait or is held); `cached`: not
 * asked because what `metadata/` has is younger than the max age.
 */
export type RefreshOutcomeKind =
  | "updated"
  | "unchanged"
  | "not-found"
  | "failed"
  | "skipped"
  | "cached";
export const OUTCOME_KINDS: readonly RefreshOutcomeKind[] = [
  "updated",
  "unchanged",
  "not-found",
  "failed",
  "skipped",
  "cached",
];

export interface RefreshItemResult {
  source: SourceName;
  key: string;
  label: string;
  outcome: RefreshOutcomeKind;
  /** Why it failed / was skipped / was not found. */
  reason?: string;
}

export interface RefreshProgress {
  done: number;
  total: number;
  item: RefreshItemResult;
}

export interface RefreshOptions {
  library: Library;
  /** The library folder: `metadata/` and `.jingdu/` live here. */
  libraryRoot: string;
  sources: Sources;
  /** Sources to refresh (default: all). */
  only?: readonly SourceName[];
  /** Refresh items fetched longer ago than this (default: each source's max age). 0 = everything. */
  olderThanMs?: number;
  onProgress?: (p: RefreshProgress) => void;
  /** Stops between batches; finished batches are kept and the checkpoint stays for a rerun. */
  signal?: AbortSignal;
  /** Ids per POST /paper/batch (≤ 500). */
  s2BatchSize?: number;
}

export interface SourceStop {
  source: SourceName;
  message: string;
  hint?: string;
}

export interface RefreshResult {
  items: RefreshItemResult[];
  summary: Record<SourceName, Record<RefreshOutcomeKind, number>>;
  /** No source could be reached and nothing was changed. */
  offline: boolean;
  /** Sources that stopped early (blocked, paused, unreachable), with a message for the person. */
  stopped: SourceStop[];
  /** This run continued an interrupted one. */
  resumed: boolean;
  /** Interrupted by the signal; run again to continue. */
  interrupted: boolean;
  /**
   * `failed`: items were due and none was fetched (every one failed or was not asked);
   * `partial`: some were fetched, some not; `ok`: all due items fetched; `nothing-to-do`.
   */
  outcome: "ok" | "partial" | "failed" | "nothing-to-do";
  /** Due items not fetched: failed, or not asked because their source stopped or asked to wait. */
  notFetched: number;
  /** Sources turned off in jingdu.yaml (`sources.<name>.enabled: false`), not asked. */
  disabled: SourceName[];
  /** Lines of `metadata/*.jsonl` that could not be read (skipped; fetched again when due). */
  diagnostics: Diagnostic[];
  /** One line for the person: "no network: nothing changed", or the per-source counts. */
  message: string;
}
