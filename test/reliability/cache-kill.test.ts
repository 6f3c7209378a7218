/**
 * A kill -9 while the response cache writes an entry (`.jingdu/cache/<source>/`, written without
 * the client waiting): what the next writing command's cleanup leaves is whole entries only, no
 * temp file of the killed process.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createFileCache } from "../../src/sources/index.js";
import { removeStaleFiles } from "../../src/store/index.js";
import { runTsxChild } from "../support/tsx-child.js";

const root = mkdtempSync(join(tmpdir(), "jingdu-cache-kill-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("a temp file a kill -9 left in the response cache is removed by the cleanup before a write", async () => {
  const dir = join(root, ".jingdu", "cache", "semantic-scholar");
  const { child, done } = runTsxChild("test/support/cache-writer-child.ts", [dir]);
  const temps = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".tmp")) : []);
  // Killed while an entry of 8 MiB is being written (after one was stored whole).
  for (let i = 0; i < 3000 && (temps().length === 0 || readdirSync(dir).length < 2); i++)
    await new Promise((r) => setTimeout(r, 5));
  expect(temps()).toHaveLength(1);
  child.kill("SIGKILL");
  expect((await done).signal).toBe("SIGKILL");
  expect(temps()).toHaveLength(1);

  const removed = await removeStaleFiles(root);
  expect(temps()).toEqual([]);
  expect(removed).toHaveLength(1);
  expect(removed[0]).toMatch(/^\.jingdu\/cache\/semantic-scholar\/.+\.tmp$/);
  // What is left are whole entries, each read back as stored.
  const entries = readdirSync(dir);
  expect(entries.length).toBeGreaterThan(0);
  const cache = createFileCache(dir);
  for (let i = 0; i < entries.length; i++) {
    const got = await cache.get(`GET https://x/${i}`);
    expect(got?.body).toHaveLength(8 * 1024 * 1024);
  }
});
