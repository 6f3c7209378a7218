/** A tiny static file server for browser tests: serves a built site on 127.0.0.1. */
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  xml: "application/atom+xml; charset=utf-8",
  woff2: "font/woff2",
  woff: "font/woff",
  ttf: "font/ttf",
  svg: "image/svg+xml",
  png: "image/png",
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** What static hosts compress (GitHub Pages, Netlify, Cloudflare: text, scripts, JSON, SVG). */
const COMPRESSED = /^(?:text\/|application\/(?:json|atom\+xml)|image\/svg)/;

/**
 * Serves `root` like a static host: `/a/` → `a/index.html`, unknown paths → `404.html` with 404.
 * No Content-Security-Policy header, like most static hosts: pages must be safe without one.
 * `gzip`: text, scripts, JSON and SVG gzipped for a client that accepts it, as those hosts serve
 * them (what a reader's phone downloads; bench:site-search measures it).
 */
export async function startStaticServer(
  root: string,
  opts: { gzip?: boolean } = {},
): Promise<StaticServer> {
  const base = resolve(root);
  // Each file gzipped once while its bytes stay the same, as a host keeps its compressed copy:
  // compressing per request would put the server's CPU into the bench's timings.
  const zipped = new Map<string, { body: Buffer; gzip: Buffer }>();
  const gzipOf = (target: string, body: Buffer): Buffer => {
    const kept = zipped.get(target);
    if (kept?.body.equals(body)) return kept.gzip;
    const gzip = gzipSync(body);
    zipped.set(target, { body, gzip });
    return gzip;
  };
  const server = createServer(async (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = join(base, path);
    const found =
      file.startsWith(base + sep) && (await stat(file).catch(() => undefined))?.isFile();
    const target = found ? file : join(base, "404.html");
    const body = await readFile(target).catch(() => Buffer.from("not found"));
    const type = TYPES[target.slice(target.lastIndexOf(".") + 1)] ?? "application/octet-stream";
    const gzip =
      opts.gzip === true &&
      COMPRESSED.test(type) &&
      /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(found ? 200 : 404, {
      "content-type": type,
      ...(gzip ? { "content-encoding": "gzip", vary: "Accept-Encoding" } : {}),
    });
    res.end(gzip ? gzipOf(target, body) : body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
