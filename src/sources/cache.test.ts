/** The response cache in files: what a later run reads back, and what it refuses to read. */
import { createHash } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { startFakeApiServer } from "../../test/support/fake-api-server.js";
import { localOnlyTransport, testSettings } from "../../test/support/test-sources.js";
import { createFileCache } from "./cache.js";
import { JOURNAL_FILE, JOURNAL_MAX_BYTES, OLD_JOURNAL_FILE } from "./cache-journal.js";
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
/** What a process killed while appending `e` leaves: its line's first `keep` characters. */
function appendCut(path: string, e: ReturnType<typeof entry>, keep: number): void {
  appendFileSync(path, `\n${JSON.stringify(e)}`.slice(0, keep));
}

it("reads back what it stored, in a new cache over the same folder, from one journal file", async () => {
  const dir = cacheDir();
  await createFileCache(dir).put(entry("GET https://x/a", '{"a":1}'));
  await createFileCache(dir).put(entry("GET https://x/b", '{"b":2}'));
  const later = createFileCache(dir);
  expect(await later.get("GET https://x/a")).toEqual(entry("GET https://x/a", '{"a":1}'));
  expect((await later.get("GET https://x/b"))?.body).toBe('{"b":2}');
  expect(await later.get("GET https://x/c")).toBeUndefined();
  // No file created, renamed or removed per answer: one journal for the folder.
  expect(readdirSync(dir)).toEqual([JOURNAL_FILE]);
});

it("many puts of one key leave the last one; a cut line is no answer and keeps the next apart", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  const bodies = Array.from({ length: 20 }, (_, i) => `${"x".repeat(50_000)}${i}`);
  await Promise.all(bodies.map((b) => cache.put(entry("GET https://x/a", b))));
  expect(readdirSync(dir)).toEqual([JOURNAL_FILE]);
  expect((await cache.get("GET https://x/a"))?.body).toBe(bodies.at(-1));
  // A line cut inside its body (a process killed mid-write), then another process's answer.
  const path = join(dir, JOURNAL_FILE);
  await cache.put(entry("GET https://x/b", "b"));
  appendCut(path, entry("GET https://x/b", "b".repeat(1000)), 500);
  await cache.put(entry("GET https://x/c", "after the cut"));
  for (const reader of [cache, createFileCache(dir)]) {
    expect(await reader.get("GET https://x/b")).toBeUndefined();
    expect((await reader.get("GET https://x/c"))?.body).toBe("after the cut");
    expect((await reader.get("GET https://x/a"))?.body).toBe(bodies.at(-1));
  }
  // Cut inside the key itself: that line names no key, and an older answer still stands.
  appendCut(path, entry("GET https://x/a", "lost"), 15);
  await cache.put(entry("GET https://x/d", "d"));
  expect((await createFileCache(dir).get("GET https://x/a"))?.body).toBe(bodies.at(-1));
  expect((await createFileCache(dir).get("GET https://x/d"))?.body).toBe("d");
  // A line naming another key than its own (a hand edit) answers nothing but that key.
  appendFileSync(path, '\n{"key":"GET https://x/e","body":1}\n');
  expect(await createFileCache(dir).get("GET https://x/e")).toBeUndefined();
  await cache.put(entry("GET https://x/a", "again"));
  expect((await cache.get("GET https://x/a"))?.body).toBe("again");
});

it("reads an entry of the cache before the journal (a file per request) unless it names another", async () => {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const name = (key: string) =>
    `${createHash("sha256").update(key).digest("hex").slice(0, 40)}.json`;
  writeFileSync(
    join(dir, name("GET https://x/a")),
    JSON.stringify(entry("GET https://x/a", "old")),
  );
  // Another request's answer under this name (a collision, a hand edit): not this one's.
  writeFileSync(join(dir, name("GET https://x/b")), JSON.stringify(entry("GET https://x/o", "{}")));
  const cache = createFileCache(dir);
  expect((await cache.get("GET https://x/a"))?.body).toBe("old");
  expect(await cache.get("GET https://x/b")).toBeUndefined();
  // A newer answer in the journal wins over the old file.
  await cache.put(entry("GET https://x/a", "new"));
  expect((await createFileCache(dir).get("GET https://x/a"))?.body).toBe("new");
});

it("sets a full journal aside as the old one, and reads both", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  const big = "y".repeat(JOURNAL_MAX_BYTES / 3);
  // Set aside after the third (over the limit) and the sixth: 0–2 fell out with the first.
  for (let i = 0; i < 8; i++) await cache.put(entry(`GET https://x/${i}`, `${big}${i}`));
  expect(readdirSync(dir).sort()).toEqual([JOURNAL_FILE, OLD_JOURNAL_FILE]);
  const total = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  expect(total).toBeLessThan(2 * JOURNAL_MAX_BYTES + big.length);
  for (const reader of [cache, createFileCache(dir)]) {
    // Derived data: what fell out is asked again.
    for (let i = 0; i < 3; i++) expect(await reader.get(`GET https://x/${i}`)).toBeUndefined();
    for (let i = 3; i < 8; i++)
      expect((await reader.get(`GET https://x/${i}`))?.body).toBe(`${big}${i}`);
  }
});

