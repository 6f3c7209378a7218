import { join } from "node:path";
import { LINK_HEALTH_FILE, readJsonl } from "./snapshot-store.js";

/**
 * The link-health records as the pages read them, apart from the checker (`check-links.ts`,
 * which loads the fetcher and the HTML archiver): the web app loads this before its first page.
 */
export type LinkState = "ok" | "redirected" | "dead" | "timeout" | "blocked";

/** One line of `snapshots/links.jsonl`. */
export interface LinkHealth {
  url: string;
  state: LinkState;
  /** The final HTTP status, when there was an answer. */
  status?: number;
  /** Where the redirects ended (state `redirected`). */
  finalUrl?: string;
  /** Why it is dead/blocked without a status (DNS, refused, too many redirects, a special address). */
  reason?: string;
  /** When it was last checked (ISO). */
  checkedAt: string;
  /** When it last answered ok or redirected (ISO). */
  lastOkAt?: string;
}

export function readLinkHealth(root: string): Promise<Map<string, LinkHealth>> {
  return readJsonl<LinkHealth>(join(root, LINK_HEALTH_FILE));
}
