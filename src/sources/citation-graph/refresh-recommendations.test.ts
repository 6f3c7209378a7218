import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  describeWithFixtures,
  type FakeApi,
  sharedFixturesDir,
  startFakeApi,
} from "../../../test/support/fake-api.js";
import {
  parseRecommendations,
  RECOMMENDATIONS_FILE,
  type StoredRecommendations,
  serializeRecommendations,
} from "../../core/index.js";
import { readRecommendations } from "./recommendations-file.js";
import { refreshRecommendations } from "./refresh-recommendations.js";

const RECS = { method: "POST", path: "/recommendations/v1/papers/" };
const RESNET = { s2: "2c03df8b48bf3fa39054345bafabfeff15bfd11d", paper: "resnet", weight: 2 };
const VIT = { s2: "7b15fa1b8d413fbe14ef7a97f651f47f5aff3903", paper: "vit", weight: 1 };
const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const DAY = 86_400_000;

describe("metadata/s2-recommendations.jsonl", () => {
  const stored: StoredRecommendations = {
    request: {
      source: "semantic-scholar",
      fetchedAt: "2026-12-06T10:00:00.000Z",
      positive: [RESNET, VIT],
      negative: [{ s2: BN, reason: "dismissed" }],
      limit: 100,
    },
    papers: [{ s2: "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567", title: "A ConvNet", year: 2022 }],
  };

  it("reads back what it writes: a request line, then one paper line each", () => {
    const text = serializeRecommendations(stored);
    expect(text.split("\n")[0]).toMatch(/^\{"type":"request","source":"semantic-scholar",/);
    expect(parseRecommendations(text)).toEqual({ stored, problems: [] });
  });

  it("names a bad paper line and keeps the rest; without a request line nothing is usable", () => {
    const text = serializeRecommendations(stored).replace("\n", '\n{"type":"paper"}\n');
    const read = parseRecommendations(text);
    expect(read.stored?.papers).toHaveLength(1);
    expect(read.problems).toEqual([{ line: 2, message: expect.stringContaining("`s2`") }]);
    expect(parseRecommendations('{"type":"paper","s2":"x"}\n').stored).toBeUndefined();
  });
});

describeWithFixtures("refreshRecommendations against the fake Semantic Scholar", () => {
  let server: FakeApi;
  let root: string;
  beforeEach(async () => {
    server = await startFakeApi({ fixturesDir: sharedFixturesDir() as string });
    server.handle(RECS, () => ({ fixture: "synthetic:s2-recommendations-resnet-vit.SHAPED.json" }));
    root = mkdtempSync(join(tmpdir(), "jingdu-recs-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("asks once, stores the answer, then asks nothing while fresh and seeded alike", async () => {
    const sources = server.sources();
    const negative = [{ s2: BN, reason: "dismissed" as const }];
    const first = await refreshRecommendations({
      libraryRoot: root,
      sources,
      positive: [RESNET, VIT],
      negative,
    });
    expect(first).toMatchObject({ outcome: "fetched", requests: 1, papers: 5 });
    expect(server.count(RECS)).toBe(1);
    const { stored, problems } = await readRecommendations(root);
    expect(problems).toEqual([]);
    expect(stored?.request).toMatchObject({ positive: [RESNET, VIT], negative, limit: 100 });
    expect(stored?.papers.map((p) => p.title)).toContain("A ConvNet for the 2020s");

    // Same examples (another order), within the max age: no request.
    const again = await refreshRecommendations({
      libraryRoot: root,
      sources,
      positive: [VIT, RESNET],
      negative,
    });
    expect(again).toMatchObject({ outcome: "cached", requests: 0 });
    expect(again.message).toContain("fresh");
    expect(server.count(RECS)).toBe(1);

    // Other examples (the dismissal taken back): asked again.
    await refreshRecommendations({
      libraryRoot: root,
      sources,
      positive: [VIT, RESNET],
      negative: [],
    });
    expect(server.count(RECS)).toBe(2);
    // Older than the max age, or --older-than 0: asked again.
    sources.advance(31 * DAY);
    await refreshRecommendations({
      libraryRoot: root,
      sources,
      positive: [VIT, RESNET],
      negative: [],
    });
    await refreshRecommendations({
      libraryRoot: root,
      sources,
      positive: [VIT, RESNET],
      negative: [],
      olderThanMs: 0,
    });
    expect(server.count(RECS)).toBe(4);
  });

  it("asks nothing without a positive example (S2 would answer 400)", async () => {
    const r = await refreshRecommendations({
      libraryRoot: root,
      sources: server.sources(),
      positive: [],
      negative: [{ s2: BN, reason: "dismissed" }],
    });
    expect(r).toMatchObject({ outcome: "skipped", requests: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it("keeps the stored answer when S2 answers 400, and says why", async () => {
    await refreshRecommendations({
      libraryRoot: root,
      sources: server.sources(),
      positive: [RESNET],
      negative: [],
    });
    const before = readFileSync(join(root, RECOMMENDATIONS_FILE), "utf8");
    server.script(RECS, {
      status: 400,
      fixture: "semanticscholar/s2-recommendations-400-no-positive.json",
    });
    const r = await refreshRecommendations({
      libraryRoot: root,
      sources: server.sources(),
      positive: [VIT],
      negative: [],
    });
    expect(r.outcome).toBe("failed");
    expect(r.message).toContain("HTTP 400");
    expect(r.message).toContain("the stored ones are kept");
    expect(r.hint).toContain("No positive paper examples given");
    expect(readFileSync(join(root, RECOMMENDATIONS_FILE), "utf8")).toBe(before);
  });
});
