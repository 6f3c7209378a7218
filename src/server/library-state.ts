import {
  createSiteRoutes,
  episodeVideo,
  matchRoute,
  noteSource,
  type SiteContext,
  type SiteRoutes,
} from "../app/index.js";
import type { Course, Diagnostic, Episode, Library, Paper } from "../core/index.js";
import type { MarkdownProcessor, RenderContext } from "../render/index.js";
// From their files rather than the folders' indexes, which would load what a first page does not
// need (zod, yaml, htmlparser2, the HTTP clients, SQLite).
import { loadSiteInputs, type SiteInputs, updateSiteInputs } from "../site/site-inputs.js";
import type { LoadedLibrary } from "../store/assemble-library.js";
import { coursePath, episodePath, paperPath } from "../store/library-layout.js";
import { loadLibraryCached } from "../store/load-library-cached.js";

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
    loaded ? Promise.resolve(loaded) : loadLibraryCached(r),
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
  const { library, metrics, files, snapshots, diagnostics } = inputs;
  const routes = createSiteRoutes(library, {
    baseUrl: "/",
    now,
    markdown,
    metrics,
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

const fileOf = (item: Paper | Course | Episode, fallback: string) => item.at?.file ?? fallback;

/** The note behind an episode, paper or course page; undefined for other pages. */
export function noteTarget(state: LibraryState, page: string): NoteTarget | undefined {
  const route = matchRoute(page);
  if (!route) return undefined;
  const { ctx } = state;
  switch (route.page) {
    case "paper": {
      const paper = ctx.paper(route.paperId);
      if (!paper) return undefined;
      const file = fileOf(paper, paperPath(paper.id));
      const render = { ...noteSource(paper, file), kind: "paper" as const };
      return { page, file, title: paper.short, render };
    }
    case "course": {
      const course = ctx.course(route.courseId);
      if (!course) return undefined;
      const file = fileOf(course, coursePath(course.id));
      const render = { ...noteSource(course, file), kind: "course" as const };
      return { page, file, title: course.title, render };
    }
    case "episode": {
      const course = ctx.course(route.courseId);
      const episode = course?.episodes.find((e) => e.number === route.number);
      if (!course || !episode) return undefined;
      const file = fileOf(episode, episodePath(course.id, episode.number));
      const video = episodeVideo(episode);
      return {
        page,
        file,
        title: episode.title,
        render: {
          ...noteSource(episode, file),
          kind: "episode",
          ...(video ? { episodeVideo: video } : {}),
        },
      };
    }
    default:
      return undefined;
  }
}
