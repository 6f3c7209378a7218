import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalServer,
  recordingConnector,
  startServer,
  stubResolver,
} from "../../test/fixtures/snapshots/local-server.js";
import { createSafeFetcher } from "../net/index.js";
import { checkLinks, formatLinkReport } from "./check-links.js";

let server: LocalServer;
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "jingdu-links-"));
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/ok") res.writeHead(200).end();
    else if (path === "/moved") res.writeHead(301, { location: "/ok" }).end();
    else if (path === "/no-head") res.writeHead(req.method === "HEAD" ? 405 : 200).end("body");
    else if (path === "/slow") setTimeout(() => res.writeHead(200).end(), 1500);
    else if (path === "/to-metadata")
      res.writeHead(302, { location: "http://169.254.169.254/" }).end();
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("checkLinks", () => {
  it("classifies links, falls back to GET, and keeps the results", async () => {
    const o = server.origin;
    const fetcher = createSafeFetcher({
      allowHosts: ["127.0.0.1"],
      connect: recordingConnector().connect,
      resolve: stubResolver({}),
    });
    let t = Date.parse("2025-12-01T10:00:00Z");
    const links = ["/ok", "/moved", "/no-head", "/slow", "/to-metadata", "/missing"].map(
      (p) => `${o}${p}`,
    );
    const opts = {
      links,
      fetcher,
      root,
      timeoutMs: 300,
      perHost: { concurrency: 2, minIntervalMs: 0 },
      now: () => t,
    };
    const records = await checkLinks(opts);
    const state = Object.fromEntries(records.map((r) => [r.url.slice(o.length), r.state]));
    expect(state).toEqual({
      "/ok": "ok",
      "/moved": "redirected",
      "/no-head": "ok",
      "/slow": "timeout",
      "/to-metadata": "blocked",
      "/missing": "dead",
    });
    expect(records.find((r) => r.url.endsWith("/moved"))?.finalUrl).toBe(`${o}/ok`);
    expect(server.requests).toContain("GET /no-head");
    expect(server.maxInFlight).toBeLessThanOrEqual(2);

    const file = await readFile(join(root, "snapshots/links.jsonl"), "utf8");
    expect(file.trim().split("\n")).toHaveLength(6);

    // Later: /ok goes dead; lastOkAt remembers when it last worked.
    t += 86_400_000;
    const again = await checkLinks({ ...opts, links: [`${o}/missing`] });
    expect(again[0]).toMatchObject({
      state: "dead",
      status: 404,
      checkedAt: "2025-12-02T10:00:00.000Z",
    });
    const report = formatLinkReport(records, {
      citations: new Map([[`${o}/missing`, [{ file: "papers/resnet.md", line: 12 }]]]),
    });
    expect(report).toContain("6 links: 1 dead, 1 timed out, 1 blocked, 1 redirected, 2 ok");
    expect(report).toContain(`404 ${o}/missing`);
    expect(report).toContain("cited at papers/resnet.md:12");
    expect(report).toContain(`${o}/moved → ${o}/ok`);
    expect(report).toContain("[checked 2025-12-01 10:00]");
  });
});
