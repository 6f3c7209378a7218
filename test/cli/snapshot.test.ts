import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

describe("jingdu snapshot and jingdu links against a local page server", () => {
  let server: Server;
  let base: string;
  let lib: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          '<html><head><title>一篇文章</title><link rel="stylesheet" href="/s.css"></head><body><p>正文</p><script>alert(1)</script></body></html>',
        );
      } else if (req.url === "/s.css") {
        res.writeHead(200, { "content-type": "text/css" });
        res.end("p { color: teal }");
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("gone");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    lib = join(work, "lib");
    writeFileSync(
      join(lib, "papers", "demo.md"),
      `---\nshort: Demo\n---\n读这篇：[文章](${base}/article)，还有一个死链 <${base}/dead>。\n`,
    );
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("refuses loopback addresses unless the host is allowed explicitly", async () => {
    const run = await runCliInProcess(["snapshot", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const { items } = JSON.parse(run.stdout);
    expect(items.map((i: { outcome: { kind: string } }) => i.outcome.kind)).toEqual([
      "blocked",
      "blocked",
    ]);
  });

  it("archives the page with its CSS, without its script, and reports the dead link", async () => {
    const run = await runCliInProcess(["snapshot", "--allow-host", "127.0.0.1"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 links: 1 archived, 1 dead/);
    expect(run.stdout).toContain(`dead      ${base}/dead  (HTTP 404)`);
    const index = readFileSync(join(lib, "snapshots", "index.jsonl"), "utf8");
    const entry = JSON.parse(index.split("\n").find((l) => l.includes("/article")) ?? "{}");
    expect(entry.title).toBe("一篇文章");
    const html = readFileSync(join(lib, entry.path), "utf8");
    expect(html).toContain("正文");
    expect(html).not.toContain("alert(1)");
  });

  it("links reports dead and ok links with when they were checked", async () => {
    const run = await runCliInProcess(["links", "--all", "--allow-host", "127.0.0.1"], {
      cwd: lib,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 links: 1 dead/);
    expect(run.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
  });
});
