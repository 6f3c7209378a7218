/**
 * A fake HTTP server on 127.0.0.1 that replays recorded API responses (driven by the shared
 * fixtures' index.json), counts requests, and can script faults: 429 with Retry-After, 503s,
 * a hang (for timeouts), a truncated body, or any synthetic reply. Clients under test get its
 * URL as their base URL; nothing else is ever contacted.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Our own synthetic fixtures (cases the recordings lack). */
export const SYNTHETIC_FIXTURES = join(REPO_ROOT, "test/fixtures/sources");

/** `../shared/fixtures` beside the repo, or undefined when it is absent (tests then skip). */
export function sharedFixturesDir(): string | undefined {
  const dir = resolve(REPO_ROOT, "../shared/fixtures");
  return existsSync(join(dir, "index.json")) ? dir : undefined;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: IncomingMessage["headers"];
  /** When the request arrived (`performance.now()`, ms): gaps between arrivals are measured. */
  receivedAt: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** A fixture file (relative to the shared fixtures dir, or `synthetic:<name>` for ours). */
  fixture?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Send only the first N bytes of the body (a truncated JSON answer). */
  truncateTo?: number;
  /** Send the headers and the first bytes of the body, then nothing (a body that never ends). */
  stallBody?: boolean;
}

export interface Matcher {
  method?: string;
  /** Exact decoded path, or a pattern. */
  path?: string | RegExp;
  /** Query parameters that must be present with these values. */
  query?: Record<string, string>;
}

export interface FakeApiServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: FakeRequest[];
  /** Requests that matched nothing (answered 501). */
  unmatched: FakeRequest[];
  count(match?: Matcher): number;
  /** The next matching requests get these replies, in order; after that, normal handling. */
  script(match: Matcher, ...replies: FakeReply[]): void;
  /** Every matching request is answered by the handler (synthetic endpoints). */
  handle(match: Matcher, handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>): void;
  /** Delay every reply (slow server). */
  setDelay(ms: number): void;
  /** Connections open now (a request a client let go of closes its own). */
  connections(): number;
  close(): Promise<void>;
}

interface IndexEntry {
  file: string;
  method: string | null;
  url: string | null;
  requestBody: string | null;
  status: number | null;
  contentType: string | null;
}

interface Recording {
  file: string;
  method: string;
  path: string;
  params: [string, string][];
  body: unknown;
  status: number;
  contentType: string;
}

function loadRecordings(fixturesDir: string): Recording[] {
  const index = JSON.parse(readFileSync(join(fixturesDir, "index.json"), "utf8")) as IndexEntry[];
  const out: Recording[] = [];
  for (const e of index) {
    if (!e.method || !e.url || e.status === null || /[<>]|\(|\.\.\./.test(e.url)) continue;
    let url: URL;
    try {
      url = new URL(e.url.replace(/ /g, "+"));
    } catch {
      continue;
    }
    out.push({
      file: e.file,
      method: e.method,
      path: decodeURIComponent(url.pathname),
      params: [...url.searchParams.entries()],
      body: e.requestBody === null ? undefined : JSON.parse(e.requestBody),
      status: e.status,
      contentType: e.contentType ?? "application/json",
    });
  }
  return out;
}

const normQuery = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/** S2 accepts a bare DOI and `DOI:<doi>` alike, so a recording of one answers the other. */
function normalizeBody(body: unknown): unknown {
  if (body && typeof body === "object" && Array.isArray((body as { ids?: unknown }).ids)) {
    const ids = (body as { ids: unknown[] }).ids.map((id) =>
      typeof id === "string" ? id.replace(/^doi:/i, "").replace(/^corpusid:/i, "CorpusId:") : id,
    );
    return { ...body, ids };
  }
  return body;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalizeBody(a)) === JSON.stringify(normalizeBody(b));
}

/** How well a request matches a recording: -1 = no; higher = more specific. */
function score(rec: Recording, req: FakeRequest): number {
  if (rec.method !== req.method || rec.path !== req.path) return -1;
  let s = 0;
  for (const [k, v] of rec.params) {
    if (k === "fields") continue; // our clients ask for other fields than the recorders did
    const got = req.query.get(k);
    if (got === null) return -1;
    if (k === "query" ? normQuery(got) !== normQuery(v) : got !== v) return -1;
    s++;
  }
  if (rec.body !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return -1;
    }
    if (!sameJson(body, rec.body)) return -1;
    s++;
  }
  return s;
}

