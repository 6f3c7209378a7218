import { createHash } from "node:crypto";
import type { Diagnostic, Library } from "../core/index.js";
import type { MarkdownProcessor } from "../render/index.js";
import { localDay } from "../study/dates.js";
import { type AssetSource, collectAssets, MERMAID_ASSET } from "./assets.js";
import { categoryPage } from "./category-page.js";
import { coursePage } from "./course-page.js";
import { episodePage } from "./episode-page.js";
import {
  type FeedContentCache,
  type FeedEntry,
  feedClock,
  feedContentOf,
  feedEntries,
  feedUsesClock,
  renderFeed,
} from "./feed.js";
import { homePage } from "./home-page.js";
import { layout } from "./layout.js";
import { notFoundPage } from "./not-found-page.js";
import type { NoteMemo } from "./note-memo.js";
import { paperPage } from "./paper-page.js";
import { papersPage } from "./papers-page.js";
import { matchRoute, paths } from "./paths.js";
import { createRouteInputs, type InputMemo, type RouteInputs } from "./route-inputs.js";
import { renderSearchIndex, type SearchIndexCache } from "./search-index.js";
import { searchPage } from "./search-page.js";
import {
  createSiteContext,
  type MetricsLookup,
  type NoteItem,
  noteOf,
  type PageContent,
  type SiteContext,
} from "./site-context.js";
import { linksPage, type SiteSnapshots, snapshotsDigest } from "./snapshots.js";

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
  /** The library's `files/` folder: name (relative to `files/`) → its bytes, read lazily. */
  files?: ReadonlyMap<string, AssetSource>;
  /** Escaped feed entries of an earlier build, reused for notes whose inputs are unchanged. */
  feedCache?: FeedContentCache;
  /** Search index entries of an earlier build, reused for routes whose inputs are unchanged. */
  searchIndexCache?: SearchIndexCache;
  /** Per-item values that input keys are made of, kept from an earlier build (see `InputMemo`). */
  inputMemo?: InputMemo;
  /** The library's `snapshots/`: archived copies beside cited links, the links page, objects. */
  snapshots?: SiteSnapshots;
  /** Most rendered notes kept for reuse (see `SiteContextOptions.noteCacheSize`); default all. */
  noteCacheSize?: number;
  /** Rendered notes kept from earlier builds (see `SiteContextOptions.noteMemo`). */
  noteMemo?: NoteMemo;
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
  /** Every route path (ids percent-encoded), pages first, then assets. */
  listRoutes(): string[];
  /** Renders a route; an unknown path gives the 404 page with status 404. */
  render(path: string): RouteResponse;
  /**
   * A key of everything the route's output depends on (the library's parts it shows, the base
   * URL, the rendering code): equal keys render equal bytes. Undefined: always render it.
   */
  inputKey(path: string): string | undefined;
  /** Which papers and episodes changed since the build before (`RouteInputs.changes`). */
  inputChanges(): ReturnType<RouteInputs["changes"]>;
  /**
   * The feed's escaped content for the note of an episode or paper route (undefined for other
   * routes and items without notes), keyed like `SiteRoutesOptions.feedCache`: a build that
   * renders pages elsewhere (a worker) hands these to the thread that renders the feed.
   */
  feedContent(path: string): { key: string; content: Uint8Array } | undefined;
  /**
   * The note a route's page shows (a paper's, an episode's or a course's; `noteOf`) and the
   * item's title: what the web app edits there, and what a dead link in the page is traced to.
   */
  noteOf(path: string): ({ title: string } & ReturnType<typeof noteOf>) | undefined;
}

