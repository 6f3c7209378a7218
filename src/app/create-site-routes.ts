import { createHash } from "node:crypto";
import type { Diagnostic, Library } from "../core/index.js";
import type { MarkdownProcessor } from "../render/index.js";
import { localDay } from "../study/index.js";
import { type AssetSource, collectAssets, MERMAID_ASSET } from "./assets.js";
import { categoryPage } from "./category-page.js";
import { coursePage } from "./course-page.js";
import { episodePage } from "./episode-page.js";
import { feedClock, renderFeed } from "./feed.js";
import { homePage } from "./home-page.js";
import { layout } from "./layout.js";
import { createSplitKeeper, type SplitKeeper } from "./library-split.js";
import { notFoundPage } from "./not-found-page.js";
import type { NoteLinksMemo } from "./note-links.js";
import type { NoteMemo } from "./note-memo.js";
import { paperPage } from "./paper-page.js";
import { papersPage } from "./papers-page.js";
import { matchRoute, paths, routeFile } from "./paths.js";
import type { Answer, Question, QuestionTable } from "./read-trace.js";
import { searchPage } from "./search-page.js";
import type { SplitIndex } from "./search-split.js";
import {
  createSiteContext,
  type MetricsLookup,
  type NoteItem,
  noteOf,
  type PageContent,
  type SiteContext,
  type TranscriptLookup,
} from "./site-context.js";
import { linksPage, type SiteSnapshots } from "./snapshots.js";

export interface SiteRoutesOptions {
  /** Where the site is served: `/`, `/notes/` or `https://example.org/notes/`. */
  baseUrl: string;
  /** The clock: home and course pages chart progress up to its day; the feed dates undated notes by it. */
  now: () => Date;
  /**
   * The Markdown renderer (`createMarkdownProcessor()` from src/render). Required rather than
   * created here, so that this module loads none of markdown-it, KaTeX or the sanitizer: the web
   * app answers its first pages before it has loaded them. Reuse one across builds to keep its
   * formula cache.
   */
  markdown: MarkdownProcessor;
  /** Fetched citation and view counts; pages show `—` where this gives nothing. */
  metrics?: MetricsLookup;
  /** Episodes' transcripts: the episode page's transcript pane. */
  transcripts?: TranscriptLookup;
  /** The library's `files/` folder: name (relative to `files/`) → its bytes, read lazily. */
  files?: ReadonlyMap<string, AssetSource>;
  /** The library's `snapshots/`: archived copies beside cited links, the links page, objects. */
  snapshots?: SiteSnapshots;
  /** Most rendered notes kept for reuse (see `SiteContextOptions.noteCacheSize`); default all. */
  noteCacheSize?: number;
  /** Rendered notes kept from earlier builds (see `SiteContextOptions.noteMemo`). */
  noteMemo?: NoteMemo;
  /** The table traces number their questions in (a builder keeps one across builds). */
  questions?: QuestionTable;
  /** Record what each page reads (default true); the web app, which never asks, turns it off. */
  recordReads?: boolean;
  /**
   * The split search index kept from the last route table's (a builder keeps one across
   * builds): remade only where the library changed. Its items must not change in place.
   */
  splitKeeper?: SplitKeeper;
  /** Resolved links kept from the last route table's (`NoteLinksMemo`; a builder keeps one). */
  noteLinks?: NoteLinksMemo;
}

/** What a route renders to; a web server sends it, the static build writes it. */
export interface RouteResponse {
  status: 200 | 404;
  contentType: string;
  body: string | Uint8Array;
  /**
   * sha256 of the rendered body: the build's cache key (a page is rewritten only when it changes)
   * and a strong ETag for a server.
   */
  contentHash: string;
  /** Problems found while rendering (unresolved `[[links]]`, invalid math), with file and line. */
  diagnostics: Diagnostic[];
}

