import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import {
  type AssetSource,
  createLinker,
  createSiteRoutes,
  type FeedContent,
  type InputMemo,
  type ItemDigest,
  type Metric,
  type MetricsLookup,
  paths,
  routeFile,
  type SiteRoutes,
  type SiteSnapshots,
} from "../app/index.js";
import type { Diagnostic, Library } from "../core/index.js";
import { createMarkdownProcessor, type MarkdownProcessor } from "../render/index.js";
import { createFileWriter, createThreadedFileWriter, type FileWriter } from "./file-writer.js";
import { folderIdentity } from "./folder-identity.js";
import { createLinkChecker } from "./link-check.js";
import { openRenderCache, type RenderCache } from "./render-cache.js";
import type { WorkerInput, WorkerOutput } from "./render-worker.js";
import {
  type ManifestEntry,
  type RouteOutcome,
  type RouteWriter,
  renderRoute,
} from "./route-output.js";
import { createSearchIndexCache } from "./search-index-cache.js";

export interface BuildSiteOptions {
  /** The output folder; created when missing. */
  outDir: string;
  /** Where the site will be served: `/`, `/notes/`, `https://example.org/notes/`. */
  baseUrl: string;
  now: () => Date;
  /** The build manifest (path → content hash); default `<outDir>/.jingdu-build.json`. */
  cacheFile?: string;
  /** Reuse a processor (and its formula cache) across builds, e.g. in a watch loop. */
  markdown?: MarkdownProcessor;
  /**
   * The render cache file (`render-cache.ts`; the CLI keeps it in the library's `.jingdu/`): notes
   * rendered by earlier builds are reused when their text, context and the answers their render
   * got are the same. Default: none, every note rendered.
   */
  renderCache?: string;
  metrics?: MetricsLookup;
  /** The library's `files/` (images in notes), copied to `files/` of the site. */
  files?: ReadonlyMap<string, AssetSource>;
  /** The library's `snapshots/`: archived links on pages, the links page; objects copied. */
  snapshots?: SiteSnapshots;
  /**
   * Worker threads that render pages next to this thread. Default: one per core beyond two when
   * there are at least 400 pages to render, else none. Always none with a custom `markdown`.
   */
  workers?: number;
  /**
   * Write files from a thread of their own while this one renders (a folder and a file per page
   * cost system time that another core can spend). Default: from 400 routes to render.
   */
  writeThread?: boolean;
}

export interface BuildSiteResult {
  /** Files written (new or changed), relative to `outDir`. */
  written: string[];
  /**
   * Files left as they were: their route's inputs were unchanged since the last build (not even
   * rendered), or its rendered bytes matched the last build's.
   */
  skipped: string[];
  /** Routes rendered in this build (the others' inputs had not changed). */
  rendered: number;
  /** Files of the previous build that no route produces any more, now deleted. */
  removed: string[];
  warnings: Diagnostic[];
  /** With a render cache: notes taken from it, and notes rendered (and added to it). */
  notes?: { reused: number; rendered: number };
  ms: number;
}

/** The manifest file: what the last build wrote, as JSON. */
interface Manifest {
  version: 4;
  baseUrl: string;
  /**
   * The folder the manifest was written in (`folderIdentity`): a manifest copied with the site
   * elsewhere (a committed `_site/` cloned) is not trusted to describe pages it did not write.
   */
  folder: string;
  files: Record<string, ManifestEntry>;
  /** Input keys of the feed's entries, in the order of the written feed. */
  feed?: string[];
  /** Per-item values the input keys are made of (`InputMemo`), by item digest. */
  memo?: Record<string, string>;
}

/** A manifest as builds use it. */
interface BuildRecord {
  files: Map<string, ManifestEntry>;
  feed: string[];
  memo: Map<string, string>;
}

export const MANIFEST_NAME = ".jingdu-build.json";

/**
 * The last build's record (empty when absent, of another version or base URL, or written in
 * another folder) and its text.
 */
