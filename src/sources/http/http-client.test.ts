import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type FakeApi, startFakeApi } from "../../../test/support/fake-api.js";
import { localOnlyTransport } from "../../../test/support/test-sources.js";
import { createMemoryCache } from "../cache.js";
import { DEFAULT_USER_AGENT } from "../config.js";
import {
  CircuitOpenError,
  HttpError,
  NetworkError,
  ResponseFormatError,
  RetryAfterError,
  TimeoutError,
} from "./errors.js";
import { createHttpClient, type HttpClientOptions, parseRetryAfter } from "./http-client.js";
import { jsonParser, quoteUnsafeIntegers } from "./json.js";
import type { Transport } from "./transport.js";

const okSchema = z.object({ ok: z.boolean() });

describe("http client against a local fake server", () => {
  let server: FakeApi;
  let sleeps: number[];
  let clock: number;

  beforeEach(async () => {
    server = await startFakeApi();
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
      transport: localOnlyTransport,
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

  it("does not wait out a Retry-After past the limit: a RetryAfterError says until when", async () => {
    server.script(
      { path: "/thing" },
      { status: 429, headers: { "retry-after": "3600" }, body: "{}" },
    );
    const started = clock;
    const err = (await get().catch((e: unknown) => e)) as RetryAfterError;
    expect(err).toBeInstanceOf(RetryAfterError);
    expect(err.until).toBe(started + 3_600_000);
    expect(err.message).toContain(`GET ${server.url}/thing`);
    expect(err.message).toContain(
      `Retry-After 3600 s: not asked again until ${new Date(started + 3_600_000).toISOString()}`,
    );
    expect(sleeps).toEqual([]);
    expect(server.count({ path: "/thing" })).toBe(1);
  });

  it("honours a short Retry-After exactly, not the shorter back-off", async () => {
    server.script(
      { path: "/thing" },
      { status: 503, headers: { "retry-after": "7" }, body: "busy" },
      ok,
    );
    expect((await get()).value.ok).toBe(true);
    expect(sleeps).toEqual([7000]);
  });

  it("a request whose body never ends times out (the deadline covers the body too)", async () => {
    server.script({ path: "/thing" }, { status: 200, body: '{"ok":true}', stallBody: true }, ok);
    const c = client({
      timeoutMs: 150,
      retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 10, jitter: 0, maxRetryAfterMs: 0 },
    });
    expect((await get(c)).value.ok).toBe(true);
    expect(server.count({ path: "/thing" })).toBe(2);
  });

  it("two timeouts in a row open the circuit: a hanging source is asked twice, not per retry", async () => {
    server.handle({ path: "/thing" }, () => ({ hang: true }));
    const c = client({
      timeoutMs: 100,
      retry: { retries: 4, baseDelayMs: 10, maxDelayMs: 10, jitter: 0, maxRetryAfterMs: 0 },
      breaker: { failureThreshold: 8, timeoutThreshold: 2, cooldownMs: 60_000 },
    });
    await expect(get(c)).rejects.toBeInstanceOf(TimeoutError);
    await expect(get(c)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(server.count({ path: "/thing" })).toBe(2);
  });

  it("names HTML served instead of JSON", async () => {
    server.script(
      { path: "/thing" },
      {
        status: 200,
        headers: { "content-type": "text/html" },
        body: "<html><head><title>Sign in</title></head></html>",
      },
    );
    const err = await get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect((err as Error).message).toMatch(
      /GET .*\/thing: unexpected response: HTML instead of JSON \(“Sign in”\)/,
    );
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
    expect((err as Error).message).toMatch(/JSON cut short after 6 characters/);
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
    server = await startFakeApi();
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
    server = await startFakeApi();
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

  it("measures the gap from the end of one request: arrivals are never closer than the gap", async () => {
    // Real clock: the first request is slow to connect (as a fresh TLS connection is), the
    // second reuses the connection. Measured from starts, their arrivals were 100 ms apart.
    server.handle({ path: "/thing" }, () => ok);
    const gapMs = 400;
    let calls = 0;
    const slowFirstConnect: Transport = async (req) => {
      if (calls++ === 0) await new Promise((r) => setTimeout(r, 300));
      return localOnlyTransport(req);
    };
    const c = client({
      rateLimit: { concurrency: 1, minIntervalMs: gapMs },
      transport: slowFirstConnect,
      now: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    await Promise.all([get(c), get(c), get(c)]);
    const arrivals = server.requests.map((r) => r.receivedAt);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
    expect(gaps).toHaveLength(2);
    // setTimeout may fire up to 1 ms early against performance.now().
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(gapMs - 1);
  });

  it("a request aborted while it waits for its turn is never sent, and frees the turn", async () => {
    server.handle({ path: "/thing" }, () => ok);
    const c = client({ rateLimit: { concurrency: 1, minIntervalMs: 3000 } });
    const letGo = new AbortController();
    const first = get(c);
    const waiting = c.request({
      path: "/thing",
      parse: jsonParser(okSchema),
      signal: letGo.signal,
    });
    letGo.abort(new Error("let go"));
    await first;
    await expect(waiting).rejects.toThrow("let go");
    expect(server.requests).toHaveLength(1);
    // The turn it held is free again: the next request goes.
    await get(c);
    expect(server.requests).toHaveLength(2);
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
