/** The response cache in files: what a later run reads back, and what it refuses to read. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { startFakeApiServer } from "../../test/support/fake-api-server.js";
import { localOnlyTransport, testSettings } from "../../test/support/test-sources.js";
import { createFileCache } from "./cache.js";
import { createSources } from "./sources.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function cacheDir(): string {
  const root = mkdtempSync(join(tmpdir(), "jingdu-cache-"));
  dirs.push(root);
  return join(root, ".jingdu", "cache", "s2");
}
const entry = (key: string, body: string) => ({ key, storedAt: 1, status: 200, body });

it("reads back what it stored, in a new cache over the same folder, with no temp file left", async () => {
  const dir = cacheDir();
  await createFileCache(dir).put(entry("GET https://x/a", '{"a":1}'));
  await createFileCache(dir).put(entry("GET https://x/b", '{"b":2}'));
  const later = createFileCache(dir);
  expect(await later.get("GET https://x/a")).toEqual(entry("GET https://x/a", '{"a":1}'));
  expect((await later.get("GET https://x/b"))?.body).toBe('{"b":2}');
  expect(await later.get("GET https://x/c")).toBeUndefined();
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  expect(readdirSync(dir)).toHaveLength(2);
});

it("many puts of one key at once leave one whole entry; a damaged or foreign file is no answer", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  const bodies = Array.from({ length: 20 }, (_, i) => `${"x".repeat(50_000)}${i}`);
  await Promise.all(bodies.map((b) => cache.put(entry("GET https://x/a", b))));
  const [file] = readdirSync(dir);
  expect(readdirSync(dir)).toHaveLength(1);
  expect(bodies).toContain((await cache.get("GET https://x/a"))?.body);
  // Cut short (a power cut after the rename, the data not yet on disk): asked again.
  const path = join(dir, file as string);
  writeFileSync(path, readFileSync(path, "utf8").slice(0, 100));
  expect(await cache.get("GET https://x/a")).toBeUndefined();
  // Another request's answer under this name (a collision, a hand edit): not this one's.
  writeFileSync(path, JSON.stringify(entry("GET https://x/other", "{}")));
  expect(await cache.get("GET https://x/a")).toBeUndefined();
  await cache.put(entry("GET https://x/a", "again"));
  expect((await cache.get("GET https://x/a"))?.body).toBe("again");
});

it("stores again after its folder was deleted while the process runs", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  await cache.put(entry("GET https://x/a", "1"));
  rmSync(dir, { recursive: true, force: true });
  await cache.put(entry("GET https://x/a", "2"));
  expect((await cache.get("GET https://x/a"))?.body).toBe("2");
});

it("serves an answer to the same request again while it is still being written", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  const stored = cache.put(entry("GET https://x/a", "fresh"));
  // Not waited for (as the HTTP client does): read at once, from memory, then from the file.
  expect((await cache.get("GET https://x/a"))?.body).toBe("fresh");
  expect(await cache.get("GET https://x/b")).toBeUndefined();
  await stored;
  expect((await createFileCache(dir).get("GET https://x/a"))?.body).toBe("fresh");
});

it("the sources a command makes ask S2 once for two same searches, and keep the answer on disk", async () => {
  const api = await startFakeApiServer();
  const root = dirname(dirname(dirname(cacheDir())));
  try {
    api.handle({ method: "GET", path: "/graph/v1/paper/search" }, () => ({
      status: 200,
      body: JSON.stringify({
        total: 1,
        offset: 0,
        data: [{ paperId: "a".repeat(40), title: "A" }],
      }),
    }));
    const sources = createSources({
      settings: testSettings(api.url),
      libraryRoot: root,
      transport: localOnlyTransport,
      sleep: async () => undefined,
    });
    const first = await sources.s2.searchPapers("A", { limit: 5 });
    const again = await sources.s2.searchPapers("A", { limit: 5 });
    expect(again.value).toEqual(first.value);
    expect(api.count({ path: "/graph/v1/paper/search" })).toBe(1);
    // On disk soon after (the client did not wait for it): one entry, read by a later command.
    const files = () =>
      existsSync(join(root, ".jingdu/cache"))
        ? readdirSync(join(root, ".jingdu/cache"), { recursive: true }).filter((f) =>
            String(f).endsWith(".json"),
          )
        : [];
    for (let i = 0; i < 200 && files().length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(files()).toHaveLength(1);
    const later = createSources({
      settings: testSettings(api.url),
      libraryRoot: root,
      transport: localOnlyTransport,
      sleep: async () => undefined,
    });
    expect((await later.s2.searchPapers("A", { limit: 5 })).value).toEqual(first.value);
    expect(api.count({ path: "/graph/v1/paper/search" })).toBe(1);
  } finally {
    await api.close();
  }
});