function matches(m: Matcher, req: FakeRequest): boolean {
  if (m.method && m.method !== req.method) return false;
  if (m.path !== undefined) {
    if (typeof m.path === "string" ? m.path !== req.path : !m.path.test(req.path)) return false;
  }
  for (const [k, v] of Object.entries(m.query ?? {})) if (req.query.get(k) !== v) return false;
  return true;
}

/** Starts the server; without `fixturesDir` it only answers scripts and handlers. */
export async function startFakeApiServer(
  opts: { fixturesDir?: string } = {},
): Promise<FakeApiServer> {
  const fixturesDir = opts.fixturesDir ?? SYNTHETIC_FIXTURES;
  const recordings = opts.fixturesDir ? loadRecordings(opts.fixturesDir) : [];
  const requests: FakeRequest[] = [];
  const unmatched: FakeRequest[] = [];
  const scripts: { match: Matcher; replies: FakeReply[] }[] = [];
  const handlers: {
    match: Matcher;
    handler: (req: FakeRequest) => FakeReply | Promise<FakeReply>;
  }[] = [];
  const sockets = new Set<Socket>();
  let delayAll = 0;

  const readFixture = (name: string) =>
    readFileSync(
      name.startsWith("synthetic:")
        ? join(SYNTHETIC_FIXTURES, name.slice(10))
        : join(fixturesDir, name),
      "utf8",
    );

  const replyFor = async (req: FakeRequest): Promise<FakeReply> => {
    const scripted = scripts.find((s) => s.replies.length > 0 && matches(s.match, req));
    if (scripted) return scripted.replies.shift() as FakeReply;
    const handler = handlers.find((h) => matches(h.match, req));
    if (handler) return handler.handler(req);
    let best: Recording | undefined;
    let bestScore = -1;
    for (const rec of recordings) {
      const s = score(rec, req);
      if (s > bestScore) {
        best = rec;
        bestScore = s;
      }
    }
    if (best)
      return {
        status: best.status,
        headers: { "content-type": best.contentType },
        fixture: best.file,
      };
    unmatched.push(req);
    return {
      status: 501,
      body: JSON.stringify({ error: `fake server: no fixture for ${req.method} ${req.path}` }),
    };
  };

  const send = async (res: ServerResponse, reply: FakeReply) => {
    const delay = (reply.delayMs ?? 0) + delayAll;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (reply.hang) return; // the socket is destroyed on close()
    let body = reply.fixture ? readFixture(reply.fixture) : (reply.body ?? "");
    if (reply.truncateTo !== undefined)
      body = Buffer.from(body).subarray(0, reply.truncateTo).toString("utf8");
    const headers = { "content-type": "application/json", ...reply.headers };
    res.writeHead(reply.status ?? 200, { ...headers, "content-length": Buffer.byteLength(body) });
    if (reply.stallBody) {
      res.write(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
      return; // the socket is destroyed on close()
    }
    res.end(body);
  };

  const server = createServer((req, res) => {
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const fake: FakeRequest = {
        method: req.method ?? "GET",
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        body: Buffer.concat(chunks).toString("utf8"),
        headers: req.headers,
        receivedAt,
      };
      requests.push(fake);
      replyFor(fake)
        .then((reply) => send(res, reply))
        .catch((err: Error) => {
          if (!res.headersSent) res.writeHead(500);
          res.end(String(err.message));
        });
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unmatched,
    count: (m = {}) => requests.filter((r) => matches(m, r)).length,
    script: (match, ...replies) => {
      scripts.push({ match, replies });
    },
    connections: () => sockets.size,
    handle: (match, handler) => {
      handlers.push({ match, handler });
    },
    setDelay: (ms) => {
      delayAll = ms;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * `describe` for suites that replay the shared recordings; skipped, with the reason in its name,
 * when `../shared/fixtures` is not beside the repo.
 */
export function describeWithFixtures(name: string, fn: (fixturesDir: string) => void): void {
  const dir = sharedFixturesDir();
  if (dir) describe(name, () => fn(dir));
  else
    describe.skip(`${name} (skipped: ../shared/fixtures with index.json not found)`, () => fn(""));
}
