/**
 * The snapshots' light door, for the pages (app, site, server): reading what is archived and
 * which links a note cites, without the fetching half that `index.ts` loads besides (the safe
 * fetcher of src/net, the HTML archiver and its parser). Everything here is exported by
 * `index.ts` too. test/architecture/doors.test.ts checks that this door stays light.
 */
export {
  type Citation,
  type CollectedLink,
  extractNoteLinks,
  normalizeLinkUrl,
} from "./collect-links.js";
export { type LinkHealth, type LinkState, readLinkHealth } from "./link-health.js";
export { type ArchivedLinkView, archivedLinkView } from "./page-links.js";
export { type LoadedSnapshots, loadSiteSnapshots } from "./site-snapshots.js";
export { checkSnapshotIndex } from "./snapshot-index-check.js";
export {
  LINK_HEALTH_FILE,
  readSnapshotIndex,
  SNAPSHOT_INDEX,
  SNAPSHOTS_DIR,
  type SnapshotEntry,
  snapshotResponseHeaders,
} from "./snapshot-store.js";
