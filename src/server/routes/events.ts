import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ReloadFailure } from "../library-host.js";
import type { RouteDeps } from "./route-deps.js";

/** How often an open event stream is pinged (proxies and browsers drop silent streams). */
const PING_MS = 25_000;

/**
 * Live reload: server-sent events, `change` with the library's version after each reload;
 * `reload-failed` with `{message, files, at}` when a reload failed (at once to a page opened
 * meanwhile), `reload-ok` when one succeeds after it. `GET /api/reload` answers the same as JSON.
 */
export function eventRoutes({ library }: RouteDeps): Hono {
  const app = new Hono();
  app.get("/api/events", (c) =>
    streamSSE(c, async (stream) => {
      let resolveClosed: () => void = () => {};
      const closed = new Promise<void>((r) => {
        resolveClosed = r;
      });
      // A write fails only once the client is gone: that ends the stream.
      const send = (event: string, data: string) =>
        stream.writeSSE({ event, data }).catch(() => resolveClosed());
      const unsubscribe = library.subscribe((v) => void send("change", String(v)));
      const sendFailure = (failure: ReloadFailure | undefined) =>
        void (failure ? send("reload-failed", JSON.stringify(failure)) : send("reload-ok", ""));
      const unsubscribeFailure = library.subscribeReloadFailure(sendFailure);
      stream.onAbort(() => resolveClosed());
      await send("hello", String(library.version()));
      const failing = library.reloadFailure();
      if (failing) sendFailure(failing);
      const ping = setInterval(() => void send("ping", ""), PING_MS);
      await closed;
      clearInterval(ping);
      unsubscribe();
      unsubscribeFailure();
    }),
  );
  app.get("/api/reload", (c) => {
    c.header("cache-control", "no-store");
    const failure = library.reloadFailure();
    return c.json({ version: library.version(), ...(failure ? { failure } : {}) });
  });
  return app;
}
