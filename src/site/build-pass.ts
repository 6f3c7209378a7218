import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import {
  createLinker,
  createSiteRoutes,
  itemRoot,
  type NoteLinksMemo,
  questionParts,
  routeFile,
  type SplitKeeper,
} from "../app/index.js";
import type { Library } from "../core/index.js";
import type { MarkdownProcessor } from "../render/index.js";
import { askAgain } from "./ask-again.js";
import {
  type BuildHeader,
  type BuildRecord,
  compact,
  type FileEntry,
  readRecord,
  recordText,
} from "./build-record.js";
import type { BuildSiteOptions, BuildSiteResult } from "./build-site.js";
import { createFileWriter, createThreadedFileWriter, type FileWriter } from "./file-writer.js";
import { relativeRouteFile } from "./relative-urls.js";
import type { RenderCache } from "./render-cache.js";
import { renderRoute, routeWriter } from "./route-output.js";
import { removeStrayFragments } from "./stray-fragments.js";

/*
 * One build of a site builder (`createSiteBuilder` in build-site.ts keeps what it remembers
 * between builds): the questions asked again, the routes rendered, files written and removed,
 * the record and the manifest.
 */

/** From this many routes to render, files are written from a thread of their own. */
const THREADED_WRITES_FROM = 400;

/** What a builder remembers of its last build. */
export interface BuilderMemory {
  record: BuildRecord;
  /** The manifest file's text; undefined when this builder has not written it since (deferred). */
  text: string | undefined;
  /** The number of questions when the record was last compacted. */
  compacted: number;
  /** The item each group of questions was about in that build (`SiteRoutes.itemOf`), by root. */
  items: Map<string, object | undefined>;
}

/** Whether none of `reads` is `changed`. */
function unchanged(reads: readonly number[], changed: Uint8Array): boolean {
  for (let i = 0; i < reads.length; i++) if (changed[reads[i] as number] === 1) return false;
  return true;
}

