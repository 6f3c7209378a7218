/**
 * A process storing large response-cache entries, one after another, until it is killed
 * (test/reliability/cache-kill.test.ts kills it -9 while one is being written).
 * Run: node --import tsx test/support/cache-writer-child.ts CACHE_DIR
 */
import { createFileCache } from "../../src/sources/index.js";

const dir = process.argv[2] as string;
const cache = createFileCache(dir);
const body = "x".repeat(8 * 1024 * 1024);
for (let i = 0; ; i++) {
  // As the HTTP client stores an answer: a whole entry under the request's key.
  await cache.put({ key: `GET https://x/${i}`, storedAt: Date.now(), status: 200, body });
  if (i === 0) process.stdout.write("stored\n");
}
