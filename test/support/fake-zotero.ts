/**
 * A fake Zotero local API (`/api/users/0/…`) on the fake server of fake-api-server.ts: the
 * recorded web-API answers of ../shared/fixtures/zotero-webapi (the local API answers in the same
 * format) plus our shaped children (notes, attachments, an annotation), served page by page with
 * `Total-Results`, `Link` and `Last-Modified-Version`, and `since=` honoured. The library is a
 * plain object: a test edits it (a note changed, the version bumped) between runs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeApiServer, FakeReply, FakeRequest } from "./fake-api-server.js";
import { SYNTHETIC_FIXTURES, startFakeApiServer } from "./fake-api-server.js";

export interface FakeZoteroItem {
  key: string;
  version: number;
  data: { key: string; parentItem?: string; note?: string; version?: number } & Record<
    string,
    unknown
  >;
}

export interface FakeZoteroLibrary {
  version: number;
  items: FakeZoteroItem[];
  collections: { key: string; version: number; data: Record<string, unknown> }[];
  /** Attachment key → what `/items/KEY/file/view/url` answers. */
  fileUrls: Record<string, string>;
  /** Item key → the version it was deleted at (`/deleted?since=`). */
  deleted: Record<string, number>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** The recorded 20 items and 15 collections, our shaped children, at library version 1. */
export function zoteroLibraryFromFixtures(fixturesDir: string): FakeZoteroLibrary {
  const dir = join(fixturesDir, "zotero-webapi");
  return {
    version: 1,
    items: [
      ...readJson(join(dir, "pyzotero-items_doc.json")),
      ...readJson(join(SYNTHETIC_FIXTURES, "zotero-local-children.SHAPED.json")),
    ],
    collections: readJson(join(dir, "pyzotero-collections_doc.json")),
    fileUrls: { SNAP7X42: "file:///home/reader/Zotero/storage/SNAP7X42/snapshot.html" },
    deleted: {},
  };
}

/** Deletes an item in Zotero: gone from the listings, named by `/deleted` from then on. */
export function deleteZoteroItem(lib: FakeZoteroLibrary, key: string): void {
  lib.version++;
  lib.items = lib.items.filter((i) => i.key !== key);
  lib.deleted[key] = lib.version;
}

/** Changes an item's data and moves it (and the library) to a new version, as an edit in Zotero does. */
export function editZoteroItem(
  lib: FakeZoteroLibrary,
  key: string,
  change: Record<string, unknown>,
): void {
  const item = lib.items.find((i) => i.key === key);
  if (!item) throw new Error(`no item ${key}`);
  lib.version++;
  item.version = lib.version;
  item.data = { ...item.data, ...change, version: lib.version };
}

function page(req: FakeRequest, values: unknown[], version: number): FakeReply {
  const start = Number(req.query.get("start") ?? 0);
  const limit = Number(req.query.get("limit") ?? 25);
  const slice = values.slice(start, start + limit);
  const headers: Record<string, string> = {
    "total-results": String(values.length),
    "last-modified-version": String(version),
  };
  if (start + limit < values.length) {
    headers.link = `<http://127.0.0.1/api${req.path}?start=${start + limit}&limit=${limit}>; rel="next"`;
  }
  return { headers, body: JSON.stringify(slice) };
}

const notFound: FakeReply = {
  status: 404,
  headers: { "content-type": "text/plain" },
  body: "Not found",
};

/** Serves `lib` under `/api/users/0` (and the numeric user id) of `server`. */
export function serveZotero(server: FakeApiServer, lib: FakeZoteroLibrary): void {
  const base = /^\/api\/users\/(?:0|475425)/;
  const route = (tail: string) => new RegExp(`${base.source}${tail}$`);
  server.handle({ path: route("/collections") }, (req) => page(req, lib.collections, lib.version));
  server.handle({ path: route("/items") }, (req) => {
    const since = Number(req.query.get("since") ?? -1);
    return page(
      req,
      lib.items.filter((i) => i.version > since),
      lib.version,
    );
  });
  // The shape the web API documents for syncing: {collections, searches, items, tags, settings}.
  server.handle({ path: route("/deleted") }, (req) => {
    const since = Number(req.query.get("since") ?? 0);
    const items = Object.entries(lib.deleted).flatMap(([k, v]) => (v > since ? [k] : []));
    return {
      headers: { "last-modified-version": String(lib.version) },
      body: JSON.stringify({ collections: [], searches: [], items, tags: [], settings: [] }),
    };
  });
  server.handle({ path: route("/items/[A-Z0-9]{8}/children") }, (req) => {
    const key = req.path.split("/").at(-2);
    return page(
      req,
      lib.items.filter((i) => i.data.parentItem === key),
      lib.version,
    );
  });
  server.handle({ path: route("/items/[A-Z0-9]{8}/file/view/url") }, (req) => {
    const url = lib.fileUrls[req.path.split("/").at(-4) ?? ""];
    return url ? { headers: { "content-type": "text/plain" }, body: url } : notFound;
  });
  server.handle({ path: route("/items/[A-Z0-9]{8}") }, (req) => {
    const item = lib.items.find((i) => i.key === req.path.split("/").at(-1));
    return item
      ? { headers: { "last-modified-version": String(lib.version) }, body: JSON.stringify(item) }
      : notFound;
  });
}

/**
 * A fake Zotero on 127.0.0.1 serving the recorded library; `reset()` brings the library back to
 * the recordings (a test that edited or deleted items calls it, or `beforeEach` does).
 */
export async function startFakeZotero(
  fixturesDir: string,
): Promise<{ server: FakeApiServer; lib: FakeZoteroLibrary; reset: () => void }> {
  const server = await startFakeApiServer();
  const lib = zoteroLibraryFromFixtures(fixturesDir);
  serveZotero(server, lib);
  return { server, lib, reset: () => Object.assign(lib, zoteroLibraryFromFixtures(fixturesDir)) };
}
