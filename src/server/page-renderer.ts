import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Context } from "hono";
import {
  DAILY_CSS,
  DAILY_SCRIPT,
  EDIT_CSS,
  EDIT_SCRIPT,
  escapeHtml,
  liveSearchPage,
  type PageContent,
  paths,
  RESOLVE_SCRIPT,
  renderAppPage,
} from "../app/index.js";
import { APP_SCRIPT } from "./app-assets.js";
import { APP_CSS } from "./app-css.js";
import { clientLabels } from "./client-labels.js";
import type { LibraryHost } from "./library-host.js";
import { acceptsGzip, type CachedPage, createPageCache } from "./page-cache.js";
import { PAGE_CSP } from "./page-csp.js";

/**
 * Pages that took at least this long to render (a category's 500 papers, the catalog, the charts)
 * are kept in the page cache; faster ones (a paper's page, ~1 ms) are rendered again: keeping
 * those only churned memory (6 KB buffers replaced on nearly every request when browsing papers
 * at random) for few hits.
 */
const CACHE_FROM_RENDER_MS = 5;
/**
 * Cached bodies from this size on are kept gzip-compressed (the 6 MB /papers/ page of 20,000
 * papers takes 0.6 MB), sent as they are to clients that accept gzip and decompressed otherwise.
 * Hono's `compress` middleware would compress every response again on every request with a
 * CompressionStream: measured in-process on the built-in library's paper page (4 KB, 1,000
 * requests, three rounds, load ~10), 0.19–0.92 ms a request without it, 1.6–2.9 ms with it. This
 * compresses a big page once.
 */
const COMPRESS_FROM_BYTES = 1024 * 1024;

const APP_ASSETS: Record<string, { type: string; body: string }> = {
  "/assets/app.js": { type: "text/javascript; charset=utf-8", body: APP_SCRIPT },
  "/assets/app.css": { type: "text/css; charset=utf-8", body: APP_CSS },
  "/assets/daily.js": { type: "text/javascript; charset=utf-8", body: DAILY_SCRIPT },
  "/assets/daily.css": { type: "text/css; charset=utf-8", body: DAILY_CSS },
  "/assets/resolve.js": { type: "text/javascript; charset=utf-8", body: RESOLVE_SCRIPT },
  "/assets/edit.js": { type: "text/javascript; charset=utf-8", body: EDIT_SCRIPT },
  "/assets/edit.css": { type: "text/css; charset=utf-8", body: EDIT_CSS },
};

/** Renders the site's routes and the server's own pages for a library host, with the token in. */
export interface PageRenderer {
  /** Answers a site route (or an app asset): cached, ETag'd, gzip when cached so. */
  serve(c: Context, path: string): Response;
  /** The site's 404 page. */
  notFound(c: Context): Response;
  /** A page of the server's own (editor, revisions, review, add): never cached. */
  appPage(c: Context, content: PageContent, status?: 200 | 404): Response | Promise<Response>;
}

export function createPageRenderer(opts: {
  library: LibraryHost;
  token: string;
  /** Most bytes of rendered pages kept in memory. */
  cacheBytes: number;
}): PageRenderer {
  const { library, token } = opts;
  const tokenTag = createHash("sha256").update(token).digest("hex").slice(0, 8);
  const cache = createPageCache(opts.cacheBytes);
  let labels = JSON.stringify(clientLabels(library.state()));
  library.subscribe(() => {
    cache.clear();
    // The language may have changed (the app's switch writes jingdu.yaml).
    labels = JSON.stringify(clientLabels(library.state()));
  });
  // `jingdu-version`: the library version the page was rendered from (the cache is cleared at
  // each new one). A page rendered from the stale-while-revalidate first state, whose event
  // stream opens after the reload, has no change event to wait for: app.js compares it with
  // the stream's `hello` instead.
  const inject = (body: string, etag: string) =>
    body.replace(
      "</head>",
      `<meta name="jingdu-token" content="${token}">\n<meta name="jingdu-page" content="${escapeHtml(etag)}">\n<meta name="jingdu-version" content="${library.version()}">\n<meta name="jingdu-labels" content="${escapeHtml(labels)}">\n<link rel="stylesheet" href="/assets/app.css">\n<script src="/assets/app.js" defer></script>\n<link rel="stylesheet" href="/assets/daily.css">\n<script src="/assets/daily.js" defer></script>\n<link rel="stylesheet" href="/assets/edit.css">\n<script src="/assets/edit.js" defer></script>\n<script src="/assets/resolve.js" defer></script>\n</head>`,
    );

  /** Renders a site route (cached until the library changes when it is slow to render). */
  const render = (path: string): CachedPage => {
    const hit = cache.get(path);
    if (hit) return hit;
    const state = library.state();
    const started = performance.now();
    let r = state.routes.render(path);
    if (path === paths.search) {
      const body = renderAppPage(state.ctx, liveSearchPage(state.ctx));
      r = { ...r, body, contentHash: createHash("sha256").update(body).digest("hex") };
    }
    const html = r.contentType.startsWith("text/html");
    const etag = `"${r.contentHash.slice(0, 32)}${html ? `-${tokenTag}` : ""}"`;
    const page = typeof r.body === "string" && html ? inject(r.body, etag) : r.body;
    if (performance.now() - started < CACHE_FROM_RENDER_MS) {
      return { status: r.status, type: r.contentType, body: page, etag, bytes: 0 };
    }
    // Encoded once here, not on every request.
    const encoded = Buffer.from(page);
    const gzip = encoded.byteLength >= COMPRESS_FROM_BYTES;
    const body = gzip ? gzipSync(encoded) : encoded;
    const entry = { status: r.status, type: r.contentType, body, gzip, etag, bytes: body.length };
    cache.set(path, entry);
    return entry;
  };

  const serve = (c: Context, path: string): Response => {
    const asset = APP_ASSETS[path];
    const r: CachedPage = asset
      ? { status: 200, type: asset.type, body: asset.body, etag: `"app-${tokenTag}"`, bytes: 0 }
      : render(path);
    let body = r.body;
    let etag = r.etag;
    if (r.gzip) {
      // Another representation, another ETag; the page's own `jingdu-page` tag stays as it is.
      c.header("vary", "accept-encoding");
      if (acceptsGzip(c.req.header("accept-encoding"))) {
        c.header("content-encoding", "gzip");
        etag = `${r.etag.slice(0, -1)}-gzip"`;
      } else {
        body = gunzipSync(r.body);
      }
    }
    // Hono's etag middleware (routes/pages.ts) answers If-None-Match with 304 from this tag.
    c.header("etag", etag);
    c.header("cache-control", "no-cache");
    if (r.type.startsWith("text/html")) c.header("content-security-policy", PAGE_CSP);
    c.header("content-type", r.type);
    return c.body(body as string, r.status as 200);
  };

  return {
    serve,
    notFound: (c) => serve(c, paths.notFound),
    appPage(c, content, status = 200) {
      const body = inject(renderAppPage(library.state().ctx, content), "app");
      c.header("content-security-policy", PAGE_CSP);
      c.header("cache-control", "no-store");
      return c.html(body, status);
    },
  };
}
