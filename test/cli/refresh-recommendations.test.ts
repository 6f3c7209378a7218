/**
 * `jingdu refresh --graph` asking Semantic Scholar's recommendations, then `jingdu next --papers`
 * ranking with them, against the fake S2 answering the ResNet + ViT graph batch and the shaped
 * recommendations (test/fixtures/sources/s2-recommendations-resnet-vit.SHAPED.json).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithFixtures, type FakeApi, startFakeApi } from "../support/fake-api.js";
import { serveGraphFromFile } from "../support/fake-graph.js";
import { initialisedLibrary } from "../support/run-cli.js";

const RECS = { method: "POST", path: "/recommendations/v1/papers/" };
const RESNET = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";
const VIT = "7b15fa1b8d413fbe14ef7a97f651f47f5aff3903";
const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const CONVNEXT = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

interface Suggestion {
  s2: string;
  title: string;
  reason: string;
  inCatalog?: string;
  recommended?: { rank: number; from: string[] };
}

describeWithFixtures("jingdu refresh --graph with S2's recommendations", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi();
    serveGraphFromFile(api);
    api.handle(RECS, () => ({ fixture: "synthetic:s2-recommendations-resnet-vit.SHAPED.json" }));
  });
  afterAll(() => api.close());

  it("asks once from the papers you studied, ranks with the answer offline, asks again only when the examples change", async () => {
    const lib = await initialisedLibrary(["--template", "limu", "--language", "en"]);
    for (const [paper, value] of [
      ["resnet", "5,5,5"],
      ["vit", "4,4,4"],
      ["bert", "1,2,1"],
    ] as const) {
      const read = await api.jingdu(["read", paper, "--pass", "1", "--value", value], { cwd: lib });
      expect(read.code, read.stderr).toBe(0);
    }
    // A catalog paper without ids yet: a recommendation of the same title is shown as it.
    writeFileSync(
      join(lib, "papers", "scaling-vit.md"),
      "---\nshort: ViT-G\ntitle: Scaling Vision Transformers\nyear: 2021\n---\n",
    );
    const run = await api.jingdu(["refresh", "--graph"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    expect(api.count(RECS)).toBe(1);
    const body = JSON.parse(api.requests.find((r) => r.path === RECS.path)?.body ?? "{}") as {
      positivePaperIds: string[];
      negativePaperIds: string[];
    };
    // Heaviest first (passes × value); BERT rated low is a negative example, not a positive.
    expect(body.positivePaperIds).toEqual([RESNET, VIT]);
    expect(body.negativePaperIds).toEqual(["df2b0e26d0599ce3e70df8a9da02e51594e0e992"]);
    expect(run.stdout).toContain(
      "recommendations: 5 papers from 2 you studied (1 negative example), 1 request",
    );
    const file = readFileSync(join(lib, "metadata", "s2-recommendations.jsonl"), "utf8");
    expect(file.split("\n")[0]).toContain('"source":"semantic-scholar"');

    const next = await api.jingdu(["next", "--papers", "--json"], { cwd: lib });
    expect(next.code, next.stderr).toBe(0);
    const asked = api.requests.length;
    const suggestions = (JSON.parse(next.stdout) as { suggestions: Suggestion[] }).suggestions;
    const convnext = suggestions.find((s) => s.s2 === CONVNEXT);
    // Not in the graph at all: suggested by S2 alone, and the reason says from what.
    expect(convnext?.reason).toBe("recommended by Semantic Scholar from ResNet, ViT (#2)");
    const catalog = suggestions.find((s) => s.title === "Scaling Vision Transformers");
    expect(catalog?.inCatalog).toBe("scaling-vit");
    const text = await api.jingdu(["next", "--papers"], { cwd: lib });
    expect(text.stdout).toContain("in your catalog: ViT-G (scaling-vit)");
    expect(text.stdout).toMatch(/\(with Semantic Scholar's recommendations of \d{4}-\d{2}-\d{2}\)/);
    expect(suggestions.map((s) => s.s2)).not.toContain(RESNET);
    // BN: both seeds cite it and S2 recommends it: first, with both reasons.
    expect(suggestions[0]?.s2).toBe(BN);
    expect(suggestions[0]?.reason).toContain("cited by 2 papers you read: ResNet, ViT");
    expect(suggestions[0]?.reason).toContain("recommended by Semantic Scholar");
    expect(api.requests.length).toBe(asked); // next --papers is offline

    // Fresh and seeded alike: not asked again.
    const again = await api.jingdu(["refresh", "--graph", "--json"], { cwd: lib });
    expect(again.code, again.stderr).toBe(0);
    expect(api.count(RECS)).toBe(1);
    expect(JSON.parse(again.stdout).recommendations).toMatchObject({
      outcome: "cached",
      requests: 0,
    });

    // A dismissal: never suggested, and a new negative example, so the next refresh asks again.
    await api.jingdu(["next", "--papers", "--dismiss", CONVNEXT], { cwd: lib });
    const after = await api.jingdu(["next", "--papers", "--json"], { cwd: lib });
    const shown = (JSON.parse(after.stdout) as { suggestions: Suggestion[] }).suggestions;
    expect(shown.map((s) => s.s2)).not.toContain(CONVNEXT);
    await api.jingdu(["refresh", "--graph"], { cwd: lib });
    expect(api.count(RECS)).toBe(2);
    const last = JSON.parse(api.requests.filter((r) => r.path === RECS.path)[1]?.body ?? "{}");
    expect(last.negativePaperIds).toEqual([CONVNEXT, "df2b0e26d0599ce3e70df8a9da02e51594e0e992"]);

    // --no-recommendations: the graph alone.
    await api.jingdu(["refresh", "--graph", "--no-recommendations", "--older-than", "0"], {
      cwd: lib,
    });
    expect(api.count(RECS)).toBe(2);
  });
});
