import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLibrary } from "../../test/support/demo-library.js";
import { httpRequest } from "../../test/support/http-request.js";
import { loadLibraryCached } from "../store/index.js";
import { type RunningServer, startServer } from "./index.js";
import { acceptsGzip } from "./page-cache.js";

const send = httpRequest;

let root: string;
let server: RunningServer;
const now = () => new Date("2026-03-01T10:00:00Z");

beforeAll(async () => {
  root = await demoLibrary("jingdu-serve-");
  server = await startServer({ root, port: 0, now, watch: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dirname(root), { recursive: true, force: true });
});

const json = (token: string | undefined, body: unknown, method = "POST") => ({
  method,
  headers: {
    "content-type": "application/json",
    ...(token === undefined ? {} : { "x-jingdu-token": token }),
  },
  body: JSON.stringify(body),
});

describe("jingdu serve: safe by default", () => {
  it("binds 127.0.0.1 and serves pages with a CSP without inline script", async () => {
    expect(server.host).toBe("127.0.0.1");
    const r = await send(server.port, "/");
    expect(r.status).toBe(200);
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(r.body).toContain('<meta name="jingdu-token"');
  });

  it("refuses a foreign Host header (DNS rebinding) with 403", async () => {
    for (const host of ["evil.example", `evil.example:${server.port}`, "127.0.0.1:1"]) {
      const r = await send(server.port, "/", { headers: { host } });
      expect(r.status, host).toBe(403);
    }
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await send(server.port, "/", { headers: { host } })).status, host).toBe(200);
    }
  });

  it("refuses state-changing requests without the token (403), and GET never changes state", async () => {
    const progress = readFileSync(join(root, "progress.yaml"), "utf8");
    const body = { course: "limu", number: 1, status: "done" };
    expect((await send(server.port, "/api/progress", json(undefined, body))).status).toBe(403);
    expect((await send(server.port, "/api/progress", json("wrong", body))).status).toBe(403);
    const put = { page: "/courses/limu/1/", body: "x", baseHash: "" };
    expect((await send(server.port, "/api/notes", json(undefined, put, "PUT"))).status).toBe(403);
    expect((await send(server.port, "/api/progress?status=done")).status).toBe(404);
    expect((await send(server.port, "/api/progress", { method: "PATCH" })).status).toBe(405);
    expect(readFileSync(join(root, "progress.yaml"), "utf8")).toBe(progress);
  });

  it("refuses a request body over its cap with 413 before reading it (a 20 MB preview)", async () => {
    // Content-Length announces 20 MB; only the first 64 KB are sent: the answer must come from
    // the announced size, before the body is read.
    const reply = await new Promise<{ status: number; body: string }>((ok, fail) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/api/preview",
          method: "POST",
          headers: {
            host: `127.0.0.1:${server.port}`,
            "content-type": "application/json",
            "content-length": String(20 * 1024 * 1024),
            "x-jingdu-token": server.token,
          },
        },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c) => {
            body += c;
          });
          res.on("end", () => {
            ok({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
        },
      );
      // The server may close the connection on the unread rest: that is not a failure here.
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (err.code !== "EPIPE" && err.code !== "ECONNRESET") fail(err);
      });
      req.write(`{"page":"/papers/resnet/","markdown":"${"x".repeat(64 * 1024)}`);
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ code: "request-too-large" });
  });

  it("serves no file outside the route table: traversal and encoded variants → 404", async () => {
    for (const path of [
      "/assets/../../etc/passwd",
      "/assets/..%2f..%2fetc%2fpasswd",
      "/assets/%2e%2e/%2e%2e/etc/passwd",
      "/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/assets/..%5c..%5cetc%5cpasswd",
      "/assets/..\\..\\etc\\passwd",
      "/files/../jingdu.yaml",
      "/files/%2e%2e/jingdu.yaml",
      "/etc/passwd",
      "/snapshots/objects/../../jingdu.yaml",
    ]) {
      const r = await send(server.port, path);
      // Node's HTTP parser already refuses a raw backslash (400); everything else is 404.
      expect(r.status, path).toBe(path.includes("\\") ? 400 : 404);
      expect(r.body, path).not.toContain("root:");
      expect(r.body, path).not.toContain("title:");
    }
    expect((await send(server.port, "/assets/site.css")).status).toBe(200);
  });

  it("answers 304 to a matching ETag", async () => {
    const first = await send(server.port, "/papers/");
    const etag = String(first.headers.etag);
    const again = await send(server.port, "/papers/", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("serves archived snapshots under the sandboxing CSP", async () => {
    const hash = "ab".repeat(32);
    const dir = join(root, "snapshots", "objects", "ab");
    await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
    writeFileSync(join(dir, `${hash}.html`), "<p>archived</p>");
    const r = await send(server.port, `/snapshots/objects/ab/${hash}.html`);
    expect(r.status).toBe(200);
    expect(r.body).toBe("<p>archived</p>");
    expect(String(r.headers["content-security-policy"])).toContain("sandbox");
  });
});

describe("acceptsGzip (big cached pages are kept compressed)", () => {
  it("reads Accept-Encoding as browsers and curl send it, q=0 refusing", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8, *;q=0.1")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("gzip;q=0, deflate")).toBe(false);
    expect(acceptsGzip("x-gzip2")).toBe(false);
  });
});