export interface SiteRoutes {
  /** The context the pages are rendered with; a server renders its own pages with it too. */
  context: SiteContext;
  /** Every route path (ids percent-encoded), pages first, then assets (one list: do not change it). */
  listRoutes(): string[];
  /** Renders a route; an unknown path gives the 404 page with status 404. */
  render(path: string): RouteResponse;
  /**
   * Runs `fn` (a `render`, and what the caller derives from it), returning what it read of the
   * library and the other inputs: the questions that, answered the same (`answer`), give the
   * same output.
   */
  trace<T>(fn: () => T): { value: T; reads: number[] };
  /** The questions of `trace`'s reads, by number. */
  questions: QuestionTable;
  /** What a recorded question is answered with by this route table's inputs. */
  answer(question: Question): Answer;
  /** `answer` of a question split at `SEP` (a builder keeps them split). */
  answerParts(parts: readonly string[]): Answer;
  /** The library item a question is about (`ReadTracker.itemOf`). */
  itemOf(parts: readonly string[]): object | undefined;
  /** An item's content as one string (`ReadTracker.print`): the same print, the same answers. */
  itemPrint(item: object): string;
  /** Whether a file (`routeFile`) is one of the site's; recorded in a trace. */
  hasFile(file: string): boolean;
  /**
   * The note a route's page shows (a paper's, an episode's or a course's; `noteOf`) and the
   * item's title: what the web app edits there, and what a dead link in the page is traced to.
   */
  noteOf(path: string): ({ title: string } & ReturnType<typeof noteOf>) | undefined;
}

const HTML = "text/html; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/** A file of the split search index (`search/t/…`, `search/p/…`, `search/r/…`; paths.searchPart). */
const SEARCH_PART = /^search\/[tpr]\//;

const hash = (body: string | Uint8Array) => createHash("sha256").update(body).digest("hex");

/**
 * The site as a route table: every page of the library, the search index, the feed and the
 * assets. The static build and the web server both render through it (one rendering path).
 * @example
 * const site = createSiteRoutes(library, { baseUrl: "/", now: () => new Date() });
 * for (const path of site.listRoutes()) write(path, site.render(path).body);
 */
