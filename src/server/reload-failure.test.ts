import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoLibrary } from "../../test/support/demo-library.js";
import { httpRequest as send } from "../../test/support/http-request.js";
import { startServer } from "./index.js";

const now = () => new Date("2026-03-01T10:00:00Z");

/** An open live-reload stream (`/api/events`), as a page holds it: what it has received so far. */
function openEvents(port: number) {
  const received = { text: "" };
  const req = request({ host: "127.0.0.1", port, path: "/api/events" }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (c: string) => {
      received.text += c;
    });
  });
  // The test closes the stream itself at the end: the reset that follows is expected.
  req.on("error", () => undefined);
  req.end();
  return { received, close: () => req.destroy() };
}

describe("jingdu serve: a reload that fails after a change on disk", () => {
  it("is reported with its file, shown to open pages, keeps the last good library, then recovers", async () => {
    const lib = await demoLibrary("jingdu-serve-reload-fails-");
    const errors: { error: unknown; during: string; files: string[] | undefined }[] = [];
    const s = await startServer({
      root: lib,
      port: 0,
      now,
      onError: (error, during, files) => errors.push({ error, during, files }),
    });
    const waitFor = async (done: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 150 && !(await done()); i++) await new Promise((r) => setTimeout(r, 40));
    };
    const progress = join(lib, "progress.yaml");
    const total = async () =>
      /class="totals">(.*?)<\/p>/s.exec((await send(s.port, "/courses/limu/")).body)?.[1] ?? "";
    const reloadState = async () =>
      JSON.parse((await send(s.port, "/api/reload")).body) as {
        version: number;
        failure?: { message: string; files?: string[] };
      };
    const before = await total();
    const events = openEvents(s.port);
    await waitFor(() => events.received.text.includes("event: hello"));
    try {
      // progress.yaml turned into a folder: reading it fails with EISDIR.
      rmSync(progress);
      mkdirSync(progress);
      await waitFor(() => errors.length > 0);
      expect(errors[0]?.during).toBe("reload");
      expect(errors[0]?.files).toEqual(["progress.yaml"]);
      expect(String((errors[0] as { error: unknown }).error)).toMatch(/EISDIR/);
      // The last good library is served; the state says why it is not the newest.
      expect(await total()).toBe(before);
      const failed = await reloadState();
      expect(failed.failure?.message).toMatch(/EISDIR/);
      expect(failed.failure?.files).toEqual(["progress.yaml"]);
      await waitFor(() => events.received.text.includes("event: reload-failed"));
      expect(events.received.text).toMatch(
        /event: reload-failed\ndata: \{.*EISDIR.*progress\.yaml/,
      );
      // A page opened while it fails is told at once.
      const late = openEvents(s.port);
      await waitFor(() => late.received.text.includes("event: reload-failed"));
      late.close();
      expect(late.received.text).toMatch(/event: reload-failed/);

      // A file again, with an episode marked done: the watcher's next reload shows it.
      rmSync(progress, { recursive: true });
      writeFileSync(progress, "episodes:\n  limu:\n    1: { status: done, date: 2026-03-01 }\n");
      await waitFor(async () => (await total()) !== before);
      expect(await total()).not.toBe(before);
      expect((await reloadState()).failure).toBeUndefined();
      await waitFor(() => events.received.text.includes("event: reload-ok"));
      expect(events.received.text).toMatch(/event: reload-ok[\s\S]*event: change/);
    } finally {
      events.close();
      await s.close();
      rmSync(dirname(lib), { recursive: true, force: true });
    }
  });
});
