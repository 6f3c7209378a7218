import { createSiteRoutes, paths, type SiteContext, type SiteRoutes } from "../app/index.js";
import type { Diagnostic, Library } from "../core/index.js";
import type { MarkdownProcessor, RenderContext } from "../render/index.js";
import { loadSiteInputs, type SiteInputs, updateSiteInputs } from "../site/index.js";
// The store's light door: its index would load what a first page does not need (yaml, SQLite).
import { type LoadedLibrary, loadLibraryCached } from "../store/light.js";

/** One loaded version of the library and everything rendered from it. */
export interface LibraryState {
  library: Library;
  routes: SiteRoutes;
  /** The route table's context (one per state): the server's own pages render with it too. */
  ctx: SiteContext;
  /** What the loader skipped or ignored, with file and line (as every command reports it). */
  diagnostics: Diagnostic[];
  /** What it was made from: a change to some library files reuses the rest (`updateState`). */
  inputs: SiteInputs;
}

/**
 * Rendered notes a state keeps (a page and the feed share them): enough for the feed's entries
 * and the pages being edited and revisited, while memory stays bounded however many pages are
 * visited (rendered pages are cached by the server by bytes).
 */
const NOTE_CACHE_SIZE = 200;

/**
 * Loads the library (through the parsed-file cache in `.jingdu/`, unless `loaded` is given), its
 * fetched figures and files, and builds the route table from them.
 */
export async function loadState(
  root: string,
  markdown: MarkdownProcessor,
  now: () => Date,
  loaded?: LoadedLibrary,
): Promise<LibraryState> {
  const inputs = await loadSiteInputs(root, (r) =>
    // The server keeps this library: notes parsed now are taken back from the cache file.
    loaded ? Promise.resolve(loaded) : loadLibraryCached(r, { readBack: true }),
  );
  return stateOf(inputs, markdown, now);
}

/**
 * The state after these library files changed (relative paths: the server's own writes, the
 * watcher's events), every other input reused: one file read and parsed instead of every file
 * stat-ed and the cache rewritten; a change under metadata/, files/ or snapshots/ reads those
 * again. `previous` itself when nothing changed that the site reads; undefined when a path is
 * more than one library file (a course folder): load the whole state then.
 */
export async function updateState(
  previous: LibraryState,
  paths: readonly string[],
  markdown: MarkdownProcessor,
  now: () => Date,
): Promise<LibraryState | undefined> {
  const inputs = await updateSiteInputs(previous.inputs, paths);
  if (!inputs) return undefined;
  return inputs === previous.inputs ? previous : stateOf(inputs, markdown, now);
}

function stateOf(inputs: SiteInputs, markdown: MarkdownProcessor, now: () => Date): LibraryState {
  const { library, metrics, transcripts, files, snapshots, diagnostics } = inputs;
  const routes = createSiteRoutes(library, {
    baseUrl: "/",
    now,
    markdown,
    // Pages are rendered live, never keyed by what they read.
    recordReads: false,
    metrics,
    transcripts,
    files,
    snapshots,
    noteCacheSize: NOTE_CACHE_SIZE,
  });
  return { library, routes, ctx: routes.context, diagnostics, inputs };
}

/** The note a site page shows: which file holds it and how it is rendered. */
export interface NoteTarget {
  page: string;
  file: string;
  title: string;
  render: Omit<RenderContext, "resolveItem" | "resolveAsset">;
}

/** The note behind an episode, paper or course page; undefined for other pages. */
export function noteTarget(state: LibraryState, page: string): NoteTarget | undefined {
  const note = state.routes.noteOf(page);
  return note && { page, file: note.context.file, title: note.title, render: note.context };
}

/** The site page that shows a note file, when there is one. */
export function pageOfFile(state: LibraryState, file: string): string | undefined {
  for (const p of state.library.papers) {
    if ((p.at?.file ?? `papers/${p.id}.md`) === file) return paths.paper(p.id);
  }
  for (const c of state.library.courses) {
    if ((c.at?.file ?? `courses/${c.id}/course.md`) === file) return paths.course(c.id);
    for (const e of c.episodes) {
      const f = e.at?.file ?? `courses/${c.id}/episodes/${String(e.number).padStart(3, "0")}.md`;
      if (f === file) return paths.episode(c.id, e.number);
    }
  }
  return undefined;
}
