import type { LinkHealth } from "./check-links.js";
import type { SnapshotEntry } from "./snapshot-store.js";

/** What a page shows beside a cited external link. */
export interface ArchivedLinkView {
  url: string;
  /** The snapshot, relative to the library root (`snapshots/objects/ab/ab….html`); serve it with `snapshotResponseHeaders`. */
  snapshotPath?: string;
  /** When the snapshot was fetched (ISO) — show as "archived 2025-12-01". */
  fetchedAt?: string;
  title?: string;
  /** The live link was last found dead/timed out: link the snapshot first, the live URL second. */
  preferSnapshot: boolean;
  live?: LinkHealth;
  /** The seed's 参考资料快照 mapping (kept as the link's origin). */
  origin?: { archived?: string; origin?: string };
}

/**
 * Combines the snapshot index and the link-health file for one URL (pass the maps from
 * `readSnapshotIndex` and `readLinkHealth`; look up with the URL minus its `#fragment`).
 */
export function archivedLinkView(
  url: string,
  snapshots: ReadonlyMap<string, SnapshotEntry>,
  health: ReadonlyMap<string, LinkHealth>,
): ArchivedLinkView {
  let key = url;
  try {
    const u = new URL(url);
    u.hash = "";
    key = u.href;
  } catch {
    // not a URL: looked up as given
  }
  const snap = snapshots.get(key);
  const live = health.get(key);
  const down = live?.state === "dead" || live?.state === "timeout";
  return {
    url,
    ...(snap ? { snapshotPath: snap.path, fetchedAt: snap.fetchedAt } : {}),
    ...(snap?.title ? { title: snap.title } : {}),
    preferSnapshot: snap !== undefined && down,
    ...(live ? { live } : {}),
    ...(snap?.origin ? { origin: snap.origin } : {}),
  };
}