it("a journal this process read is not read again when it is set aside as the old one", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir, { maxJournalBytes: 3000 });
  await cache.put(entry("GET https://x/0", "a".repeat(2000)));
  expect((await cache.get("GET https://x/0"))?.body).toHaveLength(2000);
  // Past the limit: the journal, read through up to here, is set aside.
  await cache.put(entry("GET https://x/1", "b".repeat(2000)));
  expect(readdirSync(dir).sort()).toEqual([OLD_JOURNAL_FILE]);
  // Its first line's key edited in place (same inode, same size): seen only by reading it again.
  const old = join(dir, OLD_JOURNAL_FILE);
  writeFileSync(old, readFileSync(old, "utf8").replace("GET https://x/0", "GET https://x/Z"), {
    flag: "r+",
  });
  expect((await cache.get("GET https://x/1"))?.body).toBe("b".repeat(2000));
  // The line it indexed no longer names its key: no answer, and not read again to find `Z`.
  expect(await cache.get("GET https://x/0")).toBeUndefined();
  expect(await cache.get("GET https://x/Z")).toBeUndefined();
  // A new reader reads the old journal whole.
  expect((await createFileCache(dir).get("GET https://x/Z"))?.body).toHaveLength(2000);
});

it("equals a plain map of the last answers, over many puts by two caches of one folder", async () => {
  // Two caches over one folder stand for two processes; each reads what the other appended.
  const dir = cacheDir();
  const caches = [createFileCache(dir), createFileCache(dir)];
  const plain = new Map<string, string | undefined>();
  let seed = 17;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const keys = Array.from({ length: 12 }, (_, i) => `GET https://x/${i}?q=${'é"\\'.slice(i % 3)}`);
  for (let step = 0; step < 400; step++) {
    const key = keys[random(keys.length)] as string;
    const op = random(10);
    if (op < 6) {
      const body = `${step}:${"z".repeat(random(3000))}\n"\u2028`;
      await caches[random(2)]?.put(entry(key, body));
      plain.set(key, body);
    } else if (op === 6 && plain.size > 0) {
      // A process killed while appending an answer to `key` (cut inside its body), then
      // another answer: the cut one is no answer (and hides the older), the next one stands.
      appendCut(join(dir, JOURNAL_FILE), entry(key, "cut"), 40 + key.length);
      plain.set(key, undefined);
      const other = keys[random(keys.length)] as string;
      await caches[random(2)]?.put(entry(other, `after ${step}`));
      plain.set(other, `after ${step}`);
    }
    for (const [k, body] of plain)
      for (const c of caches) expect((await c.get(k))?.body, `step ${step}, ${k}`).toBe(body);
  }
  const later = createFileCache(dir);
  for (const [k, body] of plain) expect((await later.get(k))?.body).toBe(body);
});

it("never answers an older answer than the last, over many puts with journals set aside often", async () => {
  const dir = cacheDir();
  const small = { maxJournalBytes: 6000 };
  const caches = [createFileCache(dir, small), createFileCache(dir, small)];
  const last = new Map<string, string>();
  let seed = 5;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let setAside = 0;
  for (let step = 0; step < 600; step++) {
    const key = `GET https://x/${random(20)}`;
    const body = `${step}:${"w".repeat(random(1500))}`;
    const before = existsSync(join(dir, OLD_JOURNAL_FILE))
      ? statSync(join(dir, OLD_JOURNAL_FILE)).ino
      : undefined;
    await caches[random(2)]?.put(entry(key, body));
    if (
      existsSync(join(dir, OLD_JOURNAL_FILE)) &&
      statSync(join(dir, OLD_JOURNAL_FILE)).ino !== before
    )
      setAside++;
    last.set(key, body);
    // The answer just stored is read by both; any other is the last one stored or none.
    for (const c of caches) expect((await c.get(key))?.body).toBe(body);
    for (const [k, b] of last) {
      const got = (await caches[random(2)]?.get(k))?.body;
      expect(got === undefined || got === b, `step ${step}, ${k}`).toBe(true);
    }
  }
  expect(setAside).toBeGreaterThan(50);
  const total = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  expect(total).toBeLessThan(2 * (6000 + 1600));
});

it("stores again after its folder was deleted while the process runs", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  await cache.put(entry("GET https://x/a", "1"));
  rmSync(dir, { recursive: true, force: true });
  await cache.put(entry("GET https://x/a", "2"));
  expect((await cache.get("GET https://x/a"))?.body).toBe("2");
});

it("serves an answer to the same request again right after a put not waited for", async () => {
  const dir = cacheDir();
  const cache = createFileCache(dir);
  const stored = cache.put(entry("GET https://x/a", "fresh"));
  // Not waited for (as the HTTP client does): read at once, and by another cache.
  expect((await cache.get("GET https://x/a"))?.body).toBe("fresh");
  expect((await createFileCache(dir).get("GET https://x/a"))?.body).toBe("fresh");
  expect(await cache.get("GET https://x/b")).toBeUndefined();
  await stored;
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
    // On disk (the client did not wait for it): one line of S2's journal, read by a later command.
    const journal = join(root, ".jingdu/cache/semantic-scholar", JOURNAL_FILE);
    for (let i = 0; i < 200 && !existsSync(journal); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(readFileSync(journal, "utf8").split("\n").filter(Boolean)).toHaveLength(1);
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
