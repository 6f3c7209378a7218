/**
 * `.jingdu/sources-state.json`: sources that asked to be left alone, and until when — a long
 * `Retry-After` (S2 `86400`), bilibili's risk control (`-412`, six hours). Every command that
 * fetches reads it (refresh, add, the web app's add) and does not ask a held source before the
 * time; a new hold is written by the command that met it. Derived state: deleting the file
 * means asking again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../base/index.js";
import { BILIBILI_BLOCK_HINT } from "./bilibili/bilibili-client.js";
import { SOURCE_NAMES, type SourceName, type SourcesSettings } from "./config.js";
import { RetryAfterError, SourceBlockedError } from "./http/index.js";

export const SOURCES_STATE_FILE = ".jingdu/sources-state.json";

/** A source left alone until `until` (ISO), and why. */
export interface SourceHold {
  until: string;
  reason: string;
  hint?: string;
}

export interface SourcesState {
  blocked?: Partial<Record<SourceName, SourceHold>>;
}

/** A hold longer than this is kept only this long: a server's `Retry-After` of a year is a bug. */
export const MAX_HOLD_MS = 7 * 86_400_000;

/** The state as written; `{}` when there is none or it cannot be read (then nothing is held). */
export function readSourcesState(root: string): SourcesState {
  try {
    const value = JSON.parse(readFileSync(join(root, SOURCES_STATE_FILE), "utf8")) as unknown;
    if (!value || typeof value !== "object") return {};
    const blocked = (value as SourcesState).blocked;
    const out: SourcesState = {};
    for (const s of SOURCE_NAMES) {
      const b = blocked?.[s];
      if (b && typeof b.until === "string" && typeof b.reason === "string")
        out.blocked = { ...out.blocked, [s]: b };
    }
    return out;
  } catch {
    // Missing or damaged holds file: no source on hold (it is derived; asking again is safe).
    return {};
  }
}

/** The holds still in force at `now`. */
export function activeHolds(
  state: SourcesState,
  now: number,
): Partial<Record<SourceName, SourceHold>> {
  const out: Partial<Record<SourceName, SourceHold>> = {};
  for (const s of SOURCE_NAMES) {
    const b = state.blocked?.[s];
    if (b && Date.parse(b.until) > now) out[s] = b;
  }
  return out;
}

/** Writes the state with only the holds still in force (the file says only what still holds). */
export async function writeSourcesState(
  root: string,
  state: SourcesState,
  now: number,
): Promise<void> {
  const blocked = activeHolds(state, now);
  await writeFileAtomic(
    join(root, SOURCES_STATE_FILE),
    `${JSON.stringify({ blocked }, null, 2)}\n`,
  );
}

/**
 * The hold an error asks for: a Retry-After past what a run waits, or bilibili's block; else
 * undefined.
 */
export function holdFor(
  source: SourceName,
  err: unknown,
  settings: SourcesSettings,
  now: number,
): SourceHold | undefined {
  if (err instanceof RetryAfterError)
    return {
      until: new Date(Math.min(err.until, now + MAX_HOLD_MS)).toISOString(),
      reason: err.detail,
      hint: "The source asked for this wait (Retry-After); delete .jingdu/sources-state.json to ask it sooner anyway.",
    };
  if (err instanceof SourceBlockedError && source === "bilibili")
    return {
      until: new Date(now + settings.bilibili.blockedBackoffMs).toISOString(),
      reason: err.detail,
      hint: BILIBILI_BLOCK_HINT,
    };
  return undefined;
}

/** Adds one hold to the library's state file (read, add, write). */
export async function rememberHold(
  root: string,
  source: SourceName,
  hold: SourceHold,
  now: number,
): Promise<void> {
  const state = readSourcesState(root);
  state.blocked = { ...state.blocked, [source]: hold };
  await writeSourcesState(root, state, now);
}
