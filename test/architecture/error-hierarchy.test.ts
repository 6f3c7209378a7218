import { describe, expect, it } from "vitest";
import { EXIT, FetchError, JingduError, NetworkError, TimeoutError } from "../../src/core/index.js";
import { BlockedUrlError, SafeFetchError } from "../../src/net/safe-fetch/index.js";
import { HttpError, RetryAfterError, SourceError } from "../../src/sources/http/index.js";

const request = { source: "arxiv", method: "GET", url: "http://127.0.0.1:1/query" };

describe("one NetworkError and one TimeoutError for the sources and the safe fetcher", () => {
  it("counts a source's timeout as a SourceError, a safe fetch's as a SafeFetchError, never both", () => {
    const ofSource = new TimeoutError(request, 150);
    const ofUrl = new TimeoutError("http://127.0.0.1:1/page", 150);
    expect(ofSource).toBeInstanceOf(SourceError);
    expect(ofSource).not.toBeInstanceOf(SafeFetchError);
    expect(ofUrl).toBeInstanceOf(SafeFetchError);
    expect(ofUrl).not.toBeInstanceOf(SourceError);
    for (const e of [ofSource, ofUrl]) {
      expect(e).toBeInstanceOf(FetchError);
      expect(e).toBeInstanceOf(JingduError);
      expect(e.code).toBe("timeout");
      expect(e.exitCode).toBe(EXIT.fetchFailed);
      expect(e.ms).toBe(150);
    }
    expect(ofSource.message).toBe("arxiv: GET http://127.0.0.1:1/query: no answer within 150 ms");
    expect(ofUrl.message).toBe("http://127.0.0.1:1/page: no answer within 150 ms");
  });

  it("keeps subclass checks plain: a network error is no HttpError, RetryAfterError or BlockedUrlError", () => {
    const ofSource = new NetworkError(request, "network error: ECONNREFUSED");
    const ofUrl = new NetworkError("http://127.0.0.1:1/", "cannot resolve x");
    expect(ofSource).toBeInstanceOf(SourceError);
    expect(ofSource).not.toBeInstanceOf(HttpError);
    expect(ofSource).not.toBeInstanceOf(RetryAfterError);
    expect(ofUrl).not.toBeInstanceOf(BlockedUrlError);
    expect(ofSource.request).toEqual(request);
    expect(ofSource.transient).toBe(true);
    expect(ofSource.hint).toMatch(/network connection/);
    expect(new HttpError(request, 503, "")).toBeInstanceOf(SourceError);
  });

  it("makes every safe-fetch error a JingduError with a catalogue code", () => {
    const blocked = new BlockedUrlError("file:///etc/passwd", { kind: "scheme", scheme: "file:" });
    expect(blocked).toBeInstanceOf(SafeFetchError);
    expect(blocked).toBeInstanceOf(JingduError);
    expect(blocked.code).toBe("blocked");
    expect(blocked.httpStatus).toBe(400);
    expect(blocked.url).toBe("file:///etc/passwd");
  });
});
