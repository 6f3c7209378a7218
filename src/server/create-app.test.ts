import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDemoApp, openDemoApp, TEST_HOST, TEST_TOKEN } from "../../test/support/demo-app.js";
import { startFakeApi } from "../../test/support/fake-api.js";
import { ConflictError, ERROR_CATALOGUE, type ErrorCode, JingduError } from "../core/index.js";
import { addCourse, addPaper } from "../workspace/index.js";
import { createApp } from "./create-app.js";
import { statusOf } from "./error-answers.js";
import type { LibraryHost } from "./library-host.js";
import { JSON_BODY_LIMIT, NOTE_BODY_LIMIT } from "./middleware/json-body.js";

const TOKEN = TEST_TOKEN;
const HOST = TEST_HOST;

let root: string;
let library: LibraryHost;
let app: Hono;
const failures: unknown[] = [];

beforeAll(async () => {
  ({ root, library, app } = await openDemoApp("jingdu-app-", (error) => failures.push(error)));
});
afterAll(() => closeDemoApp({ root, library }));

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { host: HOST, ...headers } });
const send = (path: string, body: unknown, method = "POST", headers: Record<string, string> = {}) =>
  app.request(path, {
    method,
    headers: {
      host: HOST,
      "content-type": "application/json",
      "x-jingdu-token": TOKEN,
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("createApp, through app.request() (no socket)", () => {
  it("serves a page with the CSP, Hono's secure headers and an ETag; If-None-Match → 304", async () => {
    const r = await get("/");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("referrer-policy")).toBe("same-origin");
    expect(r.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(r.headers.get("strict-transport-security")).toBeNull();
    const etag = r.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}-[0-9a-f]{8}"$/);
    expect(await r.text()).toContain('<meta name="jingdu-token" content="test-token">');
    const again = await get("/", { "if-none-match": `"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("keeps a route's own headers over the secure defaults (an archived image is cross-origin)", async () => {
    const name = `${"ab".repeat(32)}.png`;
    mkdirSync(join(root, "snapshots", "objects", "ab"), { recursive: true });
    writeFileSync(join(root, "snapshots", "objects", "ab", name), "png bytes");
    const r = await get(`/snapshots/objects/ab/${name}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe("png bytes");
    expect(r.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(r.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await get("/")).headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });

  it("refuses a foreign Host (403), a write without the token (403), other methods (405)", async () => {
    expect((await app.request("/", { headers: { host: "evil.example" } })).status).toBe(403);
    const body = JSON.stringify({ course: "limu", number: 1, status: "done" });
    const noToken = await app.request("/api/progress", {
      method: "POST",
      headers: { host: HOST, "content-type": "application/json" },
      body,
    });
    expect(noToken.status).toBe(403);
    expect(
      (await app.request("/api/progress", { method: "PATCH", headers: { host: HOST } })).status,
    ).toBe(405);
  });

  it("answers a body that does not fit the route's schema with 400 and the catalogue's fields", async () => {
    const before = readFileSync(join(root, "progress.yaml"), "utf8");
    const r = await send("/api/progress", { course: "limu", number: "three", status: "done" });
    expect(r.status).toBe(400);
    const answer = (await r.json()) as { code: string; message: string };
    expect(answer.code).toBe("request-invalid");
    expect(answer.message).toBe("number: expected a whole number");
    const status = await send("/api/progress", { course: "limu", number: 1, status: "finished" });
    expect(status.status).toBe(400);
    const notJson = await send("/api/progress", "{course: limu");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe("request-invalid");
    expect(readFileSync(join(root, "progress.yaml"), "utf8")).toBe(before);
  });

  it("answers an unknown episode, paper or revision with 404 and its code", async () => {
    const episode = await send("/api/progress", { course: "limu", number: 999, status: "done" });
    expect(episode.status).toBe(404);
    expect(await episode.json()).toMatchObject({ code: "unknown-episode" });
    const paper = await send("/api/pass", { paper: "no-such-paper", pass: 1 });
    expect(paper.status).toBe(404);
    expect(await paper.json()).toMatchObject({ code: "unknown-paper" });
    const revision = await send("/api/restore", { file: "papers/resnet.md", revision: "nope.md" });
    expect(revision.status).toBe(404);
    expect(await revision.json()).toMatchObject({
      code: "unknown-revision",
      hint: expect.stringContaining("jingdu revisions"),
    });
  });

  it("answers every refusal with the status and hint its code has in the error catalogue", async () => {
    const answers = [
      await send("/api/progress", { course: "limu", number: "three", status: "done" }),
      await send("/api/progress", { course: "nope", number: 1, status: "done" }),
      await send("/api/progress", { course: "limu", number: 1, status: "watching", position: "x" }),
      await send("/api/pass", { paper: "no-such-paper", pass: 1 }),
    ];
    const codes: string[] = [];
    for (const r of answers) {
      const body = (await r.json()) as { code: ErrorCode; message: string; hint?: string };
      codes.push(body.code);
      expect(r.status, body.code).toBe(ERROR_CATALOGUE[body.code].status);
      expect(body.message).not.toBe("");
      expect(r.headers.get("cache-control")).toBe("no-store");
    }
    expect(codes).toEqual(["request-invalid", "unknown-course", "bad-time", "unknown-paper"]);
    // The reload state open pages are told on the live-reload stream: no failure here.
    const reload = await app.request("/api/reload", { headers: { host: HOST } });
    expect(await reload.json()).toEqual({ version: expect.any(Number) });
  });

  it("caps bodies: 1 MB for JSON, 8 MB for a note save, chunked bodies too (413)", async () => {
    const file = join(root, "courses", "limu", "episodes", "003.md");
    const before = readFileSync(file, "utf8");
    const big = "x".repeat(JSON_BODY_LIMIT + 1);
    const progress = await send("/api/progress", {
      course: "limu",
      number: 1,
      status: "done",
      position: big,
    });
    expect(progress.status).toBe(413);
    expect(await progress.json()).toMatchObject({ code: "request-too-large" });
    // A note of 2 MB is saved (conflict here: the base is stale), one past 8 MB is refused.
    const page = "/courses/limu/3/";
    const twoMb = await send(
      "/api/notes",
      { page, body: "y".repeat(2 * 1024 * 1024), baseHash: "0" },
      "PUT",
    );
    expect(twoMb.status).toBe(409);
    const huge = await send(
      "/api/notes",
      { page, body: "y".repeat(NOTE_BODY_LIMIT), baseHash: "0" },
      "PUT",
    );
    expect(huge.status).toBe(413);
    // Without Content-Length (chunked): counted as it streams in.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const piece = new TextEncoder().encode("z".repeat(256 * 1024));
        for (let i = 0; i < 8; i++) controller.enqueue(piece);
        controller.close();
      },
    });
    const chunked = await app.request("/api/review/mark", {
      method: "POST",
      headers: { host: HOST, "content-type": "application/json", "x-jingdu-token": TOKEN },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("a stale save is a 409 with both versions and the write-conflict code; nothing is written", async () => {
    const file = join(root, "papers", "resnet.md");
    const before = readFileSync(file, "utf8");
    const r = await send(
      "/api/notes",
      { page: "/papers/resnet/", body: "mine", baseHash: "f".repeat(64) },
      "PUT",
    );
    expect(r.status).toBe(409);
    const answer = (await r.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ code: "write-conflict", conflict: true, yours: "mine" });
    expect(answer.diskHash).toBe(createHash("sha256").update(before).digest("hex"));
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("an unexpected failure is a 500 with a code and no stack, and is reported", async () => {
    // progress.yaml turned into a folder: the store's write fails with EISDIR.
    const progress = join(root, "progress.yaml");
    const kept = readFileSync(progress, "utf8");
    unlinkSync(progress);
    mkdirSync(progress);
    try {
      const r = await send("/api/progress", { course: "limu", number: 1, status: "done" });
      expect(r.status).toBe(500);
      const text = await r.text();
      expect(JSON.parse(text)).toMatchObject({ code: "internal-error" });
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(failures.length).toBeGreaterThan(0);
    } finally {
      rmSync(progress, { recursive: true });
      await import("node:fs/promises").then((fs) => fs.writeFile(progress, kept));
    }
  });
});

describe("any JSON body, on every route that takes one", () => {
  it("is answered 2xx, 400, 404 or 409, never 500 (fast-check, 40 bodies a route)", async () => {
    const routes: [string, string][] = [
      ["POST", "/api/preview"],
      ["PUT", "/api/notes"],
      ["POST", "/api/revisions"],
      ["POST", "/api/restore"],
      ["POST", "/api/progress"],
      ["POST", "/api/pass"],
      ["POST", "/api/review"],
      ["POST", "/api/review/mark"],
    ];
    const field = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom("/papers/resnet/", "/courses/limu/1/", "limu", "papers/resnet.md", "good"),
      fc.constantFrom("../../jingdu.yaml", "/courses/limu/0/", "-1", "1e9", ""),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          page: field,
          body: field,
          baseHash: field,
          markdown: field,
          file: field,
          revision: field,
          course: field,
          number: field,
          status: field,
          position: field,
          paper: field,
          pass: field,
          note: field,
          rating: field,
        },
        { requiredKeys: [] },
      ),
    );
    const before = readFileSync(join(root, "papers", "resnet.md"), "utf8");
    failures.length = 0;
    for (const [method, path] of routes) {
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          const r = await send(path, JSON.stringify(value), method);
          const text = await r.text();
          expect(
            [200, 400, 404, 409],
            `${method} ${path} ${JSON.stringify(value)}: ${text}`,
          ).toContain(r.status);
        }),
        { numRuns: 40, seed: 15 },
      );
    }
    expect(failures).toEqual([]);
    // No fuzzed save went through: none had the note's current hash as its base.
    expect(readFileSync(join(root, "papers", "resnet.md"), "utf8")).toBe(before);
  });
});

describe("the add forms' answers", () => {
  it("501 without sources; 502 with the source's message when it fails; 404 for an unknown kind", async () => {
    const without = await send("/api/add/course", { input: "bilibili:BV1wE4m1R7cu" });
    expect(without.status).toBe(501);
    expect(await without.json()).toMatchObject({ code: "sources-unavailable" });

    // Every request to this fake API is answered 501 (nothing recorded): the source fails.
    const api = await startFakeApi();
    try {
      const sources = api.sources();
      const withSources = createApp({
        library,
        token: TOKEN,
        allowedHosts: new Set([HOST]),
        adders: {
          paper: async (input) => {
            const r = await addPaper({ root, sources, library: library.state().library, input });
            return r.paper.title ?? r.paper.short;
          },
          course: async (input) => {
            const r = await addCourse({ root, sources, library: library.state().library, input });
            return r.course.title;
          },
        },
      });
      const request = (kind: string, input: string) =>
        withSources.request(`/api/add/${kind}`, {
          method: "POST",
          headers: { host: HOST, "content-type": "application/json", "x-jingdu-token": TOKEN },
          body: JSON.stringify({ input }),
        });
      const failed = await request("course", "bilibili:BV1wE4m1R7cu");
      expect(failed.status).toBe(502);
      const answer = (await failed.json()) as { code: string; message: string };
      expect(answer.code).toBe("source-failed");
      expect(answer.message).not.toBe("");
      expect(api.count()).toBeGreaterThan(0);
      const snack = await request("snack", "x");
      expect(snack.status).toBe(404);
      expect(await snack.json()).toMatchObject({ code: "unknown-page" });
      expect((await request("course", "   ")).status).toBe(400);
    } finally {
      await api.close();
    }
  });
});

describe("statusOf: the HTTP status of a catalogue error", () => {
  it("maps a conflict to 409, a usage error to 400, an unknown id to 404, as the catalogue says", () => {
    expect(statusOf(new ConflictError("papers/x.md"))).toBe(409);
    expect(statusOf(new JingduError("bad-time", "no"))).toBe(400);
    expect(statusOf(new JingduError("unknown-course", "no"))).toBe(404);
    expect(statusOf(new JingduError("internal-error", "no"))).toBe(500);
    expect(statusOf(new JingduError("timeout", "no"))).toBe(504);
  });
});

describe("the resolve page's answers", () => {
  it("501 without sources; 404 for a paper the catalog lacks; 400 for a body of another shape", async () => {
    const page = await get("/_/resolve");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("元数据来源");
    const without = await send("/api/resolve", { paper: "resnet" });
    expect(without.status).toBe(501);
    expect(await without.json()).toMatchObject({ code: "sources-unavailable" });

    const asked: string[] = [];
    const withResolver = createApp({
      library,
      token: TOKEN,
      allowedHosts: new Set([HOST]),
      resolver: {
        resolve: async (paper) => {
          asked.push(paper);
          return { kind: "not-found" };
        },
        choose: async () => ({ kind: "not-found" }),
      },
    });
    const post = (path: string, body: unknown) =>
      withResolver.request(path, {
        method: "POST",
        headers: { host: HOST, "content-type": "application/json", "x-jingdu-token": TOKEN },
        body: JSON.stringify(body),
      });
    const unknown = await post("/api/resolve", { paper: "no-such-paper" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "unknown-paper" });
    const shape = await post("/api/resolve/choose", { paper: "resnet" });
    expect(shape.status).toBe(400);
    expect(await shape.json()).toMatchObject({ code: "request-invalid" });
    expect(asked).toEqual([]);
    const ok = await post("/api/resolve", { paper: "resnet" });
    expect(await ok.json()).toEqual({ kind: "not-found" });
    expect(asked).toEqual(["resnet"]);
  });
});
