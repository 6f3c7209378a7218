import { Hono } from "hono";
import { etag } from "hono/etag";
import { rawPathOf } from "../middleware/security.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * Every page of the site from the route table, and the app's assets, by the path as sent. Hono's
 * etag middleware answers a matching If-None-Match with 304 from the tag the renderer set (it
 * never hashes a body here: every page has its tag).
 */
export function pageRoutes({ pages }: RouteDeps): Hono {
  const app = new Hono();
  app.get("*", etag(), (c) => pages.serve(c, rawPathOf(c)));
  return app;
}