function readManifest(file: string, baseUrl: string): { record: BuildRecord; text?: string } {
  const empty = (): { record: BuildRecord } => ({
    record: { files: new Map(), feed: [], memo: new Map() },
  });
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return empty();
  }
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    if (data.version !== 4 || data.baseUrl !== baseUrl || !data.files) return empty();
    if (data.folder !== folderIdentity(dirname(file))) return empty();
    const record: BuildRecord = {
      files: new Map(Object.entries(data.files)),
      feed: data.feed ?? [],
      memo: new Map(Object.entries(data.memo ?? {})),
    };
    return { record, text };
  } catch {
    return empty();
  }
}

/** The manifest of `record`, to be written to `file` (whose folder exists). */
function manifestText(record: BuildRecord, baseUrl: string, file: string): string {
  const manifest: Manifest = {
    version: 4,
    baseUrl,
    folder: folderIdentity(dirname(file)),
    files: Object.fromEntries(record.files),
    ...(record.feed.length > 0 ? { feed: record.feed } : {}),
    ...(record.memo.size > 0 ? { memo: Object.fromEntries(record.memo) } : {}),
  };
  return `${JSON.stringify(manifest)}\n`;
}

const CONTENT_OPEN = '<content type="html">';
const CONTENT_CLOSE = "</content>";

/**
 * The feed's entry contents of the last build, by their note's input key: the feed is written
 * again whenever any note changes, and escaping every note again would cost more than the rest of
 * such a build. Contents are found between `<content type="html">` and `</content>` (inside them
 * `<` is always escaped, so the closing tag cannot occur early).
 */
function createFeedCache(
  file: string,
  keys: readonly string[] | undefined,
  /** The contents of the feed this builder wrote last, by key: no need to read the file. */
  last: ReadonlyMap<string, FeedContent> | undefined,
) {
  let previous: ReadonlyMap<string, FeedContent> | undefined = last;
  let written: { key: string; content: FeedContent }[] = [];
  const fresh = new Map<string, FeedContent>();
  const load = () => {
    const map = new Map<string, Uint8Array>();
    if (!keys || !existsSync(file)) return map;
    // Bytes, not text: contents are copied into the new feed without decoding and encoding.
    const bytes = readFileSync(file);
    const contents: Uint8Array[] = [];
    for (let at = bytes.indexOf(CONTENT_OPEN); at !== -1; at = bytes.indexOf(CONTENT_OPEN, at)) {
      const end = bytes.indexOf(CONTENT_CLOSE, at);
      if (end === -1) return map;
      contents.push(bytes.subarray(at + CONTENT_OPEN.length, end));
      at = end;
    }
    if (contents.length !== keys.length) return map;
    for (const [i, key] of keys.entries()) {
      const content = contents[i];
      if (content) map.set(key, content);
    }
    return map;
  };
  return {
    get(key: string): FeedContent | undefined {
      const known = fresh.get(key);
      if (known !== undefined) return known;
      previous ??= load();
      return previous.get(key);
    },
    /** A content prepared in this build (by a worker). */
    add(key: string, content: FeedContent) {
      fresh.set(key, content);
    },
    written(entries: { key: string; content: FeedContent }[]) {
      written = entries;
    },
    keys: () => written.map((e) => e.key),
    /** What this build wrote, by key; undefined when it did not write the feed. */
    contents: () =>
      written.length > 0 ? new Map(written.map((e) => [e.key, e.content])) : undefined,
  };
}

interface QueueItem {
  path: string;
  key: string | undefined;
  before: ManifestEntry | undefined;
}

/** Routes of one item each, rendered in the parallel phase. */
const ITEM_PAGE = /^\/(?:courses|papers|categories)\/[^/]+\/(?:\d+\/)?$/;
/** Below this many item pages to render, starting workers costs more than it saves. */
const PARALLEL_FROM = 400;
/**
 * One worker per core beyond two. Single-threaded Node already keeps a second core busy (V8's
 * concurrent GC and compiler threads): measured on 2 cores with 2,000 notes, a worker thread
 * made the main thread slower per page and the build no faster (bench/build.ts).
 */
const defaultWorkers = () => Math.max(0, availableParallelism() - 2);
/** From this many routes to render, files are written from a thread of their own. */
const THREADED_WRITES_FROM = 400;
/** Routes a renderer takes from the shared queue at a time. */
const BATCH = 16;
const WORKER_FILE = fileURLToPath(new URL("./render-worker.js", import.meta.url));
const WORKER_TIMEOUT_MS = 10 * 60_000;

