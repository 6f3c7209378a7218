/**
 * A build worker: renders and writes pages of the shared queue that `buildSite` set up, taking
 * batches until the queue is empty, and posts back what it did and the feed contents of the notes
 * it rendered (so the main thread's feed needs no second render).
 */
import { type MessagePort, workerData } from "node:worker_threads";
import {
  type AssetSource,
  createSiteRoutes,
  type Metric,
  type SiteSnapshots,
} from "../app/index.js";
import type { Library } from "../core/index.js";
import { createMarkdownProcessor } from "../render/index.js";
import { createFileWriter } from "./file-writer.js";
import { createLinkChecker } from "./link-check.js";
import { openRenderCache } from "./render-cache.js";
import {
  type ManifestEntry,
  type RouteOutcome,
  type RouteWriter,
  renderRoute,
} from "./route-output.js";

/** What `buildSite` hands a worker. */
export interface WorkerInput {
  library: Library;
  baseUrl: string;
  /** The build's clock, read once. */
  now: string;
  /** Citation and view counts of every paper and video, looked up by the main thread. */
  metrics: Record<string, Metric>;
  /** Names of the library's files (the worker never renders them, pages link to them). */
  files: string[];
  /** The snapshot index and link health, and the names of the stored objects. */
  snapshots?: {
    index: SiteSnapshots["index"];
    health: SiteSnapshots["health"];
    objects: string[];
  };
  outDir: string;
  basePath: string;
  fileSet: string[];
  /** The build's render cache: notes to reuse; the ones rendered here are posted back. */
  renderCache?: { file: string; version: string };
  /** Routes to render with their input keys and last manifest entries. */
  queue: { path: string; key: string | undefined; before: ManifestEntry | undefined }[];
  /** `[next index]`: batches are taken with `Atomics.add`, shared by every renderer. */
  next: Int32Array;
  /** `[workers started, workers done]`: started before taking a batch, done once posted. */
  state: Int32Array;
  batch: number;
  port: MessagePort;
}

/** What a worker posts back. */
export interface WorkerOutput {
  outcomes: RouteOutcome[];
  /** Feed contents by note key, as UTF-8 bytes (transferred, not copied). */
  feed: [string, Uint8Array][];
  /** The notes rendered here, as render cache records (`RenderCache.fresh`). */
  notes?: Uint8Array;
  /** Notes taken from the render cache here. */
  reused?: number;
  error?: string;
}

const input = workerData as WorkerInput;
const output: WorkerOutput = { outcomes: [], feed: [] };
try {
  const markdown = createMarkdownProcessor();
  const cache =
    input.renderCache && input.renderCache.version === markdown.version
      ? openRenderCache(input.renderCache.file, input.renderCache.version)
      : undefined;
  const noFile: AssetSource = { contentType: "application/octet-stream", read: () => "" };
  const site = createSiteRoutes(input.library, {
    markdown,
    ...(cache ? { noteMemo: cache } : {}),
    baseUrl: input.baseUrl,
    now: () => new Date(input.now),
    metrics: (kind, id) => input.metrics[`${kind}\u0000${id}`],
    files: new Map(input.files.map((name) => [name, noFile])),
    ...(input.snapshots
      ? {
          snapshots: {
            index: input.snapshots.index,
            health: input.snapshots.health,
            objects: new Map(input.snapshots.objects.map((name) => [name, noFile])),
          },
        }
      : {}),
  });
  const writer: RouteWriter = {
    outDir: input.outDir,
    checkLinks: createLinkChecker(new Set(input.fileSet), input.basePath),
    output: createFileWriter(),
  };
  Atomics.add(input.state, 0, 1);
  for (;;) {
    const start = Atomics.add(input.next, 0, input.batch);
    if (start >= input.queue.length) break;
    for (const item of input.queue.slice(start, start + input.batch)) {
      output.outcomes.push(renderRoute(site, item.path, item.key, item.before, writer));
      const feed = site.feedContent(item.path);
      if (feed) output.feed.push([feed.key, feed.content]);
    }
  }
  if (cache) {
    output.notes = cache.fresh();
    output.reused = cache.stats().hits;
  }
} catch (error) {
  output.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
}
// Copied, not transferred: small contents share a pooled buffer.
input.port.postMessage(output);
input.port.close();
Atomics.add(input.state, 1, 1);
Atomics.notify(input.state, 1);
