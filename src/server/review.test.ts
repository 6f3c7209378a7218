import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { demoLibrary } from "../../test/support/demo-library.js";
import { httpRequest } from "../../test/support/http-request.js";
import { markForReview, rate } from "../study/index.js";
import { type RunningServer, startServer } from "./index.js";

/** A POST to /api/… (with the token when given) or a GET of a page. */
function post(port: number, path: string, body: unknown, token?: string) {
  const api = path.startsWith("/api/");
  return httpRequest(port, path, {
    method: api ? "POST" : "GET",
    headers: { "content-type": "application/json", ...(token ? { "x-jingdu-token": token } : {}) },
    ...(api ? { body: JSON.stringify(body) } : {}),
  });
}

let root: string;
let server: RunningServer;
let clock = new Date("2026-03-01T10:00:00Z");
const now = () => clock;

beforeAll(async () => {
  root = await demoLibrary("jingdu-review-");
  server = await startServer({ root, port: 0, now, watch: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dirname(root), { recursive: true, force: true });
});

const cards = () =>
  (
    parse(readFileSync(join(root, "reviews.yaml"), "utf8")) as {
      cards: Record<string, { due: string; log: unknown[] }>;
    }
  ).cards;

describe("review API", () => {
  it("refuses to mark or rate without the token", async () => {
    expect((await post(server.port, "/api/review/mark", { page: "/courses/limu/1/" })).status).toBe(
      403,
    );
    expect(
      (await post(server.port, "/api/review", { note: "episode:limu/1", rating: "good" })).status,
    ).toBe(403);
  });

  it("marks a note, lists it as due and rates it with the due date FSRS gives", async () => {
    const marked = await post(
      server.port,
      "/api/review/mark",
      { page: "/courses/limu/1/" },
      server.token,
    );
    expect(marked.status).toBe(200);
    expect(JSON.parse(marked.body).id).toBe("episode:limu/1");
    const card = cards()["episode:limu/1"];
    expect(card?.due).toBe(clock.toISOString());

    const page = await post(server.port, "/_/review", undefined);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-note="episode:limu/1"');
    expect(page.body).toContain('data-rate="good"');

    clock = new Date("2026-03-01T10:05:00Z");
    const rated = await post(
      server.port,
      "/api/review",
      { note: "episode:limu/1", rating: "good" },
      server.token,
    );
    expect(rated.status).toBe(200);
    const expected = rate(
      markForReview({ cards: {} }, "episode:limu/1", new Date("2026-03-01T10:00:00Z")),
      "good",
      clock,
    );
    expect(JSON.parse(rated.body).due).toBe(expected.due);
    expect(cards()["episode:limu/1"]?.due).toBe(expected.due);
    expect(cards()["episode:limu/1"]?.log).toHaveLength(1);

    const after = await post(server.port, "/_/review", undefined);
    expect(after.body).not.toContain('data-note="episode:limu/1"');
  });

  it("rejects unknown ratings and unmarked notes", async () => {
    expect(
      (
        await post(
          server.port,
          "/api/review",
          { note: "episode:limu/1", rating: "meh" },
          server.token,
        )
      ).status,
    ).toBe(400);
    expect(
      (await post(server.port, "/api/review", { note: "paper:nope", rating: "good" }, server.token))
        .status,
    ).toBe(404);
  });
});