/**
 * Renders `items` on this thread and `workers` worker threads that share one queue. Synchronous
 * (buildSite's contract): this thread renders its share, then waits on a shared counter and reads
 * the workers' results with `receiveMessageOnPort`. Returns the feed contents the workers
 * prepared and how many notes they took from the render cache. Workers run the compiled `render-worker.js`; without it (running from sources) or on
 * any worker error, this thread renders what is left.
 */
function renderInParallel(
  items: QueueItem[],
  workers: number,
  job: {
    site: SiteRoutes;
    writer: RouteWriter;
    library: Library;
    opts: BuildSiteOptions;
    /** Every file of the build and the site's base path, for the workers' link checks. */
    fileSet: ReadonlySet<string>;
    basePath: string;
    outcomes: Map<string, RouteOutcome | ManifestEntry>;
    /** Workers reuse its notes and hand over the ones they render. */
    renderCache: RenderCache | undefined;
  },
): { feed: [string, FeedContent][]; reused: number } {
  const { site, writer, outcomes } = job;
  const feed: [string, FeedContent][] = [];
  let reused = 0;
  const renderHere = (item: QueueItem) =>
    outcomes.set(item.path, renderRoute(site, item.path, item.key, item.before, writer));
  if (workers <= 0 || !existsSync(WORKER_FILE)) {
    for (const item of items) renderHere(item);
    return { feed, reused };
  }
  const next = new Int32Array(new SharedArrayBuffer(4));
  const state = new Int32Array(new SharedArrayBuffer(8));
  const metrics: Record<string, Metric> = {};
  const lookup = job.opts.metrics;
  if (lookup) {
    const add = (kind: "paper" | "video", id: string | undefined) => {
      const m = id ? lookup(kind, id) : undefined;
      if (m && id) metrics[`${kind}\u0000${id}`] = m;
    };
    for (const p of job.library.papers) add("paper", p.id);
    for (const c of job.library.courses) {
      for (const e of c.episodes) for (const v of e.videos) add("video", v.id);
    }
  }
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  for (let i = 0; i < workers; i++) {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = {
      library: job.library,
      baseUrl: job.opts.baseUrl,
      now: job.opts.now().toISOString(),
      metrics,
      files: [...(job.opts.files?.keys() ?? [])],
      ...(job.opts.snapshots
        ? {
            snapshots: {
              index: new Map(job.opts.snapshots.index),
              health: new Map(job.opts.snapshots.health),
              objects: [...job.opts.snapshots.objects.keys()],
            },
          }
        : {}),
      outDir: writer.outDir,
      basePath: job.basePath,
      fileSet: [...job.fileSet],
      ...(job.renderCache && job.opts.renderCache
        ? { renderCache: { file: job.opts.renderCache, version: job.renderCache.version } }
        : {}),
      queue: items,
      next,
      state,
      batch: BATCH,
      port: port2,
    };
    ports.push(port1);
    const thread = new Worker(WORKER_FILE, { workerData: input, transferList: [port2] });
    thread.unref();
    threads.push(thread);
  }
  for (;;) {
    const start = Atomics.add(next, 0, BATCH);
    if (start >= items.length) break;
    for (const item of items.slice(start, start + BATCH)) renderHere(item);
  }
  // Every worker that started taking batches posts its result; wait for those.
  const deadline = performance.now() + WORKER_TIMEOUT_MS;
  while (Atomics.load(state, 1) < Atomics.load(state, 0) && performance.now() < deadline) {
    Atomics.wait(state, 1, Atomics.load(state, 1), 50);
  }
  for (const port of ports) {
    const message = receiveMessageOnPort(port)?.message as WorkerOutput | undefined;
    port.close();
    if (!message) continue;
    for (const outcome of message.outcomes) outcomes.set(outcome.path, outcome);
    feed.push(...message.feed);
    if (message.notes) job.renderCache?.adopt(message.notes);
    reused += message.reused ?? 0;
  }
  for (const thread of threads) void thread.terminate();
  // Whatever a failed worker had taken is rendered here.
  for (const item of items) if (!outcomes.has(item.path)) renderHere(item);
  return { feed, reused };
}

