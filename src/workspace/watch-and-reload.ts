import { watchLibrary } from "./watch-library.js";

export interface WatchAndReloadOptions {
  root: string;
  /**
   * Called once per burst of changes with the paths that changed (relative, `/`-separated), or
   * undefined when the system did not name a file: reload everything then. Calls never overlap:
   * a burst that comes while one runs waits for it.
   */
  reload: (paths: string[] | undefined) => Promise<void>;
  /**
   * Told every reload that failed, with the changed paths it was reloading (undefined: all of
   * the library); the watch goes on. Never dropped silently.
   */
  onError: (error: unknown, paths: string[] | undefined) => void;
  /** Quiet time that ends a burst (default 150 ms). */
  debounceMs?: number;
}

/** The files a failed reload was about, for a one-line report: `papers/a.md, progress.yaml`. */
export function describeReloaded(paths: readonly string[] | undefined, named = 4): string {
  if (!paths || paths.length === 0) return "the library";
  const more = paths.length > named ? ` and ${paths.length - named} more` : "";
  return `${paths.slice(0, named).join(", ")}${more}`;
}

export interface LibraryWatch {
  /** Picks up folders created since (a new course). Done after each reload by itself. */
  rescan(): void;
  /** Resolves once the reloads asked for so far have run. */
  idle(): Promise<void>;
  /** Stops watching; resolves after the reload running, if any. */
  close(): Promise<void>;
}

/**
 * The one watch-and-reload loop of jingdu (`jingdu serve`, `jingdu build --watch`): file watcher →
 * debounced batch of changed paths → `reload`, one at a time, each failure given to `onError`.
 * @example const watch = watchAndReload({ root, reload: (paths) => server.reload(paths), onError: report })
 */
export function watchAndReload(opts: WatchAndReloadOptions): LibraryWatch {
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const watcher = watchLibrary(
    opts.root,
    (paths) => {
      queue = queue.then(async () => {
        if (closed) return;
        try {
          await opts.reload(paths);
        } catch (error) {
          opts.onError(error, paths);
        }
        if (!closed) watcher.rescan();
      });
    },
    opts.debounceMs,
  );
  return {
    rescan: () => watcher.rescan(),
    idle: () => queue,
    async close() {
      closed = true;
      watcher.close();
      await queue;
    },
  };
}
