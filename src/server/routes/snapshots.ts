import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono } from "hono";
import { snapshotResponseHeaders } from "../../snapshots/light.js";
import type { RouteDeps } from "./route-deps.js";

/** Archived copies of cited pages: `snapshots/objects/ab/<sha256>.<ext>`, nothing else. */
export function snapshotRoutes({ library, pages }: RouteDeps): Hono {
  const app = new Hono();
  app.get("/snapshots/objects/:ab/:name", async (c) => {
    const ab = c.req.param("ab");
    const name = c.req.param("name");
    if (!/^[0-9a-f]{2}$/.test(ab) || !/^[0-9a-f]{64}\.[a-z0-9]{1,8}$/.test(name)) {
      return pages.notFound(c);
    }
    const rel = `snapshots/objects/${ab}/${name}`;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(library.root, rel));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      return pages.notFound(c);
    }
    return new Response(bytes, { status: 200, headers: snapshotResponseHeaders(rel) });
  });
  return app;
}
