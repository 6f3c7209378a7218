import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { getRequestListener } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import {
  addPage,
  appPaths,
  editorPage,
  escapeHtml,
  liveSearchPage,
  matchRoute,
  PAGE_CSP,
  type PageContent,
  paths,
  type ReviewItem,
  renderAppPage,
  reviewPage,
  revisionsPage,
} from "../app/index.js";
import {
  ConflictError,
  type Diagnostic,
  type EpisodeStatus,
  parseRuntime,
  type ReviewRating,
} from "../core/index.js";
import { createMarkdownProcessor, loadRenderPackages } from "../render/index.js";
import { snapshotResponseHeaders } from "../snapshots/snapshot-store.js";
import type { LibraryIndex, SearchKind } from "../store/index.js";
import { LIBRARY_FILES } from "../store/library-layout.js";
import { loadLibraryFromCache } from "../store/load-library-cached.js";
import { findNote, parseNoteId, REVIEW_RATINGS } from "../study/review-notes.js";
import { APP_CSS, APP_SCRIPT } from "./app-assets.js";
import { type LibraryState, loadState, noteTarget, updateState } from "./library-state.js";
import { watchLibrary } from "./watch-library.js";

/**
 * What only some requests need (the store's writers and its SQLite index, which load zod and
 * yaml; the note files), loaded at their first use, so that the first page is served without
 * them. The search index loads the store right after the server listens.
 */
const storeModule = () => import("../store/index.js");
const notesModule = () => import("../store/revisions.js");
/** The review scheduler (ts-fsrs), loaded at the first review page or rating. */
const reviewModule = () => import("../study/review.js");

/** Adds papers and courses through the metadata sources; absent → the add forms say so. */
export interface Adders {
  paper(input: string): Promise<string>;
  course(input: string): Promise<string>;
}

