import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type FakeApiServer, startFakeApiServer } from "../../../test/support/fake-api-server.js";
import { localOnlyFetch } from "../../../test/support/test-sources.js";
import { createMemoryCache } from "../cache.js";
import { DEFAULT_USER_AGENT } from "../config.js";
import {
  CircuitOpenError,
  HttpError,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
} from "./errors.js";
import { createHttpClient, type HttpClientOptions, parseRetryAfter } from "./http-client.js";
import { jsonParser, quoteUnsafeIntegers } from "./json.js";

const okSchema = z.object({ ok: z.boolean() });

describe("http client against a local fake server", () => {
  let server: FakeApiServer;
  let sleeps: number[];
  let clock: number;

  beforeEach(async () => {
    server = await startFakeApiServer();
    sleeps = [];
    clock = 1_000_000;
  });
  afterEach(async () => {
    await server.close();
  });

  const client = (over: Partial<HttpClientOptions> = {}) =>
    createHttpClient({
      source: "test",
      baseUrl: server.url,
      userAgent: DEFAULT_USER_AGENT,
      rateLimit: { concurrency: 1, minIntervalMs: 0 },
      timeoutMs: 1000,
      retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0, maxRetryAfterMs: 10_000 },
      breaker: { failureThreshold: 20, cooldownMs: 60_000 },
      fetch: localOnlyFetch,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      ...over,
    });
  const get = (c = client()) => c.request({ path: "/thing", parse: jsonParser(okSchema) });
  const ok = { status: 200, body: '{"ok":true}' };

  it("sends a User-Agent naming jingdu", async () => {
    server.script({ path: "/thing" }, ok);
    await get();
    expect(server.requests[0]?.headers["user-agent"]).toMatch(/jingdu/);
  });

  it("waits as long as Retry-After says after a 429, then succeeds", async () => {
    server.script(
      { path: "/thing" },
      { status: 429, headers: { "retry-after": "2" }, body: '{"code":"429"}' },
      ok,
    );
    const res = await get();
    expect(res.value.ok).toBe(true);
    expect(sleeps).toEqual([2000]);
    expect(server.count({ path: "/thing" })).toBe(2);
  });

  it("retries 503 three times with growing back-off, then succeeds", async () => {
    const busy = { status: 503, body: "busy" };
    server.script({ path: "/thing" }, busy, busy, busy, ok);
    const res = await get();
    expect(res.value.ok).toBe(true);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it("gives up after the retries with an HttpError that names the request", async () => {
    const busy = { status: 503, body: "busy" };
    server.script({ path: "/thing" }, busy, busy, busy, busy);
    const err = await get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect((err as HttpError).message).toContain(`GET ${server.url}/thing`);
  });

  it("refuses a Retry-After longer than the limit with a clear message", async () => {
    server.script(
      { path: "/thing" },
      { status: 429, headers: { "retry-after": "3600" }, body: "{}" },
    );
    const err = (await get().catch((e: unknown) => e)) as HttpError;
    expect(err.hint).toMatch(/wait 3600 s/);
    expect(sleeps).toEqual([]);
  });

  it("times out a hanging request, retries, then reports a TimeoutError", async () => {
    server.script({ path: "/thing" }, { hang: true }, { hang: true });
    const c = client({
      timeoutMs: 150,
      retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 10, jitter: 0, maxRetryAfterMs: 0 },
    });
    const err = await get(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(server.count({ path: "/thing" })).toBe(2);
  });

  it("reports truncated JSON and never caches it", async () => {
    const store = createMemoryCache();
    const c = client({ cache: { store, maxAgeMs: 60_000 } });
    server.script({ path: "/thing" }, { status: 200, body: '{"ok":true}', truncateTo: 6 });
    const err = await get(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect((err as Error).message).toMatch(/invalid JSON/);
    server.script({ path: "/thing" }, ok);
    expect((await get(c)).fromCache).toBe(false);
  });

  it("serves fresh cache entries without asking, and stale ones when the source is unreachable", async () => {
    const store = createMemoryCache();
    server.script({ path: "/thing" }, ok);
    expect((await get(client({ cache: { store, maxAgeMs: 1000 } }))).fromCache).toBe(false);
    const again = await get(client({ cache: { store, maxAgeMs: 1000 } }));
    expect(again.fromCache).toBe(true);
    expect(server.count()).toBe(1);
    clock += 5000; // expired
    await server.close();
    const offline = await get(
      client({
        cache: { store, maxAgeMs: 1000 },
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, jitter: 0, maxRetryAfterMs: 0 },
      }),
    );
    expect(offline).toMatchObject({ fromCache: true, stale: true, value: { ok: true } });
    server = await startFakeApiServer();
  });

  it("turns a refused connection into a NetworkError", async () => {
    const url = server.url;
    await server.close();
    const c = client({
      baseUrl: url,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1, jitter: 0, maxRetryAfterMs: 0 },
    });
    const err = await c
      .request({ path: "/thing", parse: jsonParser(okSchema) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    server = await startFakeApiServer();
  });

  it("opens the circuit after repeated failures and stops calling the source", async () => {
    server.handle({ path: "/thing" }, () => ({ status: 500, body: "down" }));
    const c = client({
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, jitter: 0, maxRetryAfterMs: 0 },
      breaker: { failureThreshold: 2, cooldownMs: 10_000 },
    });
    await expect(get(c)).rejects.toBeInstanceOf(HttpError);
    await expect(get(c)).rejects.toBeInstanceOf(HttpError);
    await expect(get(c)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(server.count()).toBe(2);
    clock += 10_001;
    await expect(get(c)).rejects.toBeInstanceOf(HttpError); // half-open trial goes through
    expect(server.count()).toBe(3);
  });

  it("spaces requests by the minimum interval", async () => {
    server.handle({ path: "/thing" }, () => ok);
    const c = client({ rateLimit: { concurrency: 1, minIntervalMs: 3000 } });
    await Promise.all([get(c), get(c), get(c)]);
    expect(sleeps).toEqual([3000, 3000]);
  });
});

describe("Retry-After and big integers", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1000)).toBe(4000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });

  it("keeps integers beyond 2^53 as exact strings, leaving strings and small numbers alone", () => {
    const text =
      '{"id":1062373651225267712,"id_str":"1062373651225267712","n":-12,"f":1.5e300,"s":"x 99999999999999999999"}';
    const parsed = JSON.parse(quoteUnsafeIntegers(text));
    expect(parsed).toEqual({
      id: "1062373651225267712",
      id_str: "1062373651225267712",
      n: -12,
      f: 1.5e300,
      s: "x 99999999999999999999",
    });
    expect(JSON.parse(quoteUnsafeIntegers('{"aid":113072865806251}')).aid).toBe(113072865806251);
  });
});