const HTML = "text/html; charset=utf-8";

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
  const ctx = createSiteContext(library, {
    files,
    baseUrl: opts.baseUrl,
    markdown: opts.markdown,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(mermaid ? { mermaidAsset: MERMAID_ASSET } : {}),
    ...(opts.snapshots ? { snapshots: opts.snapshots } : {}),
    ...(opts.noteCacheSize === undefined ? {} : { noteCacheSize: opts.noteCacheSize }),
    ...(opts.noteMemo ? { noteMemo: opts.noteMemo } : {}),
  });
  const snapshotObjects = opts.snapshots?.objects ?? new Map<string, AssetSource>();

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

  const listRoutes = () => {
    const routes: string[] = [paths.home, paths.papers];
    for (const course of library.courses) {
      routes.push(paths.course(course.id));
      for (const ep of course.episodes) routes.push(paths.episode(course.id, ep.number));
    }
    for (const p of library.papers) routes.push(paths.paper(p.id));
    for (const c of library.categories) routes.push(paths.category(c.id));
    routes.push(paths.search, paths.searchIndex, paths.feed, paths.notFound);
    for (const name of assets.keys()) routes.push(paths.asset(name));
    for (const name of files.keys()) routes.push(paths.file(name));
    routes.push(paths.links);
    for (const name of snapshotObjects.keys()) routes.push(paths.snapshot(name));
    return routes;
  };
  // The feed's entries, for its key and its rendering alike (the same all day: see feedClock).
  let feed: { day: string; entries: FeedEntry[] } | undefined;
  const feedOf = (now: Date): FeedEntry[] => {
    if (feed?.day !== feedClock(now))
      feed = { day: feedClock(now), entries: feedEntries(ctx, now) };
    return feed.entries;
  };
  const inputs = createRouteInputs(library, {
    baseUrl: opts.baseUrl,
    metrics: opts.metrics,
    routes: listRoutes,
    extra: `${mermaid ? "mermaid" : ""}\u0000${snapshotsDigest(opts.snapshots)}`,
    today: () => localDay(opts.now()),
    ...(opts.inputMemo ? { memo: opts.inputMemo } : {}),
    fileVersion: (name) => files.get(name)?.version,
    feedItems: () =>
      feedOf(opts.now()).map(({ item }) =>
        "episode" in item
          ? `episode\u0000${item.episode.courseId}\u0000${item.episode.number}`
          : `paper\u0000${item.paper.id}`,
      ),
  });
  const feedCache = opts.feedCache && { ...opts.feedCache, keyOf: inputs.noteKey };

  return {
    context: ctx,
    listRoutes,
    render(path) {
      const route = matchRoute(path);
      if (!route) return notFound();
      return renderRoute(ctx, route, {
        assets,
        files,
        snapshotObjects,
        now: opts.now,
        page,
        respond,
        notFound,
        feedCache,
        feedOf,
        searchIndexCache: opts.searchIndexCache,
      });
    },
    feedContent(path) {
      const route = matchRoute(path);
      if (route?.page === "paper") {
        const paper = ctx.paper(route.paperId);
        return paper ? feedContentOf(ctx, { paper }, inputs.noteKey) : undefined;
      }
      if (route?.page === "episode") {
        const episode = ctx.course(route.courseId)?.episodes.find((e) => e.number === route.number);
        return episode ? feedContentOf(ctx, { episode }, inputs.noteKey) : undefined;
      }
      return undefined;
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
    inputChanges: () => inputs.changes(),
    inputKey(path) {
      const key = inputs.key(path);
      return path === paths.feed && key !== undefined && feedUsesClock(ctx)
        ? `${key}@${feedClock(opts.now())}`
        : key;
    },
  };
}

interface RenderTools {
  assets: ReturnType<typeof collectAssets>["assets"];
  files: ReadonlyMap<string, AssetSource>;
  snapshotObjects: ReadonlyMap<string, AssetSource>;
  now: () => Date;
  page: (content: PageContent, status?: 200 | 404) => RouteResponse;
  respond: (status: 200 | 404, contentType: string, body: string | Uint8Array) => RouteResponse;
  notFound: () => RouteResponse;
  feedCache: Parameters<typeof renderFeed>[2];
  feedOf: (now: Date) => FeedEntry[];
  searchIndexCache: SearchIndexCache | undefined;
}

function renderRoute(
  ctx: SiteContext,
  route: NonNullable<ReturnType<typeof matchRoute>>,
  tools: RenderTools,
): RouteResponse {
  const { page, notFound } = tools;
  switch (route.page) {
    case "home":
      return page(homePage(ctx, tools.now()));
    case "papers":
      return page(papersPage(ctx));
    case "search":
      return page(searchPage(ctx));
    case "not-found":
      return notFound();
    case "search-index":
      return tools.respond(
        200,
        "application/json; charset=utf-8",
        renderSearchIndex(ctx, tools.searchIndexCache),
      );
    case "feed":
      return tools.respond(
        200,
        "application/atom+xml; charset=utf-8",
        renderFeed(ctx, tools.now(), tools.feedCache, tools.feedOf(tools.now())),
      );
    case "course": {
      const course = ctx.course(route.courseId);
      return course ? page(coursePage(ctx, course, tools.now())) : notFound();
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