export interface ServerOptions {
  root: string;
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  now: () => Date;
  /** Watch the library folder and reload open pages on change (default true). */
  watch?: boolean;
  adders?: Adders;
  /** Most bytes of rendered pages kept in memory (default 16 MB). */
  cacheBytes?: number;
  /**
   * Told the library's problems (files skipped or fields ignored, with file:line) once it is
   * loaded, and again whenever a reload changes them (an empty list: none left).
   */
  onProblems?: (problems: Diagnostic[]) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** The per-process CSRF token (state-changing requests send it as `X-Jingdu-Token`). */
  token: string;
  /**
   * Reloads the library from disk now: `paths` (relative) when given, as the watcher does after
   * a change it knows the paths of, else everything.
   */
  reload(paths?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The Content-Security-Policy of every HTML page, shared with the static site (src/app). */
export { PAGE_CSP };

const _HTML = "text/html; charset=utf-8";
const _JSON_TYPE = "application/json; charset=utf-8";
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
 */
const COMPRESS_FROM_BYTES = 1024 * 1024;
/** How long a new server waits for its first request before it starts its background work. */
const FIRST_REQUEST_WAIT_MS = 300;
/** Search answers kept (per query string, until the index changes). */
const SEARCH_CACHE_ENTRIES = 500;
const STATUSES: readonly EpisodeStatus[] = ["todo", "watching", "done", "skipped"];
const APP_ASSETS: Record<string, { type: string; body: string }> = {
  "/assets/app.js": { type: "text/javascript; charset=utf-8", body: APP_SCRIPT },
  "/assets/app.css": { type: "text/css; charset=utf-8", body: APP_CSS },
};

interface Cached {
  status: number;
  type: string;
  body: string | Uint8Array;
  /** `body` is gzip-compressed. */
  gzip?: boolean;
  etag: string;
  bytes: number;
}

/** Whether an Accept-Encoding header accepts gzip (and does not refuse it with `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A tiny LRU of rendered responses by request path, bounded by bytes. */
function createCache(maxBytes: number) {
  const map = new Map<string, Cached>();
  let bytes = 0;
  return {
    get(key: string): Cached | undefined {
      const hit = map.get(key);
      if (hit) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key: string, value: Cached) {
      const old = map.get(key);
      if (old) bytes -= old.bytes;
      map.delete(key);
      map.set(key, value);
      bytes += value.bytes;
      for (const [k, v] of map) {
        if (bytes <= maxBytes || map.size <= 1) break;
        map.delete(k);
        bytes -= v.bytes;
      }
    },
    clear() {
      map.clear();
      bytes = 0;
    },
  };
}

/** A raw request path that tries to leave its folder: `..`, encoded dots or slashes, backslash. */
export function isSuspiciousPath(rawPath: string): boolean {
  return /\.\.|%2e|%2f|%5c|\\|%00|\0/i.test(rawPath);
}

/**
 * The local web app: every page of the site rendered live from the library (the same route table
 * the static build writes), plus the note editor, progress, revisions, add forms, live search and
 * live reload. Binds 127.0.0.1 by default; checks Host, a CSRF token, paths and sends a CSP.
 * @example const s = await startServer({ root, port: 4000, now: () => new Date() }); console.log(s.url)
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const now = opts.now;
  const root = opts.root;
  // Its packages (markdown-it, KaTeX, the sanitizer) load right after the server listens, or at
  // the first page that renders a note: the first pages (home, catalog, categories) render none.
  const markdown = createMarkdownProcessor();
  const token = randomBytes(24).toString("base64url");
  const tokenTag = createHash("sha256").update(token).digest("hex").slice(0, 8);
  const cache = createCache(opts.cacheBytes ?? 16 * 1024 * 1024);
  // Stale-while-revalidate: the first pages are served from the parsed-library cache as it was
  // written, without stat-ing every file first (0.2–0.35 s for 20,000 files); right after the
  // server listens, the cache is checked against the files, and when anything changed while no
  // server ran, the library is loaded again and open pages reload, as after a change on disk.
  // Saves never rely on it: they compare the file on disk with the hash the editor started from.
  let cached = await loadLibraryFromCache(root);
  let state: LibraryState = await loadState(root, markdown, now, cached?.loaded);
  let closed = false;
  let version = 0;
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
  // Search answers from the index as it is on disk while it is refreshed in the background (an
  // index being built answers with what it holds so far); results are cached per query until
  // the index changes. It is opened and refreshed once the server listens (or at the first
  // search), so that the first page is not kept waiting for it.
  let index: LibraryIndex | undefined;
  const searchIndex = async (): Promise<LibraryIndex> => {
    const { openIndex } = await storeModule();
    index ??= openIndex(root);
    return index;
  };
  const searches = new Map<string, string>();
  const refreshIndex = async (paths?: readonly string[]): Promise<void> => {
    if (closed) return;
    await (await searchIndex()).refresh(paths);
    searches.clear();
  };
  /** Opens the gate: with a refresh of the whole index, or none (a reload brings its own). */
  let startIndexing: (refresh: boolean) => void = () => {};
  let indexing: Promise<void> = new Promise<boolean>((resolve) => {
    startIndexing = resolve;
  }).then((refresh) => (refresh ? refreshIndex() : undefined));
  indexing.catch(() => {});

  const listeners = new Set<(version: number) => void>();
  let reloading: Promise<void> = Promise.resolve();
  /**
   * Loads the library again: only `paths` (relative) when they are given and are library files
   * (the server's own writes, the watcher's events: ~0.1 s for 20,000 papers), else everything.
   */
  const reload = (paths?: readonly string[]): Promise<void> => {
    reloading = reloading
      .catch(() => {})
      .then(async () => {
        if (closed) return;
        const updated = paths && (await updateState(state, paths, markdown, now));
        // Nothing the library reads changed (an editor's swap file): pages stay as they are.
        if (updated === state) return;
        state = updated ?? (await loadState(root, markdown, now));
        reportProblems();
        cache.clear();
        watcher?.rescan();
        const changed = updated ? paths : undefined;
        indexing = indexing.catch(() => {}).then(() => refreshIndex(changed));
        await indexing;
        version++;
        for (const l of listeners) l(version);
      });
    return reloading;
  };
  const watcher =
    opts.watch === false
      ? undefined
      : watchLibrary(root, (paths) => {
          reload(paths).catch(() => {});
        });

  const labels = JSON.stringify(clientLabels(state));
  const inject = (body: string, etag: string) =>
    body.replace(
      "</head>",
      `<meta name="jingdu-token" content="${token}">\n<meta name="jingdu-page" content="${escapeHtml(etag)}">\n<meta name="jingdu-labels" content="${escapeHtml(labels)}">\n<link rel="stylesheet" href="/assets/app.css">\n<script src="/assets/app.js" defer></script>\n</head>`,
    );

  /** Renders a site route (cached until the library changes when it is slow to render). */
  const renderRoute = (path: string): Cached => {
    const hit = cache.get(path);
    if (hit) return hit;
    const started = performance.now();
    let r = state.routes.render(path);
    if (path === paths.search) {
      const body = renderAppPage(state.ctx, liveSearchPage(state.ctx));
      r = { ...r, body, contentHash: createHash("sha256").update(body).digest("hex") };
    }
    const etag = `"${r.contentHash.slice(0, 32)}${r.contentType.startsWith("text/html") ? `-${tokenTag}` : ""}"`;
    const page =
      typeof r.body === "string" && r.contentType.startsWith("text/html")
        ? inject(r.body, etag)
        : r.body;
    if (performance.now() - started < CACHE_FROM_RENDER_MS) {
      return { status: r.status, type: r.contentType, body: page, etag, bytes: 0 };
    }
    // Encoded once here, not on every request.
    const encoded = Buffer.from(page);
    const gzip = encoded.byteLength >= COMPRESS_FROM_BYTES;
    const body = gzip ? gzipSync(encoded) : encoded;
    const entry: Cached = {
      status: r.status,
      type: r.contentType,
      body,
      gzip,
      etag,
      bytes: body.byteLength,
    };
    cache.set(path, entry);
    return entry;
  };
  const appPage = (c: Context, content: PageContent, status: 200 | 404 = 200) => {
    const body = inject(renderAppPage(state.ctx, content), "app");
    c.header("content-security-policy", PAGE_CSP);
    c.header("cache-control", "no-store");
    return c.html(body, status);
  };

  const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>();
  let allowedHosts = new Set<string>();

  // The first page goes out before the background work starts (below).
  let firstAnswered: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    firstAnswered = resolve;
  });
  app.use("*", async (_c, next) => {
    await next();
    firstAnswered();
  });
  app.use("*", async (c, next) => {
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "same-origin");
    const hostHeader = (c.req.header("host") ?? "").toLowerCase();
    if (!allowedHosts.has(hostHeader)) return c.text("Forbidden: unknown Host", 403);
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") {
      const raw = c.env.incoming.url ?? "/";
      const q = raw.indexOf("?");
      if (isSuspiciousPath(q === -1 ? raw : raw.slice(0, q))) return c.text("Not found", 404);
      return next();
    }
    if (method !== "POST" && method !== "PUT" && method !== "DELETE") {
      return c.text("Method not allowed", 405);
    }
    if (c.req.header("x-jingdu-token") !== token) return c.text("Forbidden: missing token", 403);
    return next();
  });

  const readJson = async (c: Context): Promise<Record<string, unknown>> => {
    try {
      const body = await c.req.json();
      return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const str = (v: unknown) => (typeof v === "string" ? v : "");

  // ---- live reload ----
  app.get("/api/events", (c) =>
    streamSSE(c, async (stream) => {
      let resolveClosed: () => void = () => {};
      const closed = new Promise<void>((r) => {
        resolveClosed = r;
      });
      const listener = (v: number) => {
        stream.writeSSE({ event: "change", data: String(v) }).catch(() => resolveClosed());
      };
      listeners.add(listener);
      stream.onAbort(() => resolveClosed());
      await stream.writeSSE({ event: "hello", data: String(version) });
      const ping = setInterval(() => {
        stream.writeSSE({ event: "ping", data: "" }).catch(() => resolveClosed());
      }, 25_000);
      await closed;
      clearInterval(ping);
      listeners.delete(listener);
    }),
  );

  // ---- search ----
  app.get("/api/search", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 200);
    c.header("cache-control", "no-store");
    c.header("content-type", _JSON_TYPE);
    const hit = searches.get(q);
    if (hit !== undefined) return c.body(hit);
    const results = q.trim() === "" ? [] : (await searchIndex()).search(q, { limit: 30 });
    const t = state.ctx.t;
    const order: SearchKind[] = ["paper", "episode", "course"];
    const groups = order
      .map((kind) => ({
        kind,
        label: t.search.kinds[kind],
        results: results
          .filter((r) => r.kind === kind)
          .map((r) => ({
            title: r.title,
            href: hrefOf(r.kind, r.id),
            snippet: escapeHtml(r.snippet).replace(/«/g, "<mark>").replace(/»/g, "</mark>"),
          })),
      }))
      .filter((g) => g.results.length > 0);
    const body = JSON.stringify({ q, groups });
    if (searches.size >= SEARCH_CACHE_ENTRIES) {
      searches.delete(searches.keys().next().value as string);
    }
    searches.set(q, body);
    return c.body(body);
  });

  // ---- editor ----
  app.get("/_/edit", async (c) => {
    const target = noteTarget(state, c.req.query("page") ?? "");
    const { isNoteFile, readNote } = await notesModule();
    if (!target || !isNoteFile(target.file)) return notFound(c);
    const note = await readNote(root, target.file);
    const preview = state.ctx.renderNote(note.body, target.render);
    return appPage(
      c,
      editorPage(state.ctx, {
        page: target.page,
        file: target.file,
        title: target.title,
        body: note.body,
        hash: note.hash ?? "",
        previewHtml: preview.html,
      }),
    );
  });
  app.post("/api/preview", async (c) => {
    const body = await readJson(c);
    const target = noteTarget(state, str(body.page));
    if (!target) return c.json({ error: "unknown page" }, 404);
    const r = state.ctx.renderNote(str(body.markdown), target.render);
    return c.json({ html: r.html, hasMath: r.hasMath });
  });
  app.put("/api/notes", async (c) => {
    const body = await readJson(c);
    const target = noteTarget(state, str(body.page));
    const { isNoteFile, joinNote, readNote, saveWithRevision } = await notesModule();
    if (!target || !isNoteFile(target.file)) return c.json({ error: "unknown page" }, 404);
    const base = str(body.baseHash);
    const mine = str(body.body);
    const current = await readNote(root, target.file);
    const expected = base === "" ? null : base;
    if (current.hash !== expected) {
      return c.json(
        { conflict: true, yours: mine, disk: current.body, diskHash: current.hash },
        409,
      );
    }
    try {
      const hash = await saveWithRevision(
        root,
        target.file,
        joinNote(current.head, mine),
        expected,
        now,
      );
      await reload([target.file]);
      return c.json({ hash });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const disk = await readNote(root, target.file);
      return c.json({ conflict: true, yours: mine, disk: disk.body, diskHash: disk.hash }, 409);
    }
  });
  app.post("/api/revisions", async (c) => {
    const body = await readJson(c);
    const target = noteTarget(state, str(body.page));
    const { isNoteFile, joinNote, keepRevision, readNote } = await notesModule();
    if (!target || !isNoteFile(target.file)) return c.json({ error: "unknown page" }, 404);
    const current = await readNote(root, target.file);
    const name = await keepRevision(root, target.file, joinNote(current.head, str(body.body)), now);
    return c.json({ revision: name });
  });
  app.get("/_/revisions", async (c) => {
    const file = c.req.query("file") ?? "";
    const { isNoteFile, listRevisions, readRevision } = await notesModule();
    if (!isNoteFile(file)) return notFound(c);
    const names = await listRevisions(root, file);
    const revisions = await Promise.all(
      names.map(async (name) => ({ name, text: await readRevision(root, file, name) })),
    );
    return appPage(c, revisionsPage(state.ctx, file, revisions, pageOfFile(state, file)));
  });
  app.post("/api/restore", async (c) => {
    const body = await readJson(c);
    const file = str(body.file);
    const name = str(body.revision);
    const { isNoteFile, listRevisions, restoreRevision } = await notesModule();
    if (!isNoteFile(file) || !(await listRevisions(root, file)).includes(name)) {
      return c.json({ error: "unknown revision" }, 404);
    }
    const hash = await restoreRevision(root, file, name, now);
    await reload([file]);
    return c.json({ hash, page: pageOfFile(state, file) ?? "/" });
  });

  // ---- progress ----
  app.post("/api/progress", async (c) => {
    const body = await readJson(c);
    const course = state.ctx.course(str(body.course));
    const number = Number(body.number);
    const status = str(body.status) as EpisodeStatus;
    if (!course?.episodes.some((e) => e.number === number)) {
      return c.json({ error: "unknown episode" }, 404);
    }
    if (!STATUSES.includes(status)) return c.json({ error: "unknown status" }, 400);
    let position: number | undefined;
    if (str(body.position).trim() !== "") {
      position = parseRuntime(str(body.position).trim());
      if (position === undefined) return c.json({ error: "position: use 46:18" }, 400);
    }
    const { setEpisodeStatus } = await storeModule();
    await setEpisodeStatus(root, course.id, [number], status, {
      now,
      ...(position === undefined ? {} : { position }),
    });
    await reload([LIBRARY_FILES.progress]);
    return c.json({ ok: true });
  });
  app.post("/api/pass", async (c) => {
    const body = await readJson(c);
    const paper = state.ctx.paper(str(body.paper));
    const pass = Number(body.pass);
    if (!paper) return c.json({ error: "unknown paper" }, 404);
    if (pass !== 1 && pass !== 2 && pass !== 3) return c.json({ error: "pass: 1, 2 or 3" }, 400);
    const { setPaperPass } = await storeModule();
    await setPaperPass(root, paper.id, pass, { now });
    await reload([LIBRARY_FILES.progress]);
    return c.json({ ok: true });
  });

  // ---- review ----
  const notePage = (id: string): string | undefined => {
    const ref = parseNoteId(id);
    if (!ref) return undefined;
    if (ref.kind === "paper") return paths.paper(ref.paperId);
    if (ref.kind === "course") return paths.course(ref.courseId);
    return paths.episode(ref.courseId, ref.number);
  };
  app.get("/_/review", async (c) => {
    const reviews = await (await storeModule()).readReviews(root);
    const at = now();
    const { dueCards } = await reviewModule();
    const due: ReviewItem[] = dueCards(reviews, at).map((card) => {
      const note = findNote(state.library, card.id);
      const page = note ? notePage(card.id) : undefined;
      const target = page ? noteTarget(state, page) : undefined;
      const first = (note?.notes ?? "").split("\n").filter((l) => l.trim() !== "");
      const preview =
        target && first.length > 0
          ? state.ctx.renderNote(first.slice(0, 8).join("\n\n"), target.render).html
          : "";
      return {
        id: card.id,
        title: note?.title ?? `${card.id} ${state.ctx.t.study.missingNote}`,
        page,
        previewHtml: preview,
      };
    });
    const upcoming = Object.values(reviews.cards)
      .map((card) => card.due)
      .filter((d) => Date.parse(d) > at.getTime())
      .sort()[0];
    return appPage(c, reviewPage(state.ctx, due, upcoming && localTime(upcoming)));
  });
  app.post("/api/review", async (c) => {
    const body = await readJson(c);
    const id = str(body.note);
    const rating = str(body.rating) as ReviewRating;
    if (!REVIEW_RATINGS.includes(rating))
      return c.json({ error: "rating: again, hard, good or easy" }, 400);
    const { readReviews, writeReviewCards } = await storeModule();
    const reviews = await readReviews(root);
    const card = reviews.cards[id];
    if (!card) return c.json({ error: "not marked for review" }, 404);
    const next = (await reviewModule()).rate(card, rating, now());
    await writeReviewCards(root, [next]);
    await reload([LIBRARY_FILES.reviews]);
    return c.json({
      ok: true,
      due: next.due,
      next: state.ctx.t.study.nextDue(localTime(next.due)),
    });
  });
  app.post("/api/review/mark", async (c) => {
    const body = await readJson(c);
    const page = str(body.page);
    const route = noteTarget(state, page);
    const id = route ? noteIdOfPage(page) : undefined;
    if (!id || !findNote(state.library, id)) return c.json({ error: "unknown page" }, 404);
    const { readReviews, writeReviewCards } = await storeModule();
    const reviews = await readReviews(root);
    const card = (await reviewModule()).markForReview(reviews, id, now());
    if (!reviews.cards[id]) await writeReviewCards(root, [card]);
    return c.json({ ok: true, id, due: card.due });
  });

  // ---- add ----
  app.get("/_/add", (c) => appPage(c, addPage(state.ctx, opts.adders !== undefined)));
  app.post("/api/add/:kind", async (c) => {
    const kind = c.req.param("kind");
    const input = str((await readJson(c)).input).trim();
    if (!opts.adders) return c.json({ error: state.ctx.t.app.sourcesUnavailable }, 501);
    if (input === "" || (kind !== "paper" && kind !== "course")) {
      return c.json({ error: "nothing to add" }, 400);
    }
    try {
      const what = await opts.adders[kind](input);
      await reload();
      return c.json({ message: state.ctx.t.app.added(what) });
    } catch (err) {
      return c.json({ error: (err as Error).message }, 502);
    }
  });

  // ---- snapshots ----
  app.get("/snapshots/objects/:ab/:name", async (c) => {
    const ab = c.req.param("ab");
    const name = c.req.param("name");
    if (!/^[0-9a-f]{2}$/.test(ab) || !/^[0-9a-f]{64}\.[a-z0-9]{1,8}$/.test(name)) {
      return notFound(c);
    }
    const rel = `snapshots/objects/${ab}/${name}`;
    try {
      const bytes = await readFile(join(root, rel));
      return new Response(bytes, { status: 200, headers: snapshotResponseHeaders(rel) });
    } catch {
      return notFound(c);
    }
  });

  // ---- the site ----
  const serveRoute = async (c: Context, path: string) => {
    const app = APP_ASSETS[path];
    const r: Cached = app
      ? { status: 200, type: app.type, body: app.body, etag: `"app-${tokenTag}"`, bytes: 0 }
      : renderRoute(path);
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
    c.header("etag", etag);
    c.header("cache-control", "no-cache");
    if (r.type.startsWith("text/html")) c.header("content-security-policy", PAGE_CSP);
    if (r.status === 200 && c.req.header("if-none-match") === etag) return c.body(null, 304);
    c.header("content-type", r.type);
    return c.body(body as string, r.status as 200);
  };
  const notFound = (c: Context) => serveRoute(c, paths.notFound);
  app.get("*", (c) => {
    const raw = c.env.incoming.url ?? "/";
    const q = raw.indexOf("?");
    return serveRoute(c, q === -1 ? raw : raw.slice(0, q));
  });

  const server: Server = createHttpServer(getRequestListener((req, env) => app.fetch(req, env)));
  server.keepAliveTimeout = 30_000;
  const port = await listen(server, host, opts.port);
  // In the background, one after the other: check the cache the first pages came from, then
  // bring the search index up to date (both stat every file, in batches between requests).
  // It starts once the first answer is out, or after FIRST_REQUEST_WAIT_MS without one: loading
  // the renderer's packages (`loadRenderPackages`) takes ~0.2 s of this thread, which kept the
  // first page (usually `/`, which needs no Markdown) waiting.
  const started = Promise.race([
    answered,
    new Promise<void>((resolve) => setTimeout(resolve, FIRST_REQUEST_WAIT_MS).unref()),
  ]);
  const revalidating = started
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(async () => {
      let current = true;
      try {
        loadRenderPackages();
        current = cached === undefined || (await cached.isCurrent().catch(() => false));
        // Checked once: what it holds besides the library (each file's stamp) is not needed again.
        cached = undefined;
        if (current) reportProblems();
      } finally {
        // Always opened (saves wait on the index): a stale cache's reload refreshes it itself.
        startIndexing(current);
      }
      if (!current) await reload();
    });
  revalidating.catch(() => {});
  const hostPart = host.includes(":") ? `[${host}]` : host;
  allowedHosts = new Set(
    [`${hostPart}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].map((h) =>
      h.toLowerCase(),
    ),
  );
  return {
    url: `http://${hostPart}:${port}/`,
    port,
    host,
    token,
    reload,
    async close() {
      closed = true;
      watcher?.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await revalidating.catch(() => {});
      await reloading.catch(() => {});
      // Never started (closed at once): nothing to wait for.
      if (index) await indexing.catch(() => {});
      index?.close();
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function hrefOf(kind: SearchKind, id: string): string {
  if (kind === "paper") return paths.paper(id);
  if (kind === "course") return paths.course(id);
  const slash = id.lastIndexOf("/");
  return paths.episode(id.slice(0, slash), Number(id.slice(slash + 1)));
}

/** The site page that shows a note file, when there is one. */
function pageOfFile(state: LibraryState, file: string): string | undefined {
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

/** The interface strings app.js needs (plain strings only), in the library's language. */
function clientLabels(state: LibraryState): Record<string, unknown> {
  const t = state.ctx.t;
  const a = t.app;
  return {
    edit: a.edit,
    saving: a.saving,
    saved: a.saved,
    unsaved: a.unsaved,
    changedOnDisk: a.changedOnDisk,
    progress: a.progress,
    position: a.position,
    positionPlaceholder: a.positionPlaceholder,
    passes: a.passes,
    pass: [a.pass(1), a.pass(2), a.pass(3)],
    add: a.add,
    addHref: appPaths.add,
    review: t.study.review,
    reviewHref: appPaths.review,
    markForReview: t.study.markForReview,
    marked: t.study.marked,
    failed: a.failed,
    noResults: t.search.noResults,
    status: t.status,
  };
}

/** `2024-07-10 09:40` in local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The review note id of an episode, paper or course page. */
function noteIdOfPage(page: string): string | undefined {
  const route = matchRoute(page);
  if (route?.page === "paper") return `paper:${route.paperId}`;
  if (route?.page === "course") return `course:${route.courseId}`;
  if (route?.page === "episode") return `episode:${route.courseId}/${route.number}`;
  return undefined;
}
