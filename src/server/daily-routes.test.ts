import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDemoApp, openDemoApp, TEST_HOST, TEST_TOKEN } from "../../test/support/demo-app.js";
import type { LibraryHost } from "./library-host.js";

/** The daily routes (routes/daily.ts) through app.request(): what they refuse, what they write. */
const TOKEN = TEST_TOKEN;
const HOST = TEST_HOST;

let root: string;
let library: LibraryHost;
let app: Hono;

beforeAll(async () => {
  ({ root, library, app } = await openDemoApp("jingdu-daily-routes-"));
});
afterAll(() => closeDemoApp({ root, library }));

const send = (path: string, body: unknown, token = TOKEN) =>
  app.request(path, {
    method: "POST",
    headers: { host: HOST, "content-type": "application/json", "x-jingdu-token": token },
    body: JSON.stringify(body),
  });
const progress = () => readFileSync(join(root, "progress.yaml"), "utf8");

describe("the daily routes", () => {
  it("refuse without the token, an unknown paper, a rating outside 1–5", async () => {
    expect((await send("/api/pass/undo", { paper: "transformer", pass: 1 }, "nope")).status).toBe(
      403,
    );
    const unknown = await send("/api/sections", { paper: "no-such-paper", sections: [] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe("unknown-paper");
    const bad = await send("/api/value", {
      paper: "transformer",
      novelty: 9,
      effectiveness: 1,
      problemSize: 1,
    });
    expect(bad.status).toBe(400);
  });

  it("undo a pass, set the checklist and the value, and the page shows them", async () => {
    expect((await send("/api/pass", { paper: "transformer", pass: 2 })).status).toBe(200);
    expect(progress()).toMatch(/pass: 2/);
    const undo = await send("/api/pass/undo", { paper: "transformer", pass: 2 });
    expect(await undo.json()).toEqual({ ok: true, undone: true });
    expect(progress()).not.toMatch(/pass: 2/);
    const again = await send("/api/pass/undo", { paper: "transformer", pass: 2 });
    expect(await again.json()).toEqual({ ok: true, undone: false });

    const sections = await send("/api/sections", {
      paper: "transformer",
      sections: ["method", "title"],
    });
    expect(((await sections.json()) as { sections: string[] }).sections).toEqual([
      "title",
      "method",
    ]);
    await send("/api/value", {
      paper: "transformer",
      novelty: 2,
      effectiveness: 3,
      problemSize: 4,
    });
    expect(progress()).toMatch(/value: \{ ?novelty: 2, effectiveness: 3, problemSize: 4 ?\}/);
    const page = await (
      await app.request("/papers/transformer/", { headers: { host: HOST } })
    ).text();
    expect(page).toContain('data-section="method" data-label=');
    expect(page).toMatch(/data-section="method"[^>]*data-checked/);
    expect(page).toContain('data-novelty="2"');
  });
});