/** What a builder remembers of its last build, for the next one (a watch loop's memory). */
interface BuilderMemory {
  record: BuildRecord;
  /** The manifest file's text; undefined when this builder has not written it since (deferred). */
  text: string | undefined;
  /** The library's structure hash in that build (`RouteInputs.changes`). */
  structure: string | undefined;
  /** The entries of the feed and of the search index on disk (instead of reading the files). */
  feed: ReadonlyMap<string, FeedContent> | undefined;
  searchIndex: ReadonlyMap<string, Uint8Array> | undefined;
}

/** What a builder keeps for all its builds, whatever they build. */
interface BuilderCaches extends Required<Pick<InputMemo, "items" | "build">> {
  /** Memory the search index is written into (`SearchIndexCache.output`). */
  scratch: { bytes?: Uint8Array };
}

export interface SiteBuilder {
  /**
   * Builds the site of `library` (with `inputs` replacing the builder's options' metrics, files
   * and snapshots when given, e.g. after `metadata/` changed). The first build reads the last
   * manifest from disk; later ones remember it, which files they left on disk, and each item's
   * digest, so a one-note rebuild checks no file and hashes one item. Items must not be changed
   * in place between builds: a changed item is a new object (as `reloadFiles` gives).
   */
  build(
    library: Library,
    inputs?: Pick<BuildSiteOptions, "metrics" | "files" | "snapshots">,
  ): BuildSiteResult;
  /** Writes the manifest if a build deferred it (`deferManifest`); cheap when none did. */
  flush(): void;
}

/**
 * A site builder that keeps what it learns between builds: `jingdu build --watch` rebuilds with
 * one. A file deleted by hand in the output folder while it runs is written again by the next
 * `jingdu build` (each build of a new builder checks that every unchanged page is still there).
 *
 * With `deferManifest`, builds after the first leave the manifest to `flush()` (a watch loop
 * calls it once changes have settled, and when it stops): serializing it costs more than the rest
 * of a one-note rebuild. Every build deletes the manifest before it writes or removes a file (see
 * `build`), so a process killed before `flush()` leaves none, and the next build renders every
 * page rather than trust a manifest older than the pages.
 * @example const builder = createSiteBuilder(opts); builder.build(library); builder.build(changed)
 */
export function createSiteBuilder(
  opts: BuildSiteOptions & { deferManifest?: boolean },
): SiteBuilder {
  let memory: BuilderMemory | undefined;
  const caches: BuilderCaches = {
    items: new WeakMap<object, ItemDigest>(),
    build: 0,
    scratch: {},
  };
  // Its formula cache serves every build.
  const markdown = opts.markdown ?? createMarkdownProcessor();
  const cacheFile = opts.cacheFile ?? join(resolve(opts.outDir), MANIFEST_NAME);
  // Read at its first question, then kept in memory for every build of this builder; a processor
  // without a version never reuses a note.
  const renderCache =
    opts.renderCache && markdown.version
      ? openRenderCache(opts.renderCache, markdown.version)
      : undefined;
  return {
    build(library, inputs) {
      const defer = opts.deferManifest === true && memory !== undefined;
      const all = { ...opts, ...inputs, cacheFile };
      caches.build++;
      try {
        const { result, next } = build(library, all, markdown, memory, caches, !defer, renderCache);
        memory = next;
        return result;
      } catch (error) {
        // Pages may have been written that no record describes: the next build reads the
        // manifest again (deleted before the first write) and renders every page.
        memory = undefined;
        throw error;
      }
    },
    flush() {
      renderCache?.save();
      if (!memory || memory.text !== undefined) return;
      mkdirSync(dirname(cacheFile), { recursive: true });
      memory.text = manifestText(memory.record, opts.baseUrl, cacheFile);
      writeFileSync(cacheFile, memory.text);
    },
  };
}

/**
 * Writes the site: renders every route of `createSiteRoutes` whose inputs changed since the last
 * build (`SiteRoutes.inputKey`, kept in the manifest), and writes a file only when its content
 * hash differs from the last build's (or the file is gone). Files the last build wrote that no
 * route produces any more are deleted; nothing else in `outDir` is touched.
 * @example
 * const r = buildSite(library, { outDir: "site", baseUrl: "/", now: () => new Date() });
 */