export function buildOnce(
  library: Library,
  opts: BuildSiteOptions & { cacheFile: string },
  job: {
    markdown: MarkdownProcessor;
    memory: BuilderMemory | undefined;
    header: BuildHeader;
    /** Write the manifest and the render cache now (else `flush` writes them). */
    writeManifest: boolean;
    renderCache: RenderCache | undefined;
    /** The builder's split search index, kept between its builds. */
    splitKeeper?: SplitKeeper;
    /** The builder's resolved links, kept between its builds. */
    noteLinks?: NoteLinksMemo;
  },
): { result: BuildSiteResult; next: BuilderMemory } {
  const started = performance.now();
  const { memory, renderCache, cacheFile } = { ...job, cacheFile: opts.cacheFile };
  const notesBefore = renderCache?.stats() ?? { hits: 0, added: 0 };
  const outDir = resolve(opts.outDir);
  const { record: last, text: lastText } = memory ?? readRecord(cacheFile, job.header);
  const linker = createLinker(opts.baseUrl);
  const site = createSiteRoutes(library, {
    baseUrl: opts.baseUrl,
    now: opts.now,
    markdown: job.markdown,
    questions: last.table,
    ...(renderCache ? { noteMemo: renderCache } : {}),
    ...(job.splitKeeper ? { splitKeeper: job.splitKeeper } : {}),
    ...(job.noteLinks ? { noteLinks: job.noteLinks } : {}),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.transcripts ? { transcripts: opts.transcripts } : {}),
    ...(opts.files ? { files: opts.files } : {}),
    ...(opts.snapshots ? { snapshots: opts.snapshots } : {}),
  });

  // Every question of the last build, asked again: which are answered differently now.
  const { table } = last;
  const known = table.questions.length;
  const { answers, digests, changed, items, prints, printsChanged, printOf } = askAgain(
    site,
    last,
    memory?.items,
    opts.itemPrints !== false,
  );
  // This build's record: the same questions (answers as they are now), and those new pages ask.
  const record: BuildRecord = {
    table,
    answers,
    digested: false,
    ...(digests ? { digests } : {}),
    prints,
    files: new Map(),
  };

  const result: BuildSiteResult = {
    written: [],
    skipped: [],
    rendered: 0,
    removed: [],
    warnings: [],
    ms: 0,
  };
  const routes = site.listRoutes();
  const rels = routes.map(opts.relative ? relativeRouteFile : routeFile);
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

  // Which routes must be rendered: those that read something answered differently now, or
  // whose file is gone (a first build checks; a builder's later builds left every file there).
  const inside = outDir + sep;
  const toRender: number[] = [];
  const kept = new Map<string, FileEntry>();
  // A route's file is checked to be inside `outDir` before anything is written or looked for.
  const targetOf = (i: number) => {
    const target = join(outDir, rels[i] as string);
    if (!target.startsWith(inside)) throw new Error(`route ${routes[i]} escapes ${outDir}`);
    return target;
  };
  for (let i = 0; i < routes.length; i++) {
    const rel = rels[i] as string;
    const before = last.files.get(rel);
    if (
      before &&
      unchanged(before.reads, changed) &&
      (memory !== undefined || existsSync(targetOf(i)))
    ) {
      kept.set(rel, before);
    } else toRender.push(i);
  }
  for (const i of toRender) targetOf(i);

  // A large build writes from a thread of its own while this one renders.
  const threaded = opts.writeThread ?? toRender.length >= THREADED_WRITES_FROM;
  const writer = routeWriter(
    site,
    outDir,
    linker.href(""),
    guarded(threaded ? createThreadedFileWriter() : createFileWriter()),
    opts.relative === true,
  );
  const rendered = new Map<string, { entry: FileEntry; written: boolean }>();
  try {
    for (const i of toRender) {
      const rel = rels[i] as string;
      const outcome = renderRoute(site, routes[i] as string, last.files.get(rel)?.hash, writer);
      const warnings = outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {};
      const entry = { hash: outcome.hash, reads: outcome.reads, ...warnings };
      rendered.set(rel, { entry, written: outcome.written });
    }
  } catch (error) {
    // Stop the writing thread; the rendering error is the one to report.
    try {
      writer.output.close();
    } catch {
      // Its own failure says less than the rendering error being thrown.
    }
    throw error;
  }
  writer.output.close();
  // The questions first asked in this build, answered.
  for (let i = known; i < table.questions.length; i++) {
    const parts = questionParts(table, i);
    answers[i] = site.answerParts(parts);
    const root = itemRoot(parts);
    if (root !== undefined && !items.has(root)) {
      const item = site.itemOf(parts);
      items.set(root, item);
      if (opts.itemPrints !== false) prints.set(root, printOf(item));
    }
  }

  for (const rel of rels) {
    const done = rendered.get(rel);
    const entry = done?.entry ?? (kept.get(rel) as FileEntry);
    record.files.set(rel, entry);
    if (entry.warnings) result.warnings.push(...entry.warnings);
    (done?.written ? result.written : result.skipped).push(rel);
  }
  result.rendered = rendered.size;

  for (const rel of last.files.keys()) {
    if (record.files.has(rel)) continue;
    const target = join(outDir, rel);
    if (!target.startsWith(inside)) continue;
    invalidate();
    rmSync(target, { force: true });
    result.removed.push(rel);
  }
  if (last.files.size === 0) removeStrayFragments(outDir, record.files, result.removed);

  // A build that rendered and removed nothing, and to whose questions nothing answered
  // differently, has the last record as its own (on disk too, unless deferred).
  const same =
    rendered.size === 0 &&
    result.removed.length === 0 &&
    table.questions.length === known &&
    !printsChanged &&
    !changed.includes(1);
  // Questions no page asks any more (of removed items, of edited notes' links) are asked again
  // by every build until dropped: dropped once they may be as many as the rest.
  const grown = !same && table.questions.length > 2 * (memory?.compacted ?? 0) + 1000;
  const next = grown ? compact(record) : record;
  // Deferred (`flush`), the manifest left on disk by a build that wrote nothing stays: it
  // describes the files as they are.
  let text = manifestGone ? undefined : lastText;
  if (job.writeManifest && !(same && text !== undefined)) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const now = recordText(next, job.header, cacheFile);
    // Unchanged after a build that changed nothing: not written again.
    if (now !== text) writeFileSync(cacheFile, now);
    text = now;
  }
  if (renderCache) {
    const stats = renderCache.stats();
    result.notes = {
      reused: stats.hits - notesBefore.hits,
      rendered: stats.added - notesBefore.added,
    };
    // A build that rendered every page asked for every note: the notes it did not ask for are
    // outdated.
    if (job.writeManifest) renderCache.save({ prune: result.rendered === routes.length });
  }
  result.ms = Math.round(performance.now() - started);
  const size = next.table.questions.length;
  const compacted = grown ? size : (memory?.compacted ?? size);
  return { result, next: { record: next, text, compacted, items } };
}
