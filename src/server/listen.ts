import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";

/** A socket serving a fetch handler (a Hono app's `fetch`). */
export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `fetch` on host:port (0 picks a free port); Node's raw request is passed as
 * `env.incoming` (the path checks read the path as sent). Rejects with EADDRINUSE and the like.
 * @example const { port } = await listen(app.fetch, { host: "127.0.0.1", port: 0 })
 */
export function listen(
  fetch: (request: Request, env: object) => Response | Promise<Response>,
  opts: { host: string; port: number },
): Promise<Listening> {
  const server = createServer(getRequestListener((req, env) => fetch(req, env)));
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(opts.port, opts.host);
  });
}
