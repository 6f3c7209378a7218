import type { Context, MiddlewareHandler } from "hono";

/** A raw request path that tries to leave its folder: `..`, encoded dots or slashes, backslash. */
export function isSuspiciousPath(rawPath: string): boolean {
  return /\.\.|%2e|%2f|%5c|\\|%00|\0/i.test(rawPath);
}

/**
 * The request's path as the client sent it, before any URL parsing resolved `..` or decoded
 * `%2e`: Node's raw URL when served by @hono/node-server, else the parsed URL's path (a
 * `app.request()` in a test, where the URL was already normalized).
 */
export function rawPathOf(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming;
  const raw = incoming?.url ?? c.req.url.slice(c.req.url.indexOf("/", c.req.url.indexOf("//") + 2));
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}

/**
 * Refuses a Host header the server was not addressed by (DNS rebinding): 403. `allowedHosts` is
 * read on each request (the port is known only once the socket listens).
 */
export function hostCheck(allowedHosts: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header("host") ?? "").toLowerCase();
    if (!allowedHosts.has(host)) return c.text("Forbidden: unknown Host", 403);
    return next();
  };
}

/**
 * GET and HEAD never change state and must not try to leave a folder (404); POST, PUT and DELETE
 * need the per-process CSRF token in `X-Jingdu-Token` (403); other methods are refused (405).
 */
export function requestCheck(token: string): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") {
      if (isSuspiciousPath(rawPathOf(c))) return c.text("Not found", 404);
      return next();
    }
    if (method !== "POST" && method !== "PUT" && method !== "DELETE") {
      return c.text("Method not allowed", 405);
    }
    if (c.req.header("x-jingdu-token") !== token) return c.text("Forbidden: missing token", 403);
    return next();
  };
}
