export { createHostQueue, type HostQueue, hostKey, type PerHostLimit } from "../base/index.js";
export {
  type ArchivedHtml,
  type AssetFetcher,
  archiveHtml,
  decodeHtml,
  relativeObjectRef,
} from "./archive-html.js";
export * from "./check-links.js";
export * from "./collect-links.js";
export * from "./page-links.js";
export * from "./site-snapshots.js";
export * from "./snapshot-index-check.js";
export * from "./snapshot-links.js";
export {
  extensionFor,
  LINK_HEALTH_FILE,
  objectPath,
  PDF_SNAPSHOT_CSP,
  readSnapshotIndex,
  SNAPSHOT_CSP,
  SNAPSHOT_INDEX,
  SNAPSHOTS_DIR,
  type SnapshotEntry,
  snapshotResponseHeaders,
} from "./snapshot-store.js";
