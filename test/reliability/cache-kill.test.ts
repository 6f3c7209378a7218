/**
 * A kill -9 while the response cache appends an entry to its journal (`.jingdu/cache/<source>/`,
 * written without the client waiting): every entry stored before reads back whole, the one cut
 * is no answer, the next one stored after it reads back, and no file is left for a cleanup.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createFileCache } from "../../src/sources/index.js";
import { removeStaleFiles } from "../../src/store/index.js";
import { runTsxChild } from "../support/tsx-child.js";

const root = mkdtempSync(join(tmpdir(), "jingdu-cache-kill-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("a kill -9 mid-append leaves whole entries, at most the one cut lost, and appends go on", async () => {
  const dir = join(root, ".jingdu", "cache", "semantic-scholar");
  const { child, done } = runTsxChild("test/support/cache-writer-child.ts", [dir]);
  const size = () =>
    existsSync(join(dir, "answers.jsonl")) ? statSync(join(dir, "answers.jsonl")).size : 0;
  // Killed while it appends entries of 8 MiB one after another (after two were stored whole).
  const entryBytes = 8 * 1024 * 1024;
  for (let i = 0; i < 3000 && size() < 2.5 * entryBytes; i++)
    await new Promise((r) => setTimeout(r, 5));
  child.kill("SIGKILL");
  expect((await done).signal).toBe("SIGKILL");

  expect(await removeStaleFiles(root)).toEqual([]);
  // The journal, and the old one if the child wrote past 32 MiB before the kill came.
  const files = readdirSync(dir);
  expect(files.filter((f) => f !== "answers.jsonl" && f !== "answers.old.jsonl")).toEqual([]);
  const cache = createFileCache(dir);
  const whole: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const got = await cache.get(`GET https://x/${i}`);
    if (got === undefined) break;
    expect(got.body).toHaveLength(entryBytes);
    whole.push(i);
  }
  expect(whole.length).toBeGreaterThanOrEqual(2);
  // What the journal holds past the whole entries is at most one entry, cut: no answer.
  const total = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  expect(total).toBeLessThan((whole.length + 1) * (entryBytes + 100));
  await cache.put({ key: "GET https://x/after", storedAt: 1, status: 200, body: "after" });
  const later = createFileCache(dir);
  expect((await later.get("GET https://x/after"))?.body).toBe("after");
  for (const i of whole)
    expect((await later.get(`GET https://x/${i}`))?.body).toHaveLength(entryBytes);
});
