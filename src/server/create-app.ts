import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { createErrorHandler } from "./error-answers.js";
import type { LibraryHost } from "./library-host.js";
import { hostCheck, requestCheck } from "./middleware/security.js";
import { createPageRenderer } from "./page-renderer.js";
import { addRoutes } from "./routes/add.js";
import { dailyRoutes } from "./routes/daily.js";
import { editRoutes } from "./routes/edits.js";
import { eventRoutes } from "./routes/events.js";
import { exportRoutes } from "./routes/export.js";
import { nextRoutes } from "./routes/next.js";
import { noteRoutes } from "./routes/notes.js";
import { pageRoutes } from "./routes/pages.js";
import { progressRoutes } from "./routes/progress.js";
import { resolveRoutes } from "./routes/resolve.js";
import { reviewRoutes } from "./routes/review.js";
import type { Adders, Resolver, RouteDeps } from "./routes/route-deps.js";
import { searchRoutes } from "./routes/search.js";
import { snapshotRoutes } from "./routes/snapshots.js";

export interface AppDeps {
  library: LibraryHost;
  /** The per-process CSRF token state-changing requests send as `X-Jingdu-Token`. */
  token: string;
  /**
   * Host headers answered (lower case, with the port): anything else is refused (DNS
   * rebinding). Read on each request: the caller may fill it once the socket listens.
   */
  allowedHosts: ReadonlySet<string>;
  adders?: Adders;
  resolver?: Resolver;
  /** Most bytes of rendered pages kept in memory (default 16 MB). */
  cacheBytes?: number;
  /** Pages cached from this render time, and kept gzip-compressed too from this size (tests). */
  pageCache?: { fromRenderMs?: number; gzipFromBytes?: number };
  /** Told every request that failed unexpectedly (answered 500 with a code, no stack). */
  onError?: (error: unknown) => void;
}

/**
 * The local web app as a Hono app, without a socket: every page of the site rendered live from
 * the library, plus the editor, progress, review, add forms, search, live reload and snapshots.
 * Serve it with `listen` (or `startServer`); test it with `app.request()`.
 * @example const app = createApp({ library, token, allowedHosts: new Set(["localhost"]) })
 */
export function createApp(deps: AppDeps): Hono {
  const pages = createPageRenderer({
    library: deps.library,
    token: deps.token,
    cacheBytes: deps.cacheBytes ?? 16 * 1024 * 1024,
    ...(deps.pageCache?.fromRenderMs === undefined
      ? {}
      : { cacheFromRenderMs: deps.pageCache.fromRenderMs }),
    ...(deps.pageCache?.gzipFromBytes === undefined
      ? {}
      : { gzipFromBytes: deps.pageCache.gzipFromBytes }),
  });
  const routes: RouteDeps = {
    library: deps.library,
    pages,
    ...(deps.adders ? { adders: deps.adders } : {}),
    ...(deps.resolver ? { resolver: deps.resolver } : {}),
  };
  const app = new Hono();
  app.onError(
    createErrorHandler(
      deps.onError ?? ((error) => console.error("jingdu serve: request failed:", error)),
    ),
  );
  app.use(
    "*",
    secureHeaders({
      // The CSP is the pages' own (PAGE_CSP, on HTML only); HSTS means nothing on http://127.0.0.1.
      strictTransportSecurity: false,
      referrerPolicy: "same-origin",
      // A route's own headers win: an archived page's images are cross-origin to its sandboxed
      // (opaque) origin and say `Cross-Origin-Resource-Policy: cross-origin` (snapshot-store).
      overwrite: false,
    }),
  );
  app.use("*", hostCheck(deps.allowedHosts));
  app.use("*", requestCheck(deps.token));
  for (const group of [
    eventRoutes,
    searchRoutes,
    noteRoutes,
    progressRoutes,
    reviewRoutes,
    addRoutes,
    resolveRoutes,
    nextRoutes,
    snapshotRoutes,
    dailyRoutes,
    editRoutes,
    exportRoutes,
    // Last: it answers every other GET from the site's route table.
    pageRoutes,
  ]) {
    app.route("/", group(routes));
  }
  return app;
}
