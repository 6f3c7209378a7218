import { describe, expect, it } from "vitest";
import { parseAge, resolveSourcesSettings, SOURCE_DEFAULTS } from "./config.js";

describe("resolveSourcesSettings", () => {
  it("follows each provider's rules by default", () => {
    const s = resolveSourcesSettings();
    expect(s.s2.baseUrl).toBe("https://api.semanticscholar.org/graph/v1");
    expect(s.s2.rateLimit).toEqual({ concurrency: 1, minIntervalMs: 1100 });
    expect(s.arxiv.rateLimit).toEqual({ concurrency: 1, minIntervalMs: 3000 });
    expect(s.bilibili.rateLimit.concurrency).toBe(1);
    expect(s.userAgent).toMatch(/^jingdu\//);
    expect(s.bilibili.userAgent).toMatch(/jingdu/);
    expect(s.s2.headers).toEqual({});
  });

  it("lets config and then the environment override base URLs and the key", () => {
    const s = resolveSourcesSettings(
      {
        s2: { baseUrl: "http://127.0.0.1:1/from-config/", apiKey: "cfg", maxAge: "2d" },
        arxiv: { baseUrl: "http://127.0.0.1:2/a" },
      },
      {
        JINGDU_S2_URL: "http://127.0.0.1:3/env",
        JINGDU_BILIBILI_URL: "http://127.0.0.1:4",
        S2_API_KEY: "envkey",
      },
    );
    expect(s.s2.baseUrl).toBe("http://127.0.0.1:3/env");
    expect(s.arxiv.baseUrl).toBe("http://127.0.0.1:2/a");
    expect(s.bilibili.baseUrl).toBe("http://127.0.0.1:4");
    expect(s.s2.headers["x-api-key"]).toBe("envkey");
    expect(s.s2.maxAgeMs).toBe(2 * 86_400_000);
  });

  it("keeps S2_API_KEY from a base URL that only jingdu.yaml names; a key in jingdu.yaml goes there", () => {
    const cloned = resolveSourcesSettings(
      { s2: { baseUrl: "https://collector.example/graph/v1" } },
      { S2_API_KEY: "mine" },
    );
    expect(cloned.s2.headers["x-api-key"]).toBeUndefined();
    const own = resolveSourcesSettings(
      { s2: { baseUrl: "https://mirror.example/graph/v1", apiKey: "for-mirror" } },
      { S2_API_KEY: "mine" },
    );
    expect(own.s2.headers["x-api-key"]).toBe("for-mirror");
    const envUrl = resolveSourcesSettings(
      { s2: { baseUrl: "https://collector.example/graph/v1" } },
      { S2_API_KEY: "mine", JINGDU_S2_URL: "http://127.0.0.1:9/graph/v1" },
    );
    expect(envUrl.s2.headers["x-api-key"]).toBe("mine");
  });

  it("turns a source off with enabled: false, and sets its max age", () => {
    const s = resolveSourcesSettings({ bilibili: { enabled: false }, arxiv: { maxAge: "12h" } });
    expect(s.bilibili.enabled).toBe(false);
    expect(s.s2.enabled).toBe(true);
    expect(s.arxiv.maxAgeMs).toBe(12 * 3_600_000);
  });

  it("never mutates the defaults, and rejects non-http URLs", () => {
    const s = resolveSourcesSettings({}, { S2_API_KEY: "k" });
    s.s2.rateLimit.minIntervalMs = 1;
    expect(SOURCE_DEFAULTS.s2.rateLimit.minIntervalMs).toBe(1100);
    expect(SOURCE_DEFAULTS.s2.headers).toEqual({});
    expect(() => resolveSourcesSettings({}, { JINGDU_ARXIV_URL: "file:///etc/passwd" })).toThrow(
      /only http/,
    );
  });
});

describe("sources.s2.graphMaxAge", () => {
  it("is 30 days unless jingdu.yaml says otherwise", () => {
    expect(resolveSourcesSettings().graphMaxAgeMs).toBe(30 * 86_400_000);
    expect(resolveSourcesSettings({ s2: { graphMaxAge: "12h" } }).graphMaxAgeMs).toBe(43_200_000);
    expect(resolveSourcesSettings().graphCaps).toEqual({
      citations: 60,
      references: 200,
      authors: 3,
    });
    expect(resolveSourcesSettings({ s2: { graphCitations: 10 } }).graphCaps.citations).toBe(10);
    // The paper metadata's max age is its own setting.
    expect(resolveSourcesSettings({ s2: { graphMaxAge: "12h" } }).s2.maxAgeMs).toBe(7 * 86_400_000);
  });
});

describe("parseAge", () => {
  it.each([
    ["7d", 604_800_000],
    ["12h", 43_200_000],
    ["30m", 1_800_000],
    ["0", 0],
  ])("%s", (text, ms) => {
    expect(parseAge(text)).toBe(ms);
  });
  it("rejects nonsense with a hint", () => {
    expect(() => parseAge("soon")).toThrow(/not an age/);
  });
});
