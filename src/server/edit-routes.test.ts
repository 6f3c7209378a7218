import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDemoApp, openDemoApp, TEST_HOST, TEST_TOKEN } from "../../test/support/demo-app.js";
import type { LibraryHost } from "./library-host.js";

/** The editing routes (routes/edits.ts) through app.request(): what they refuse, what they write. */
let root: string;
let library: LibraryHost;
let app: Hono;

beforeAll(async () => {
  ({ root, library, app } = await openDemoApp("jingdu-edit-routes-"));
});
afterAll(() => closeDemoApp({ root, library }));

const send = (path: string, body: unknown, opts: { token?: string; method?: string } = {}) =>
  app.request(path, {
    method: opts.method ?? "POST",
    headers: {
      host: TEST_HOST,
      "content-type": "application/json",
      "x-jingdu-token": opts.token ?? TEST_TOKEN,
    },
    body: JSON.stringify(body),
  });
const codeOf = async (r: Response) => ((await r.json()) as { code: string }).code;
const read = (file: string) => readFileSync(join(root, file), "utf8");
const hashOf = async (page: string) => {
  const r = await app.request(`/_/details?page=${encodeURIComponent(page)}`, {
    headers: { host: TEST_HOST },
  });
  expect(r.status).toBe(200);
  return /data-hash="([0-9a-f]+)"/.exec(await r.text())?.[1] ?? "";
};

describe("the editing routes", () => {
  it("refuse without the token, an unknown page, a bad value, a stale base", async () => {
    const page = "/papers/resnet/";
    const baseHash = await hashOf(page);
    const fields = { year: 2016 };
    const noToken = await send(
      "/api/fields",
      { page, baseHash, fields },
      { method: "PUT", token: "x" },
    );
    expect(noToken.status).toBe(403);
    const unknown = await send(
      "/api/fields",
      { page: "/papers/nope/", baseHash, fields },
      { method: "PUT" },
    );
    expect(unknown.status).toBe(404);
    expect(await codeOf(unknown)).toBe("unknown-page");
    const before = read("papers/resnet.md");
    const badYear = await send(
      "/api/fields",
      { page, baseHash, fields: { year: "soon" } },
      { method: "PUT" },
    );
    expect(badYear.status).toBe(400);
    expect(await codeOf(badYear)).toBe("bad-field");
    const badCategory = await send(
      "/api/fields",
      { page, baseHash, fields: { categories: ["no-such-category"] } },
      { method: "PUT" },
    );
    expect(await codeOf(badCategory)).toBe("unknown-category");
    const noShort = await send(
      "/api/fields",
      { page, baseHash, fields: { short: " " } },
      { method: "PUT" },
    );
    expect(await codeOf(noShort)).toBe("bad-field");
    expect(read("papers/resnet.md")).toBe(before);

    // Saved on the right base; the same base again is stale: 409 with what the file holds.
    const ok = await send("/api/fields", { page, baseHash, fields }, { method: "PUT" });
    expect(ok.status).toBe(200);
    expect(read("papers/resnet.md")).toMatch(/^year: 2016$/m);
    const stale = await send(
      "/api/fields",
      { page, baseHash, fields: { year: 2015 } },
      { method: "PUT" },
    );
    expect(stale.status).toBe(409);
    const answer = (await stale.json()) as { code: string; disk: { year: number } };
    expect(answer.code).toBe("write-conflict");
    expect(answer.disk.year).toBe(2016);
    expect(read("papers/resnet.md")).toMatch(/^year: 2016$/m);
  });

  it("deletes a paper into revisions/ and restores it; refuses a course", async () => {
    const before = read("papers/vgg.md");
    const del = await send("/api/delete", { page: "/papers/vgg/" });
    expect(del.status).toBe(200);
    const { file, revision, next } = (await del.json()) as Record<string, string>;
    expect([file, next]).toEqual(["papers/vgg.md", "/papers/"]);
    expect(existsSync(join(root, "papers/vgg.md"))).toBe(false);
    const list = await app.request("/_/deleted", { headers: { host: TEST_HOST } });
    expect(await list.text()).toContain(`data-restore="${revision}" data-file="papers/vgg.md"`);
    const back = await send("/api/restore", { file, revision });
    expect(((await back.json()) as { page: string }).page).toBe("/papers/vgg/");
    expect(read("papers/vgg.md")).toBe(before);
    const course = await send("/api/delete", { page: "/courses/limu/" });
    expect(course.status).toBe(400);
    expect(await codeOf(course)).toBe("not-deletable");
  });

  it("adds a category once, renames it, refuses a bad language", async () => {
    const add = await send("/api/categories", { name: "Robotics" });
    expect(((await add.json()) as { id: string }).id).toBe("robotics");
    const again = await send("/api/categories", { name: "robotics" });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe("category-exists");
    const empty = await send("/api/categories", { name: "  " });
    expect(await codeOf(empty)).toBe("bad-field");
    const rename = await send("/api/categories/rename", { id: "robotics", name: "Robot Learning" });
    expect(rename.status).toBe(200);
    expect(read("categories.yaml")).toMatch(/- id: robot-learning\n {2}name: Robot Learning\n/);
    const lang = await send("/api/language", { language: "fr" });
    expect(lang.status).toBe(400);
    expect(await codeOf(lang)).toBe("bad-language-setting");
  });

  it("keeps a file edited outside untouched by a save on its old hash", async () => {
    const page = "/papers/alexnet/";
    const baseHash = await hashOf(page);
    const outside = read("papers/alexnet.md").replace("short: AlexNet", "short: AlexNet (edited)");
    writeFileSync(join(root, "papers/alexnet.md"), outside);
    const r = await send(
      "/api/fields",
      { page, baseHash, fields: { venue: "NIPS" } },
      { method: "PUT" },
    );
    expect(r.status).toBe(409);
    expect(read("papers/alexnet.md")).toBe(outside);
  });
});
