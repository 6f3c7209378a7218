import { setMaxListeners } from "node:events";
import { join } from "node:path";
import { createHostQueue, hostKey, type PerHostLimit } from "../base/index.js";
import {
  BlockedUrlError,
  describeBlockReason,
  type FetchResult,
  type SafeFetcher,
  TimeoutError,
  TooManyRedirectsError,
} from "../net/index.js";
import type { CollectedLink } from "./collect-links.js";
import { type LinkHealth, type LinkState, readLinkHealth } from "./link-health.js";
import { DEFAULT_PER_HOST, SIGNAL_LISTENERS } from "./snapshot-links.js";
import { LINK_HEALTH_FILE, writeJsonl } from "./snapshot-store.js";

export { type LinkHealth, type LinkState, readLinkHealth };

const KEY_ORDER: (keyof LinkHealth)[] = [
  "url",
  "state",
  "status",
  "finalUrl",
  "reason",
  "checkedAt",
  "lastOkAt",
];

export interface CheckLinksOptions {
  links: readonly (CollectedLink | string)[];
  fetcher: SafeFetcher;
  perHost?: PerHostLimit;
  concurrency?: number;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  now?: () => number;
  /** When given, records are merged into `<root>/snapshots/links.jsonl` (written atomically). */
  root?: string;
  onProgress?: (p: { done: number; total: number; record: LinkHealth }) => void;
  signal?: AbortSignal;
}

/**
 * Checks every link: HEAD first, GET (first 64 KiB only) when the server refuses HEAD (405/501).
 * ok = 2xx without redirects, redirected = 2xx after redirects, dead = any other status or no
 * answer (DNS, refused, too many redirects), timeout, blocked (a special address or scheme).
 */
export async function checkLinks(options: CheckLinksOptions): Promise<LinkHealth[]> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const queue = createHostQueue({
    perHost: options.perHost ?? DEFAULT_PER_HOST,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  const urls = [...new Set(options.links.map((l) => (typeof l === "string" ? l : l.url)))];
  const previous = options.root
    ? await readLinkHealth(options.root)
    : new Map<string, LinkHealth>();
  const signal = options.signal;
  // Every fetch in flight (and each page's assets) listens to the run's signal: more than
  // Node's default of 10 listeners is no leak here.
  if (signal) setMaxListeners(SIGNAL_LISTENERS, signal);
  let done = 0;

  const request = (url: string, method: "HEAD" | "GET") =>
    queue.run(hostKey(url), () =>
      options.fetcher.fetchUrl(url, {
        method,
        timeoutMs,
        maxBytes: 64 * 1024,
        ...(signal ? { signal } : {}),
      }),
    );

  const checkOne = async (url: string): Promise<LinkHealth> => {
    const checkedAt = new Date(now()).toISOString();
    let record: LinkHealth;
    try {
      let res: FetchResult = await request(url, "HEAD");
      if (res.status === 405 || res.status === 501) res = await request(url, "GET");
      const ok = res.status >= 200 && res.status < 300;
      const state: LinkState = !ok ? "dead" : res.redirects.length > 0 ? "redirected" : "ok";
      record = {
        url,
        state,
        status: res.status,
        ...(res.redirects.length > 0 ? { finalUrl: res.finalUrl } : {}),
        checkedAt,
      };
    } catch (err) {
      if (err instanceof BlockedUrlError) {
        record = { url, state: "blocked", reason: describeBlockReason(err.reason), checkedAt };
      } else if (err instanceof TimeoutError) {
        record = { url, state: "timeout", reason: `no answer within ${err.ms} ms`, checkedAt };
      } else if (err instanceof TooManyRedirectsError) {
        record = { url, state: "dead", reason: "too many redirects", checkedAt };
      } else {
        const message = err instanceof Error ? err.message.replace(`${url}: `, "") : String(err);
        record = { url, state: "dead", reason: message, checkedAt };
      }
    }
    const lastOk =
      record.state === "ok" || record.state === "redirected"
        ? checkedAt
        : previous.get(url)?.lastOkAt;
    return lastOk === undefined ? record : { ...record, lastOkAt: lastOk };
  };

  const results = new Map<string, LinkHealth>();
  await Promise.all(
    urls.map(async (url) => {
      if (signal?.aborted) return;
      const record = await checkOne(url);
      if (signal?.aborted) return;
      results.set(url, record);
      done++;
      options.onProgress?.({ done, total: urls.length, record });
    }),
  );
  if (options.root) {
    const merged = new Map(previous);
    for (const [url, r] of results) merged.set(url, r);
    await writeJsonl(join(options.root, LINK_HEALTH_FILE), merged.values(), KEY_ORDER);
  }
  return [...results.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

const LABEL: Record<LinkState, string> = {
  ok: "ok",
  redirected: "redirected",
  dead: "dead",
  timeout: "timed out",
  blocked: "blocked",
};

/**
 * The terminal report: counts, then every link that is not plainly ok (dead, timed out, blocked,
 * redirected → where), each with when it was checked and, when given, where it is cited.
 */
export function formatLinkReport(
  records: readonly LinkHealth[],
  options: { citations?: Map<string, { file: string; line: number }[]>; all?: boolean } = {},
): string {
  const order: LinkState[] = ["dead", "timeout", "blocked", "redirected", "ok"];
  const counts = order.map((s) => `${records.filter((r) => r.state === s).length} ${LABEL[s]}`);
  const lines = [`${records.length} links: ${counts.join(", ")}`];
  for (const state of order) {
    if (state === "ok" && !options.all) continue;
    const group = records.filter((r) => r.state === state);
    if (group.length === 0) continue;
    lines.push("", `${LABEL[state]} (${group.length}):`);
    for (const r of group) {
      const what = r.status !== undefined && state !== "redirected" ? `${r.status} ` : "";
      const to = r.finalUrl !== undefined ? ` → ${r.finalUrl}` : "";
      const why = r.reason !== undefined ? ` (${r.reason})` : "";
      const day = r.checkedAt.slice(0, 16).replace("T", " ");
      const lastOk =
        state !== "ok" && state !== "redirected" && r.lastOkAt
          ? `, last ok ${r.lastOkAt.slice(0, 10)}`
          : "";
      lines.push(`  ${what}${r.url}${to}${why}  [checked ${day}${lastOk}]`);
      const cited = options.citations?.get(r.url)?.[0];
      if (cited)
        lines.push(`      cited at ${cited.line > 0 ? `${cited.file}:${cited.line}` : cited.file}`);
    }
  }
  return lines.join("\n");
}
