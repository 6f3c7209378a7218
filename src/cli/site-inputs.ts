import type { AssetSource, MetricsLookup, SiteSnapshots } from "../app/index.js";
import type { Diagnostic, Library } from "../core/index.js";
import { loadSiteSnapshots } from "../snapshots/index.js";
import { type FetchedRecord, loadFetchedMetadata } from "../sources/index.js";
import { loadLibrary } from "../store/index.js";
import { attachmentFiles } from "./attachment-files.js";

/** A number a source reported, with the day it was fetched. */
function metric(record: FetchedRecord | undefined, field: string) {
  const value = record?.values[field];
  if (typeof value !== "number") return undefined;
  return { value, asOf: (record?.valuesAt ?? record?.fetchedAt ?? "").slice(0, 10) };
}

/**
 * What the site and the README are made from: the library and a lookup of fetched numbers
 * (citation counts from Semantic Scholar, views from bilibili), each with its "as of" date.
 */
export async function loadSiteInputs(root: string): Promise<{
  library: Library;
  metrics: MetricsLookup;
  files: Map<string, AssetSource>;
  /** The library's `snapshots/`: archived copies of cited links and their health. */
  snapshots: SiteSnapshots;
  diagnostics: Diagnostic[];
}> {
  const [loaded, fetched, snapshots] = await Promise.all([
    loadLibrary(root),
    loadFetchedMetadata(root),
    loadSiteSnapshots(root),
  ]);
  const metrics: MetricsLookup = (kind, id) =>
    kind === "paper"
      ? metric(fetched.maps.s2.get(`paper:${id}`), "citationCount")
      : metric(fetched.maps.bilibili.get(`video:${id}`), "views");
  return {
    library: loaded.library,
    metrics,
    files: attachmentFiles(root),
    snapshots,
    diagnostics: [...loaded.diagnostics, ...fetched.diagnostics],
  };
}