export function buildSite(library: Library, opts: BuildSiteOptions): BuildSiteResult {
  return createSiteBuilder(opts).build(library);
}

function build(
  library: Library,
  opts: BuildSiteOptions,
  markdown: MarkdownProcessor,
  memory: BuilderMemory | undefined,
  caches: BuilderCaches,
  /** Write the manifest and the render cache now (else `flush` writes them). */
  writeManifest: boolean,
  renderCache: RenderCache | undefined,
): { result: BuildSiteResult; next: BuilderMemory } {
  const started = performance.now();
  const before = renderCache?.stats() ?? { hits: 0, added: 0 };
  // Notes the workers took from the render cache (this thread's are in its stats).
  let reusedByWorkers = 0;
  const outDir = resolve(opts.outDir);
  const cacheFile = opts.cacheFile ?? join(outDir, MANIFEST_NAME);
  const { record: last, text: lastText } = memory ?? readManifest(cacheFile, opts.baseUrl);
  const previous = last.files;
  const feedCache = createFeedCache(join(outDir, routeFile(paths.feed)), last.feed, memory?.feed);
  const linker = createLinker(opts.baseUrl);
  // Routes whose input key is the last build's (filled in before anything is rendered).
  const unchanged = new Set<string>();
  const searchIndexFile = routeFile(paths.searchIndex);
  const searchIndexCache = createSearchIndexCache({
    file: join(outDir, searchIndexFile),
    hash: previous.get(searchIndexFile)?.hash,
    unchanged: (path) => unchanged.has(path),
    href: linker.href,
    last: memory?.searchIndex,
    scratch: caches.scratch,
  });
  const inputMemo: InputMemo = {
    previous: last.memo,
    current: new Map(),
    items: caches.items,
    build: caches.build,
  };
  const site = createSiteRoutes(library, {
    baseUrl: opts.baseUrl,
    now: opts.now,
    markdown,
    feedCache,
    searchIndexCache,
    inputMemo,
    ...(renderCache ? { noteMemo: renderCache } : {}),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.files ? { files: opts.files } : {}),
    ...(opts.snapshots ? { snapshots: opts.snapshots } : {}),
  });
  const result: BuildSiteResult = {
    written: [],
    skipped: [],
    rendered: 0,
    removed: [],
    warnings: [],
    ms: 0,
  };
  const routes = site.listRoutes();
  const rels = routes.map(routeFile);
  const fileSet = new Set(rels);
  // The manifest on disk describes the pages until this build changes one: it is deleted before
  // the first file is written or removed, and written again at the end. A build that is killed
  // or fails in between leaves none, and the next renders every page (a manifest older than the
  // pages could make it skip a page whose inputs went back to what the manifest recorded).
  let manifestGone = lastText === undefined;
  const invalidate = () => {
    if (manifestGone) return;
    rmSync(cacheFile, { force: true });
    manifestGone = true;
  };
  const guarded = (output: FileWriter): FileWriter => ({
    write(target, bytes, owned) {
      invalidate();
      output.write(target, bytes, owned);
    },
    close: () => output.close(),
  });
  const writer: RouteWriter = {
    outDir,
    checkLinks: createLinkChecker(fileSet, linker.href("")),
    output: guarded(createFileWriter()),
  };

  // Which routes must be rendered: those whose inputs changed (or whose file is gone).
  const outcomes = new Map<string, RouteOutcome | ManifestEntry>();
  const items: QueueItem[] = [];
  const rest: QueueItem[] = [];
  const inside = outDir + sep;
  // A paper's or episode's page whose item is the object the last build of this builder had,
  // with the library's structure the same, has the key that build gave it: taken from its record
  // without computing a key (the bulk of a one-note rebuild's work is per route).
  const changes = memory ? site.inputChanges() : undefined;
  const stable = changes?.structure === memory?.structure ? changes?.stable : undefined;
  for (const [i, path] of routes.entries()) {
    const rel = rels[i] as string;
    const stableBefore = stable?.has(path) ? previous.get(rel) : undefined;
    if (stableBefore) {
      unchanged.add(path);
      outcomes.set(path, stableBefore);
      continue;
    }
    const target = join(outDir, rel);
    if (!target.startsWith(inside)) throw new Error(`route ${path} escapes ${outDir}`);
    const key = site.inputKey(path);
    const before = previous.get(rel);
    if (key !== undefined && before?.key === key) unchanged.add(path);
    // Every file of this builder's last build is on disk (it wrote or found it); a first build
    // checks, so that a page deleted by hand is written again.
    if (unchanged.has(path) && before && (memory !== undefined || existsSync(target))) {
      outcomes.set(path, before);
    } else (ITEM_PAGE.test(path) ? items : rest).push({ path, key, before });
  }

  // A large build writes from a thread of its own while this one renders.
  if (opts.writeThread ?? items.length + rest.length >= THREADED_WRITES_FROM) {
    writer.output = guarded(createThreadedFileWriter());
  }

  // Item pages (episodes, papers, courses, categories) first, on every core when there are many;
  // then the pages that list them, and the feed, which reuses the workers' note renders.
  const workers = opts.markdown
    ? 0
    : Math.min(opts.workers ?? (items.length >= PARALLEL_FROM ? defaultWorkers() : 0), 8);
  try {
    const parallel = renderInParallel(items, workers, {
      site,
      writer,
      library,
      opts,
      fileSet,
      basePath: linker.href(""),
      outcomes,
      renderCache,
    });
    reusedByWorkers = parallel.reused;
    for (const [key, content] of parallel.feed) feedCache.add(key, content);
    for (const item of rest) {
      outcomes.set(item.path, renderRoute(site, item.path, item.key, item.before, writer));
    }
  } catch (error) {
    // Stop the writing thread; the rendering error is the one to report.
    try {
      writer.output.close();
    } catch {}
    throw error;
  }
  writer.output.close();

  const files = new Map<string, ManifestEntry>();
  for (const [i, path] of routes.entries()) {
    const rel = rels[i] as string;
    const outcome = outcomes.get(path);
    if (!outcome) throw new Error(`route ${path} was not built`);
    const entry = "entry" in outcome ? outcome.entry : outcome;
    files.set(rel, entry);
    if (entry.warnings) result.warnings.push(...entry.warnings);
    if ("entry" in outcome) result.rendered++;
    ("entry" in outcome && outcome.written ? result.written : result.skipped).push(rel);
  }

  for (const rel of previous.keys()) {
    if (files.has(rel)) continue;
    const target = join(outDir, rel);
    if (!target.startsWith(outDir + sep)) continue;
    invalidate();
    rmSync(target, { force: true });
    result.removed.push(rel);
  }

  // A skipped feed keeps the entry keys of the build that wrote it.
  const feed = feedCache.keys().length > 0 ? feedCache.keys() : last.feed;
  const record: BuildRecord = { files, feed, memo: inputMemo.current };
  // Deferred (`flush`), the manifest left on disk by a build that wrote nothing may record older
  // input keys of pages whose bytes are the same: the next build renders those again, no more.
  let text = manifestGone ? undefined : lastText;
  if (writeManifest) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const now = manifestText(record, opts.baseUrl, cacheFile);
    // Unchanged after a build that changed nothing: not written again.
    if (now !== text) writeFileSync(cacheFile, now);
    text = now;
  }
  if (renderCache) {
    const stats = renderCache.stats();
    result.notes = {
      reused: stats.hits - before.hits + reusedByWorkers,
      rendered: stats.added - before.added,
    };
    // A build that rendered every page asked for every note: the notes it did not ask for are
    // outdated. Workers' reuses are not counted here, so a build with workers keeps them all.
    if (writeManifest)
      renderCache.save({ prune: result.rendered === routes.length && workers === 0 });
  }
  result.ms = Math.round(performance.now() - started);
  // Every file of this build is on disk now: written, or found there.
  const nextMemory: BuilderMemory = {
    record,
    text,
    structure: site.inputChanges()?.structure,
    feed: feedCache.contents() ?? memory?.feed,
    searchIndex: searchIndexCache.entries() ?? memory?.searchIndex,
  };
  return { result, next: nextMemory };
}