describe("jingdu serve: notes, progress, search", () => {
  it("saves a note keeping the front matter, refuses a stale save, keeps revisions", async () => {
    const file = join(root, "courses", "limu", "episodes", "002.md");
    const before = readFileSync(file, "utf8");
    const head = before.slice(0, before.indexOf("\n---", 3) + 5);
    const page = await send(server.port, `/_/edit?page=${encodeURIComponent("/courses/limu/2/")}`);
    expect(page.status).toBe(200);
    const hash = /data-hash="([0-9a-f]{64})"/.exec(page.body)?.[1] ?? "";
    const token = server.token;
    const put = (body: string, baseHash: string) =>
      send(
        server.port,
        "/api/notes",
        json(token, { page: "/courses/limu/2/", body, baseHash }, "PUT"),
      );
    const ok = await put("New note $$E=mc^2$$ at 12:34", hash);
    expect(ok.status).toBe(200);
    const after = readFileSync(file, "utf8");
    expect(after).toBe(`${head}New note $$E=mc^2$$ at 12:34\n`);
    const rendered = await send(server.port, "/courses/limu/2/");
    expect(rendered.body).toContain('class="katex');
    expect(rendered.body).toMatch(/t=754/);

    const stale = await put("stale edit", hash);
    expect(stale.status).toBe(409);
    const conflict = JSON.parse(stale.body);
    expect(conflict.yours).toBe("stale edit");
    expect(conflict.disk).toBe("New note $$E=mc^2$$ at 12:34");
    expect(readFileSync(file, "utf8")).toBe(after);

    const revisions = readdirSync(join(root, "revisions", "courses", "limu", "episodes", "002.md"));
    expect(revisions).toHaveLength(1);
    expect(
      readFileSync(
        join(root, "revisions", "courses/limu/episodes/002.md", revisions[0] ?? ""),
        "utf8",
      ),
    ).toBe(before);

    const restore = await send(
      server.port,
      "/api/restore",
      json(token, { file: "courses/limu/episodes/002.md", revision: revisions[0] }),
    );
    expect(restore.status).toBe(200);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("marks an episode done and the course total changes at once", async () => {
    const total = (body: string) => /class="totals">(.*?)<\/p>/s.exec(body)?.[1] ?? "";
    const before = total((await send(server.port, "/courses/limu/")).body);
    const r = await send(
      server.port,
      "/api/progress",
      json(server.token, { course: "limu", number: 3, status: "done" }),
    );
    expect(r.status).toBe(200);
    const after = total((await send(server.port, "/courses/limu/")).body);
    expect(after).not.toBe(before);
    expect(after).toContain("1");
    expect(readFileSync(join(root, "progress.yaml"), "utf8")).toMatch(/3: \{ ?status: done/);
  });

  it("searches notes through the FTS index, grouped by kind with <mark>", async () => {
    const r = await send(server.port, `/api/search?q=${encodeURIComponent("残差")}`);
    const data = JSON.parse(r.body) as {
      groups: { kind: string; results: { snippet: string; href: string }[] }[];
    };
    expect(data.groups.map((g) => g.kind)).toContain("episode");
    expect(data.groups.flatMap((g) => g.results)[0]?.snippet).toContain("<mark>残差</mark>");
  });

  it("escapes what search returns", async () => {
    const file = join(root, "papers", "resnet.md");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, `${text.trimEnd()}\n\nzzqq <img src=x onerror=alert(1)> zzqq\n`);
    await server.reload();
    const r = await send(server.port, `/api/search?q=zzqq`);
    expect(r.body).toContain("&lt;img");
    expect(r.body).not.toContain("<img");
  });
});

describe("jingdu serve: starting from the parsed-library cache", () => {
  it("serves from the cache at once, then picks up a file changed while no server ran", async () => {
    const lib = await demoLibrary("jingdu-serve-swr-");
    await loadLibraryCached(lib, { racyMs: 0 });
    await new Promise((r) => setTimeout(r, 20));
    const file = join(lib, "papers", "resnet.md");
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n\nswrchangedmarker\n`);
    const s = await startServer({ root: lib, port: 0, now, watch: false });
    try {
      expect((await send(s.port, "/papers/resnet/")).status).toBe(200);
      let body = "";
      for (let i = 0; i < 200 && !body.includes("swrchangedmarker"); i++) {
        await new Promise((r) => setTimeout(r, 50));
        body = (await send(s.port, "/papers/resnet/")).body;
      }
      expect(body).toContain("swrchangedmarker");
    } finally {
      await s.close();
      rmSync(dirname(lib), { recursive: true, force: true });
    }
  });
});

describe("jingdu serve: the library's problems", () => {
  it("tells them with file:line once loaded, and again when a change on disk adds or fixes one", async () => {
    const lib = await demoLibrary("jingdu-serve-problems-");
    const broken = join(lib, "papers", "broken.md");
    writeFileSync(broken, "---\nshort: [unclosed\n---\nnotes\n");
    const told: string[][] = [];
    const s = await startServer({
      root: lib,
      port: 0,
      now,
      watch: false,
      onProblems: (problems) => told.push(problems.map((d) => `${d.file}:${d.line}`)),
    });
    try {
      for (let i = 0; i < 200 && told.length === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      // The YAML parser notices the unclosed list where the front matter ends.
      expect(told).toEqual([["papers/broken.md:3"]]);
      // Unchanged problems are not told again.
      await s.reload();
      expect(told).toHaveLength(1);
      writeFileSync(broken, "---\nshort: Fixed\n---\nnotes\n");
      await s.reload();
      expect(told).toEqual([["papers/broken.md:3"], []]);
    } finally {
      await s.close();
      rmSync(dirname(lib), { recursive: true, force: true });
    }
  });
});

describe("jingdu serve: a change on disk whose paths are known", () => {
  it("reads a new file of files/ without reloading the library, and ignores an editor's swap file", async () => {
    const lib = await demoLibrary("jingdu-serve-paths-");
    const s = await startServer({ root: lib, port: 0, now, watch: false });
    try {
      expect((await send(s.port, "/files/new-figure.png")).status).toBe(404);
      mkdirSync(join(lib, "files"), { recursive: true });
      writeFileSync(join(lib, "files", "new-figure.png"), "png bytes");
      writeFileSync(join(lib, "papers", "4913"), "");
      // A paper changed too but not named: only what was named is read again.
      const resnet = join(lib, "papers", "resnet.md");
      writeFileSync(resnet, `${readFileSync(resnet, "utf8").trimEnd()}\n\nunnamedchangemarker\n`);
      await s.reload(["files/new-figure.png", "papers/4913"]);
      const figure = await send(s.port, "/files/new-figure.png");
      expect(figure.status).toBe(200);
      expect(figure.body).toBe("png bytes");
      expect((await send(s.port, "/papers/resnet/")).body).not.toContain("unnamedchangemarker");
      await s.reload(["papers/resnet.md"]);
      expect((await send(s.port, "/papers/resnet/")).body).toContain("unnamedchangemarker");
    } finally {
      await s.close();
      rmSync(dirname(lib), { recursive: true, force: true });
    }
  });
});
