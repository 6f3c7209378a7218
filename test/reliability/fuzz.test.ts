import { readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStudyLog } from "../../src/formats/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { checkLibrary, loadLibrary, loadLibraryCached } from "../../src/store/index.js";
import { demoLibrary } from "../support/demo-library.js";
import { apiRequest, libraryFile, studyLog } from "./fuzz-inputs.js";

/**
 * The fuzzer of issue 14: arbitrary input to the study-log importer, the library loader and the
 * web app's API. Each must end without a crash (a throw, a 5xx, an unhandled rejection) and
 * without a hang (each input timed against a bound), and every input it refuses must be named
 * (the file and line of a diagnostic, or a message in the response).
 */
const FULL = process.env.JINGDU_RELIABILITY === "full";
const RUNS = { importer: FULL ? 1000 : 200, loader: FULL ? 1000 : 60, api: FULL ? 1000 : 150 };
/** A bound far above any honest input (milliseconds); the slowest seen is printed. */
const HANG_MS = { importer: 3_000, loader: 10_000, api: 10_000 };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});

const lineCount = (text: string) => text.split(/\r\n|\r|\n/).length;

describe("the fuzzer: no crash, no hang, every refusal named", () => {
  it("the study-log importer", () => {
    let slowest = 0;
    let withErrors = 0;
    let runs = 0;
    fc.assert(
      fc.property(studyLog, (text) => {
        runs++;
        const started = performance.now();
        const result = parseStudyLog(text, { file: "fuzz.md", courseId: "c" });
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(HANG_MS.importer);
        const lines = lineCount(text);
        for (const d of result.diagnostics) {
          expect(d.file).toBe("fuzz.md");
          expect(Number.isInteger(d.line) && d.line >= 0 && d.line <= lines + 1).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
        }
        if (result.diagnostics.some((d) => d.level === "error")) withErrors++;
        if (text.includes("\u0000")) {
          expect(result.diagnostics.map((d) => d.rule)).toContain("not-text");
        }
        expect(result.diagnostics.some((d) => d.rule === "import-failed")).toBe(false);
      }),
      { numRuns: RUNS.importer },
    );
    console.log(
      `reliability: fuzz importer: ${runs} inputs, ${runs} passed: 0 crashes, 0 hangs (slowest ${slowest.toFixed(0)} ms, bound ${HANG_MS.importer} ms), ${withErrors} with errors all naming fuzz.md and a line`,
    );
  }, 600_000);

  it("the library loader and doctor, on arbitrary files written into a library", async () => {
    const root = await demoLibrary("jingdu-fuzz-load-");
    const originals = new Map<string, Buffer | undefined>();
    const remember = (path: string) => {
      if (originals.has(path)) return;
      try {
        originals.set(path, readFileSync(join(root, path)));
      } catch {
        originals.set(path, undefined);
      }
    };
    let slowest = 0;
    let skipped = 0;
    let runs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(libraryFile, { minLength: 1, maxLength: 4 }), async (files) => {
          runs++;
          const written = new Map<string, Buffer>();
          for (const f of files) written.set(f.path, f.bytes);
          for (const [path, bytes] of written) {
            remember(path);
            writeFileSync(join(root, path), bytes);
          }
          try {
            const started = performance.now();
            const loaded =
              runs % 2 === 0
                ? await loadLibrary(root)
                : await loadLibraryCached(root, { racyMs: 0 });
            const problems = [...loaded.diagnostics, ...checkLibrary(loaded)];
            const ms = performance.now() - started;
            slowest = Math.max(slowest, ms);
            expect(ms).toBeLessThan(HANG_MS.loader);
            for (const d of problems) {
              expect(typeof d.file === "string" && d.file.length > 0).toBe(true);
              expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
            }
            // The rest of the library still loads: a paper no fuzzed file touched is there.
            expect(loaded.library.papers.some((p) => p.id === "alexnet")).toBe(true);
            // A fuzzed paper that did not load is named by a diagnostic of its own.
            for (const path of written.keys()) {
              if (path !== "papers/fuzz.md") continue;
              if (loaded.library.papers.some((p) => p.id === "fuzz")) continue;
              skipped++;
              expect(problems.some((d) => d.file === path && d.level === "error")).toBe(true);
            }
            // Bytes that are not UTF-8 are reported, and a load never rewrites them.
            for (const [path, bytes] of written) {
              expect(readFileSync(join(root, path)).equals(bytes)).toBe(true);
              if (!bytes.toString("utf8").includes("\uFFFD")) continue;
              if (!Buffer.from(bytes.toString("utf8")).equals(bytes)) {
                expect(problems.some((d) => d.file === path && d.rule === "not-utf8")).toBe(true);
              }
            }
          } finally {
            for (const path of written.keys()) {
              const was = originals.get(path);
              if (was) writeFileSync(join(root, path), was);
              else unlinkSync(join(root, path));
            }
          }
        }),
        { numRuns: RUNS.loader },
      );
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
    console.log(
      `reliability: fuzz loader: ${runs} libraries of 1-4 fuzzed files, ${runs} passed: 0 crashes, 0 hangs (slowest load+doctor ${slowest.toFixed(0)} ms, bound ${HANG_MS.loader} ms), the rest loaded every time, ${skipped} skipped papers each named with an error`,
    );
  }, 600_000);

  describe("the web app's API", () => {
    let root: string;
    let server: RunningServer;
    beforeAll(async () => {
      root = await demoLibrary("jingdu-fuzz-api-");
      server = await startServer({ root, port: 0, now: () => new Date(), watch: false });
    });
    afterAll(async () => {
      await server?.close();
      rmSync(dirname(root), { recursive: true, force: true });
    });

    it("arbitrary JSON bodies, paths and headers to /api/*", async () => {
      let slowest = 0;
      let refused = 0;
      let runs = 0;
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(apiRequest, async (req) => {
          runs++;
          const started = performance.now();
          const reply = await send(server, req);
          const ms = performance.now() - started;
          slowest = Math.max(slowest, ms);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          expect(reply.status, `${req.method} ${req.path}: hung`).not.toBe(-1);
          // 501 is the app's answer to an add without sources (this test passes none).
          const deliberate = reply.status === 501 && req.path.startsWith("/api/add/");
          expect(
            reply.status >= 500 && !deliberate,
            `${req.method} ${req.path} → ${reply.status}: ${reply.body.slice(0, 200)}`,
          ).toBe(false);
          if (reply.status >= 400) {
            refused++;
            expect(
              reply.body.trim().length,
              `${req.method} ${req.path} → ${reply.status}`,
            ).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS.api },
      );
      // Still serving after all of it.
      const home = await send(server, {
        method: "GET",
        path: "/",
        token: "none",
        host: "own",
        contentType: "none",
        body: "",
      });
      expect(home.status).toBe(200);
      expect(unhandled).toEqual([]);
      const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`);
      console.log(
        `reliability: fuzz api: ${runs} requests, ${runs} passed: 0 crashes (no 5xx, no unhandled rejection), 0 hangs (slowest ${slowest.toFixed(0)} ms, bound ${HANG_MS.api} ms), ${refused} refused each with a message; statuses ${byStatus.join(" ")}`,
      );
    }, 600_000);
  });
});

interface FuzzRequest {
  method: string;
  path: string;
  token: string;
  host: string;
  contentType: string;
  body: string;
}

/** Sends one request byte for byte; status -1 when no answer came within the hang bound. */
function send(server: RunningServer, req: FuzzRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      host: req.host === "own" ? `127.0.0.1:${server.port}` : req.host,
    };
    if (req.token === "right") headers["x-jingdu-token"] = server.token;
    if (req.token === "wrong") headers["x-jingdu-token"] = "not-the-token";
    if (req.contentType !== "none") headers["content-type"] = req.contentType;
    const hasBody = req.method !== "GET" && req.body !== "";
    if (hasBody) headers["content-length"] = String(Buffer.byteLength(req.body));
    const r = request(
      { host: "127.0.0.1", port: server.port, path: req.path, method: req.method, headers },
      (res) => {
        // The event stream never ends by design: its answer is its status and headers.
        if (String(res.headers["content-type"]).startsWith("text/event-stream")) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, body: "stream" });
          return;
        }
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    r.setTimeout(HANG_MS.api, () => {
      r.destroy();
      resolve({ status: -1, body: "" });
    });
    r.on("error", reject);
    if (hasBody) r.write(req.body);
    r.end();
  });
}
