import { createHash } from "node:crypto";
import type { Diagnostic, Library } from "../core/index.js";
import { createMarkdownProcessor, type MarkdownProcessor } from "../render/index.js";
import { type AssetSource, collectAssets, MERMAID_ASSET } from "./assets.js";
import { categoryPage } from "./category-page.js";
import { coursePage } from "./course-page.js";
import { episodePage } from "./episode-page.js";
import { renderFeed } from "./feed.js";
import { homePage } from "./home-page.js";
import { layout } from "./layout.js";
import { notFoundPage } from "./not-found-page.js";
import { paperPage } from "./paper-page.js";
import { papersPage } from "./papers-page.js";
import { matchRoute, paths } from "./paths.js";
import { buildSearchIndex } from "./search-index.js";
import { searchPage } from "./search-page.js";
import {
  createSiteContext,
  type MetricsLookup,
  type PageContent,
  type SiteContext,
} from "./site-context.js";

export interface SiteRoutesOptions {
  /** Where the site is served: `/`, `/notes/` or `https://example.org/notes/`. */
  baseUrl: string;
  /** The clock; only the feed uses it, and only when no entry has a date. */
  now: () => Date;
  /** Reuse one processor across builds to keep its formula cache. */
  markdown?: MarkdownProcessor;
  /** Fetched citation and view counts; pages show `—` where this gives nothing. */
  metrics?: MetricsLookup;
  /** The library's `files/` folder: name (relative to `files/`) → its bytes, read lazily. */
  files?: ReadonlyMap<string, AssetSource>;
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
  /** Every route path (ids percent-encoded), pages first, then assets. */
  listRoutes(): string[];
  /** Renders a route; an unknown path gives the 404 page with status 404. */
  render(path: string): RouteResponse;
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
    markdown: opts.markdown ?? createMarkdownProcessor(),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(mermaid ? { mermaidAsset: MERMAID_ASSET } : {}),
  });

  const respond = (
    status: 200 | 404,
    contentType: string,
    body: string | Uint8Array,
    diagnostics: Diagnostic[] = [],
  ): RouteResponse => ({ status, contentType, body, contentHash: hash(body), diagnostics });
  const page = (content: PageContent, status: 200 | 404 = 200) =>
    respond(status, HTML, layout(ctx, content).value, content.diagnostics);
  const notFound = () => page(notFoundPage(ctx), 404);

  return {
    listRoutes() {
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
      return routes;
    },
    render(path) {
      const route = matchRoute(path);
      if (!route) return notFound();
      return renderRoute(ctx, route, { assets, files, now: opts.now, page, respond, notFound });
    },
  };
}

interface RenderTools {
  assets: ReturnType<typeof collectAssets>["assets"];
  files: ReadonlyMap<string, AssetSource>;
  now: () => Date;
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
      return page(homePage(ctx));
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
        `${JSON.stringify(buildSearchIndex(ctx))}\n`,
      );
    case "feed":
      return tools.respond(
        200,
        "application/atom+xml; charset=utf-8",
        renderFeed(ctx, tools.now()),
      );
    case "course": {
      const course = ctx.course(route.courseId);
      return course ? page(coursePage(ctx, course)) : notFound();
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
  }
}