export function createSiteRoutes(library: Library, opts: SiteRoutesOptions): SiteRoutes {
  const { assets, mermaid } = collectAssets();
  const files = opts.files ?? new Map<string, AssetSource>();
  const snapshotObjects = opts.snapshots?.objects ?? new Map<string, AssetSource>();
  let fileSet: Set<string> | undefined;
  // The site's files but the search index's fragments are known without making the index: a
  // page's link check asks for them, a fragment only the index itself.
  const hasFile = (file: string) => {
    if (SEARCH_PART.test(file)) return searchSplit().files.has(`/${file}`);
    fileSet ??= new Set([...pageRoutes(), ...otherRoutes()].map(routeFile));
    return fileSet.has(file);
  };
  const fileVersion = (name: string) => {
    const file = files.get(name);
    if (!file) return undefined;
    // Without a version (a file system that gives none), its bytes are the version.
    return file.version ?? createHash("sha256").update(file.read()).digest("base64url");
  };
  // Pages see the clock only as a day: home and course pages chart progress up to the learner's
  // day (`localDay`), the feed dates undated notes by the UTC day (`feedClock`).
  const today = () => localDay(opts.now());
  let split: SplitIndex | undefined;
  // One way to the index and its digests: a route table without a kept one makes its own.
  const keeper = opts.splitKeeper ?? createSplitKeeper();
  const searchSplit = () => {
    split ??= keeper.split(library, ctx.href);
    return split;
  };
  // `search-index.json` is made with the split index, from the library, and its page asks for
  // its bytes as a fragment's does.
  let wholeIndex: string | undefined;
  const searchFile = (path: string): string | undefined => {
    if (path !== paths.searchIndex) return searchSplit().files.get(path);
    searchSplit();
    wholeIndex ??= keeper.searchIndex();
    return wholeIndex;
  };
  const ctx = createSiteContext(library, {
    files,
    baseUrl: opts.baseUrl,
    markdown: opts.markdown,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.transcripts ? { transcripts: opts.transcripts } : {}),
    ...(mermaid ? { mermaidAsset: MERMAID_ASSET } : {}),
    ...(opts.snapshots ? { snapshots: opts.snapshots } : {}),
    ...(opts.noteCacheSize === undefined ? {} : { noteCacheSize: opts.noteCacheSize }),
    ...(opts.noteMemo ? { noteMemo: opts.noteMemo } : {}),
    ...(opts.questions ? { questions: opts.questions } : {}),
    ...(opts.noteLinks ? { noteLinks: opts.noteLinks } : {}),
    ...(opts.recordReads === false ? { recordReads: false } : {}),
    answers: {
      today,
      utcDay: () => feedClock(opts.now()),
      hasFile: ([file]) => hasFile(file as string),
      file: ([name]) => fileVersion(name as string),
      object: ([name]) => snapshotObjects.has(name as string),
      searchPart: ([path]) => {
        searchSplit();
        // A kept index's fragments are mostly those it hashed before.
        return keeper.digest(path as string);
      },
    },
  });
  const { tracker } = ctx;
  const { ask } = tracker;
  const clock = {
    /** Noon of the learner's day: what home and course pages are given of the clock. */
    day: () => {
      ask("today");
      const [y, m, d] = today().split("-").map(Number);
      return new Date(y as number, (m as number) - 1, d, 12);
    },
    utcDay: () => {
      ask("utcDay");
      return new Date(feedClock(opts.now()));
    },
  };

  // The hash is computed when asked for: a build hashes the bytes it writes instead.
  const respond = (
    status: 200 | 404,
    contentType: string,
    body: string | Uint8Array,
    diagnostics: Diagnostic[] = [],
  ): RouteResponse => {
    let contentHash: string | undefined;
    return {
      status,
      contentType,
      body,
      get contentHash() {
        contentHash ??= hash(body);
        return contentHash;
      },
      diagnostics,
    };
  };
  const page = (content: PageContent, status: 200 | 404 = 200) =>
    respond(status, HTML, layout(ctx, content).value, content.diagnostics);
  const notFound = () => page(notFoundPage(ctx), 404);

  // The routes are fixed for a route table: listed once.
  let listed: string[] | undefined;
  function listRoutes() {
    listed ??= routeList();
    return listed;
  }
  function routeList() {
    return [...pageRoutes(), ...searchSplit().files.keys(), ...otherRoutes()];
  }
  /** The routes before the search index's fragments. */
  function pageRoutes() {
    const routes: string[] = [paths.home, paths.papers];
    for (const course of library.courses) {
      routes.push(paths.course(course.id));
      for (const ep of course.episodes) routes.push(paths.episode(course.id, ep.number));
    }
    for (const p of library.papers) routes.push(paths.paper(p.id));
    for (const c of library.categories) routes.push(paths.category(c.id));
    routes.push(paths.search, paths.searchIndex, paths.feed, paths.notFound);
    return routes;
  }
  /** The routes after them. */
  function otherRoutes() {
    const routes: string[] = [];
    for (const name of assets.keys()) routes.push(paths.asset(name));
    for (const name of files.keys()) routes.push(paths.file(name));
    routes.push(paths.links);
    for (const name of snapshotObjects.keys()) routes.push(paths.snapshot(name));
    return routes;
  }

  return {
    context: ctx,
    listRoutes,
    render(path) {
      const route = matchRoute(path);
      if (!route) return notFound();
      return renderRoute(ctx, route, {
        assets,
        files: {
          get: (name) => {
            ask("file", name);
            return files.get(name);
          },
        },
        snapshotObjects: {
          get: (name) => {
            ask("object", name);
            return snapshotObjects.get(name);
          },
        },
        clock,
        searchPart: (path) => {
          ask("searchPart", path);
          return searchFile(path);
        },
        page,
        respond,
        notFound,
      });
    },
    trace: (fn) => tracker.trace(fn),
    questions: tracker.table,
    answer: (question) => tracker.answer(question),
    answerParts: (parts) => tracker.answerParts(parts),
    itemOf: (parts) => tracker.itemOf(parts),
    itemPrint: (item) => tracker.print(item),
    hasFile: (file) => {
      ask("hasFile", file);
      return hasFile(file);
    },
    noteOf(path) {
      const route = matchRoute(path);
      let item: NoteItem | undefined;
      let title = "";
      if (route?.page === "paper") {
        const paper = ctx.paper(route.paperId);
        if (paper) [item, title] = [{ paper }, paper.short];
      } else if (route?.page === "episode") {
        const episode = ctx.course(route.courseId)?.episodes.find((e) => e.number === route.number);
        if (episode) [item, title] = [{ episode }, episode.title];
      } else if (route?.page === "course") {
        const course = ctx.course(route.courseId);
        if (course) [item, title] = [{ course }, course.title];
      }
      return item && { title, ...noteOf(item) };
    },
  };
}

