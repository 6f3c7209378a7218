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
 * Cached pages from this size on are also kept gzip-compressed, sent so to clients that accept
 * gzip (every browser): a category page of 500 papers is 160 KB as it is, 14 KB compressed, and
 * the bytes a request copies are what limits a local server's requests per second (measured with
 * `bench/serve.ts`: see docs/performance.md). Hono's `compress` middleware would compress every
 * response again on every request with a CompressionStream: measured in-process on the built-in
 * library's paper page (4 KB, 1,000 requests, three rounds, load ~10), 0.19–0.92 ms a request
 * without it, 1.6–2.9 ms with it. This compresses a page once, when it is cached.
 */
const GZIP_FROM_BYTES = 16 * 1024;
/**
 * From this size on a cached page is kept compressed only (the 6 MB /papers/ page of 20,000
 * papers takes 0.6 MB), decompressed for the rare client that does not accept gzip.
 */
const GZIP_ONLY_FROM_BYTES = 1024 * 1024;

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
  /** Pages that took at least this long to render are cached (default `CACHE_FROM_RENDER_MS`). */
  cacheFromRenderMs?: number;
  /** Cached pages from this size on are kept gzip-compressed too (default `GZIP_FROM_BYTES`). */
  gzipFromBytes?: number;
}): PageRenderer {
  const cacheFromMs = opts.cacheFromRenderMs ?? CACHE_FROM_RENDER_MS;
  const gzipFrom = opts.gzipFromBytes ?? GZIP_FROM_BYTES;
  const { library, token } = opts;
  const tokenTag = createHash("sha256").update(token).digest("hex").slice(0, 8);
  const cache = createPageCache(opts.cacheBytes);
  // Escaped once per library version, not per page (3 KB of labels on every page).
  const labelsAttr = () => escapeHtml(JSON.stringify(clientLabels(library.state())));
  let labels = labelsAttr();
  library.subscribe(() => {
    cache.clear();
    // The language may have changed (the app's switch writes jingdu.yaml).
    labels = labelsAttr();
  });
  // `jingdu-version`: the library version the page was rendered from (the cache is cleared at
  // each new one). A page rendered from the stale-while-revalidate first state, whose event
  // stream opens after the reload, has no change event to wait for: app.js compares it with
  // the stream's `hello` instead.
  const inject = (body: string, etag: string) =>
    body.replace(
      "</head>",
      `<meta name="jingdu-token" content="${token}">\n<meta name="jingdu-page" content="${escapeHtml(etag)}">\n<meta name="jingdu-version" content="${library.version()}">\n<meta name="jingdu-labels" content="${labels}">\n<link rel="stylesheet" href="/assets/app.css">\n<script src="/assets/app.js" defer></script>\n<link rel="stylesheet" href="/assets/daily.css">\n<script src="/assets/daily.js" defer></script>\n<link rel="stylesheet" href="/assets/edit.css">\n<script src="/assets/edit.js" defer></script>\n<script src="/assets/resolve.js" defer></script>\n</head>`,
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
    if (performance.now() - started < cacheFromMs) {
      return { status: r.status, type: r.contentType, body: page, etag, bytes: 0 };
    }
    // Encoded (and compressed) once here, not on every request.
    const encoded = Buffer.from(page);
    const gzipped = encoded.byteLength >= gzipFrom ? gzipSync(encoded) : undefined;
    const body = encoded.byteLength >= GZIP_ONLY_FROM_BYTES && gzipped ? undefined : encoded;
    const bytes = (body?.length ?? 0) + (gzipped?.length ?? 0);
    const entry: CachedPage = {
      status: r.status,
      type: r.contentType,
      ...(body ? { body } : {}),
      ...(gzipped ? { gzipped } : {}),
      etag,
      bytes,
    };
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
    if (r.gzipped) {
      // Another representation, another ETag; the page's own `jingdu-page` tag stays as it is.
      c.header("vary", "accept-encoding");
      if (acceptsGzip(c.req.header("accept-encoding"))) {
        c.header("content-encoding", "gzip");
        etag = `${r.etag.slice(0, -1)}-gzip"`;
        body = r.gzipped;
      } else {
        body ??= gunzipSync(r.gzipped);
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
