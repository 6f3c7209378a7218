import type { Diagnostic } from "../core/index.js";
import { createMarkdownProcessor, loadRenderPackages } from "../render/index.js";
import type { CueHit, LibraryIndex, SearchResult } from "../store/index.js";
import { loadLibraryFromCache } from "../store/light.js";
import { type LibraryState, loadState, updateState } from "./library-state.js";

/** The store's SQLite index loads zod, yaml and better-sqlite3: at the first search, not before. */
const storeModule = () => import("../store/index.js");

export interface LibraryHostOptions {
  root: string;
  now: () => Date;
  /** Told the library's problems once loaded, and again whenever a reload changes them. */
  onProblems?: (problems: Diagnostic[]) => void;
}

/** A reload that failed: what it was about, why, and when (the last good library is served). */
export interface ReloadFailure {
  message: string;
  /** The changed files the reload read (relative), or undefined for a reload of everything. */
  files: string[] | undefined;
  at: string;
}

/**
 * The library a server serves: its current state, reloaded one change at a time, the search
 * index beside it, and who is told when it changed (open pages, the page cache).
 */
export interface LibraryHost {
  readonly root: string;
  readonly now: () => Date;
  /** The state as last loaded. */
  state(): LibraryState;
  /** Counts reloads that changed something (the live-reload events carry it). */
  version(): number;
  /** Counts changes of the search index (search answers are cached per generation). */
  searchGeneration(): number;
  /**
   * Loads the library again: only `paths` (relative) when given and they are library files (the
   * server's own writes, the watcher's events), else everything. Reloads run one at a time.
   */
  reload(paths?: readonly string[]): Promise<void>;
  /** Calls `listener` after each reload that changed the state; returns how to stop. */
  subscribe(listener: (version: number) => void): () => void;
  /** The last reload's failure, until a reload succeeds; the state stays the last good one. */
  reloadFailure(): ReloadFailure | undefined;
  /**
   * Calls `listener` with each reload failure, and with undefined when a reload succeeds after
   * one (open pages show it: the live-reload events); returns how to stop.
   */
  subscribeReloadFailure(listener: (failure: ReloadFailure | undefined) => void): () => void;
  search(q: string, limit: number): Promise<SearchResult[]>;
  /** Transcript cues with every term, in lecture order. */
  searchCues(q: string, limit: number): Promise<CueHit[]>;
  /**
   * The background work after the first answer: loads the renderer's packages, checks the
   * parsed-library cache the first pages came from (reloading when a file changed while no
   * server ran), then opens the search index and brings it up to date.
   */
  revalidate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Loads the library for a server (stale-while-revalidate: the first pages come from the parsed
 * library cache as it was written, without stat-ing every file; `revalidate` checks it after).
 * Saves never rely on it: they compare the file on disk with the hash the editor started from.
 */
export async function createLibraryHost(opts: LibraryHostOptions): Promise<LibraryHost> {
  const { root, now } = opts;
  // Its packages (markdown-it, KaTeX, the sanitizer) load in `revalidate` or at the first page
  // that renders a note: the first pages (home, catalog, categories) render none.
  const markdown = createMarkdownProcessor();
  let cached = await loadLibraryFromCache(root);
  let state: LibraryState = await loadState(root, markdown, now, cached?.loaded);
  let closed = false;
  let version = 0;
  let generation = 0;
  let reported: string | undefined;
  const reportProblems = () => {
    if (!opts.onProblems) return;
    const problems = state.diagnostics.filter((d) => d.level !== "info");
    const key = JSON.stringify(problems);
    if (key === reported) return;
    // Nothing to say about a library that never had problems.
    if (reported === undefined && problems.length === 0) {
      reported = key;
      return;
    }
    reported = key;
    opts.onProblems(problems);
  };

  // Search answers from the index as it is on disk while it is refreshed (an index being built
  // answers with what it holds so far).
  let index: LibraryIndex | undefined;
  const openIndex = async (): Promise<LibraryIndex> => {
    const { openIndex } = await storeModule();
    index ??= openIndex(root);
    return index;
  };
  const refreshIndex = async (paths?: readonly string[]): Promise<void> => {
    if (closed) return;
    await (await openIndex()).refresh(paths);
    generation++;
  };
  /** The gate `revalidate` opens: with a refresh of the whole index, or none (a reload brings its own). */
  let startIndexing: (refresh: boolean) => void = () => {};
  // Each step of `indexing` waits for the one before, failed or not: its failure was reported
  // to whoever awaited that step (a reload, a search), so the chain itself goes on.
  let indexing: Promise<void> = new Promise<boolean>((resolve) => {
    startIndexing = resolve;
  }).then((refresh) => (refresh ? refreshIndex() : undefined));
  // Each step's failure went to whoever awaited it (a reload, a search): the chain goes on.
  const afterIndexing = () => indexing.catch(() => undefined);

  const listeners = new Set<(version: number) => void>();
  const failureListeners = new Set<(failure: ReloadFailure | undefined) => void>();
  let failure: ReloadFailure | undefined;
  const setFailure = (next: ReloadFailure | undefined) => {
    if (next === undefined && failure === undefined) return;
    failure = next;
    for (const l of failureListeners) l(next);
  };
  let reloading: Promise<void> = Promise.resolve();
  const reload = (paths?: readonly string[]): Promise<void> => {
    // As with `indexing`: the failure of a reload goes to its caller (the watcher reports it).
    const run = reloading
      .catch(() => undefined)
      .then(async () => {
        if (closed) return;
        let partial: LibraryState | undefined;
        let next: LibraryState;
        try {
          partial = paths && (await updateState(state, paths, markdown, now));
          next = partial ?? (await loadState(root, markdown, now));
        } catch (error) {
          // The state stays the last good one; open pages are told (the live-reload events).
          setFailure({
            message: error instanceof Error ? error.message : String(error),
            files: paths ? [...paths] : undefined,
            at: now().toISOString(),
          });
          throw error;
        }
        setFailure(undefined);
        // Nothing the library reads changed (an editor's swap file): pages stay as they are.
        if (next === state) return;
        const changed = partial ? paths : undefined;
        state = next;
        reportProblems();
        indexing = afterIndexing().then(() => refreshIndex(changed));
        version++;
        for (const l of listeners) l(version);
        await indexing;
      });
    reloading = run;
    return run;
  };

  let revalidating: Promise<void> | undefined;
  const revalidate = (): Promise<void> => {
    revalidating ??= (async () => {
      let current = true;
      try {
        loadRenderPackages();
        // An unreadable cache stamp counts as stale: the whole library is reloaded from its files.
        current = cached === undefined || (await cached.isCurrent().catch(() => false));
        // Checked once: what it holds besides the library (each file's stamp) is not needed again.
        cached = undefined;
        if (current) reportProblems();
      } finally {
        // Always opened (saves wait on the index): a stale cache's reload refreshes it itself.
        startIndexing(current);
      }
      if (!current) await reload();
      await indexing;
    })();
    return revalidating;
  };

  return {
    root,
    now,
    state: () => state,
    version: () => version,
    searchGeneration: () => generation,
    reload,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reloadFailure: () => failure,
    subscribeReloadFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
    async search(q, limit) {
      return (await openIndex()).search(q, { limit });
    },
    async searchCues(q, limit) {
      return (await openIndex()).searchCues(q, { limit });
    },
    revalidate,
    async close() {
      closed = true;
      // Closing: a failed revalidation was reported through onError when it ran.
      await revalidating?.catch(() => undefined);
      // Closing: a failed reload was reported to its caller (the watcher's onError).
      await reloading.catch(() => undefined);
      // Never started (closed at once): nothing to wait for.
      if (index) await afterIndexing();
      index?.close();
    },
  };
}