interface RenderTools {
  assets: ReturnType<typeof collectAssets>["assets"];
  files: { get(name: string): AssetSource | undefined };
  snapshotObjects: { get(name: string): AssetSource | undefined };
  clock: { day(): Date; utcDay(): Date };
  /** A fragment of the split search index or `search-index.json` (a question of its own bytes). */
  searchPart: (path: string) => string | undefined;
  page: (content: PageContent, status?: 200 | 404) => RouteResponse;
  respond: (status: 200 | 404, contentType: string, body: string | Uint8Array) => RouteResponse;
  notFound: () => RouteResponse;
}

function renderRoute(
  ctx: SiteContext,
  route: NonNullable<ReturnType<typeof matchRoute>>,
  tools: RenderTools,
): RouteResponse {
  const { page, notFound } = tools;
  switch (route.page) {
    case "home":
      return page(homePage(ctx, tools.clock.day()));
    case "papers":
      return page(papersPage(ctx));
    case "search":
      return page(searchPage(ctx));
    case "not-found":
      return notFound();
    case "search-part": {
      const body = tools.searchPart(paths.searchPart(route.name));
      return body === undefined ? notFound() : tools.respond(200, JSON_TYPE, body);
    }
    case "search-index":
      return tools.respond(200, JSON_TYPE, tools.searchPart(paths.searchIndex) as string);
    case "feed":
      return tools.respond(
        200,
        "application/atom+xml; charset=utf-8",
        renderFeed(ctx, tools.clock.utcDay()),
      );
    case "course": {
      const course = ctx.course(route.courseId);
      return course ? page(coursePage(ctx, course, tools.clock.day())) : notFound();
    }
    case "episode": {
      const course = ctx.course(route.courseId);
      const episode = course?.episodes.find((e) => e.number === route.number);
      return course && episode ? page(episodePage(ctx, course, episode)) : notFound();
    }
    case "paper": {
      const paper = ctx.paper(route.paperId);
      return paper ? page(paperPage(ctx, paper)) : notFound();
    }
    case "category": {
      const category = ctx.category(route.categoryId);
      return category ? page(categoryPage(ctx, category)) : notFound();
    }
    case "asset": {
      const asset = tools.assets.get(route.name);
      return asset ? tools.respond(200, asset.contentType, asset.read()) : notFound();
    }
    case "file": {
      const file = tools.files.get(route.name);
      return file ? tools.respond(200, file.contentType, file.read()) : notFound();
    }
    case "links":
      return page(linksPage(ctx));
    case "snapshot": {
      const object = tools.snapshotObjects.get(route.name);
      return object ? tools.respond(200, object.contentType, object.read()) : notFound();
    }
  }
}
