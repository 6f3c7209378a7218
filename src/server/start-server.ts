import { randomBytes } from "node:crypto";
import type { Diagnostic } from "../core/index.js";
import { describeReloaded, type LibraryWatch, watchAndReload } from "../workspace/index.js";
import { createApp } from "./create-app.js";
import { createLibraryHost } from "./library-host.js";
import { type Listening, listen } from "./listen.js";
import { preloadRequestSchemas } from "./middleware/json-body.js";
import type { Adders, Resolver } from "./routes/route-deps.js";

/** How long a new server waits for its first request before it starts its background work. */
const FIRST_REQUEST_WAIT_MS = 300;

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
  resolver?: Resolver;
  /** Most bytes of rendered pages kept in memory (default 16 MB). */
  cacheBytes?: number;
  /**
   * Told the library's problems (files skipped or fields ignored, with file:line) once it is
   * loaded, and again whenever a reload changes them (an empty list: none left).
   */
  onProblems?: (problems: Diagnostic[]) => void;
  /**
   * Told what failed without a request to answer it: a reload after a change on disk, the
   * background check of the parsed-library cache, a request's unexpected error (default: stderr).
   */
  onError?: (
    error: unknown,
    during: "reload" | "request" | "background",
    /** For a reload: the changed files it was reloading (undefined: all of the library). */
    files?: string[],
  ) => void;
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

const reportToStderr = (error: unknown, during: string, files?: string[]) =>
  console.error(
    `jingdu serve: ${during}${during === "reload" ? ` of ${describeReloaded(files)}` : ""} failed:`,
    error instanceof Error ? error.message : error,
  );

/**
 * The local web app on a socket: `createApp` on the library, listening on host:port (127.0.0.1
 * by default), watching the library for changes. Checks Host, a CSRF token, paths; sends a CSP.
 * @example const s = await startServer({ root, port: 4000, now: () => new Date() }); console.log(s.url)
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const onError = opts.onError ?? reportToStderr;
  const library = await createLibraryHost({
    root: opts.root,
    now: opts.now,
    ...(opts.onProblems ? { onProblems: opts.onProblems } : {}),
  });
  const token = randomBytes(24).toString("base64url");
  const allowedHosts = new Set<string>();
  const app = createApp({
    library,
    token,
    allowedHosts,
    ...(opts.adders ? { adders: opts.adders } : {}),
    ...(opts.resolver ? { resolver: opts.resolver } : {}),
    ...(opts.cacheBytes === undefined ? {} : { cacheBytes: opts.cacheBytes }),
    onError: (error) => onError(error, "request"),
  });
  // The first page goes out before the background work starts (below).
  let firstAnswered: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    firstAnswered = resolve;
  });
  const serve = async (request: Request, env: object) => {
    const response = await app.fetch(request, env);
    firstAnswered();
    return response;
  };
  let socket: Listening;
  try {
    socket = await listen(serve, { host, port: opts.port });
  } catch (err) {
    // The port is taken (jingdu serve then tries another): nothing of this one stays open.
    await library.close();
    throw err;
  }
  const { port } = socket;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  for (const h of [
    `${hostPart}:${port}`,
    `localhost:${port}`,
    `127.0.0.1:${port}`,
    `[::1]:${port}`,
  ])
    allowedHosts.add(h.toLowerCase());

  const watch: LibraryWatch | undefined =
    opts.watch === false
      ? undefined
      : watchAndReload({
          root: opts.root,
          reload: (paths) => library.reload(paths),
          onError: (error, paths) => onError(error, "reload", paths),
        });
  // A course folder made by the server itself (the add form) is watched from its next reload.
  if (watch) library.subscribe(() => watch.rescan());

  // In the background, after the first answer (or FIRST_REQUEST_WAIT_MS without one): loading
  // the renderer's packages takes ~0.2 s of this thread, which kept the first page waiting.
  // A server closed before it started its background work skips it.
  let closing = false;
  let stopWaiting: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stopWaiting = resolve;
  });
  const background = Promise.race([
    answered,
    stopped,
    new Promise<void>((resolve) => setTimeout(resolve, FIRST_REQUEST_WAIT_MS).unref()),
  ])
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(async () => {
      if (closing) return;
      await library.revalidate();
      await preloadRequestSchemas();
    })
    .catch((error: unknown) => onError(error, "background"));

  return {
    url: `http://${hostPart}:${port}/`,
    port,
    host,
    token,
    reload: (paths) => library.reload(paths),
    async close() {
      closing = true;
      stopWaiting();
      await watch?.close();
      await socket.close();
      await library.close();
      await background;
    },
  };
}
