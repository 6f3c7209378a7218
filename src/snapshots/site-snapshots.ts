import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type LinkHealth, readLinkHealth } from "./link-health.js";
import {
  readSnapshotIndex,
  SNAPSHOTS_DIR,
  type SnapshotEntry,
  snapshotResponseHeaders,
  withStaticSnapshotCsp,
} from "./snapshot-store.js";

/** What the pages need of `snapshots/` (the shape of the app's `SiteSnapshots`). */
export interface LoadedSnapshots {
  index: Map<string, SnapshotEntry>;
  health: Map<string, LinkHealth>;
  /** Files under `snapshots/objects/` by name relative to it (`ab/ab….html`), read lazily. */
  objects: Map<string, { contentType: string; read(): Uint8Array }>;
}

const OBJECT_NAME = /^[0-9a-f]{64}\.[a-z0-9]{1,8}$/;

/**
 * Loads the snapshot index, the link health and the list of stored objects of a library, as the
 * static build and the app's page routes use them (the server answers `/snapshots/objects/` itself,
 * with the sandboxing CSP header).
 */
export async function loadSiteSnapshots(root: string): Promise<LoadedSnapshots> {
  const [index, health] = await Promise.all([readSnapshotIndex(root), readLinkHealth(root)]);
  const objects: LoadedSnapshots["objects"] = new Map();
  const dir = join(root, SNAPSHOTS_DIR, "objects");
  let subdirs: string[] = [];
  try {
    subdirs = readdirSync(dir).filter((d) => /^[0-9a-f]{2}$/.test(d));
  } catch {
    // no objects yet
  }
  for (const ab of subdirs.sort()) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, ab));
    } catch {
      // No such shard folder: it holds no objects.
      continue;
    }
    for (const name of names.sort()) {
      if (!OBJECT_NAME.test(name)) continue;
      const rel = `${ab}/${name}`;
      objects.set(rel, {
        contentType: snapshotResponseHeaders(name)["content-type"] ?? "application/octet-stream",
        // A static host sends none of our headers: HTML copies carry their policy in a <meta>.
        read: name.endsWith(".html")
          ? () => Buffer.from(withStaticSnapshotCsp(readFileSync(join(dir, ab, name), "utf8")))
          : () => readFileSync(join(dir, ab, name)),
      });
    }
  }
  return { index, health, objects };
}
