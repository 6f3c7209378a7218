import { describe, expect, it } from "vitest";
import { describeWithFixtures, useFakeApi } from "../../test/support/fake-api.js";
import { resolvePaper } from "./resolve-paper.js";
import { formatConfidence, titleSimilarity } from "./title-similarity.js";

describe("titleSimilarity", () => {
  it("ignores case, punctuation and spacing", () => {
    expect(titleSimilarity("Attention Is All You Need", "Attention is All you Need")).toBe(1);
    expect(
      titleSimilarity(
        "BERT: Pre-training of Deep Bidirectional Transformers",
        "BERT Pre training of deep bidirectional transformers",
      ),
    ).toBe(1);
    expect(
      titleSimilarity("VGG", "Very Deep Convolutional Networks for Large-Scale Image Recognition"),
    ).toBeLessThan(0.2);
    expect(formatConfidence(0.874)).toBe("87%");
  });
});

describeWithFixtures("resolvePaper against the fake server", () => {
  const api = useFakeApi();

  it('resolves "Attention Is All You Need" by title match, with full confidence', async () => {
    const r = await resolvePaper('"Attention Is All You Need"', {
      sources: api.sources,
      takenIds: ["attention-is-all-you-need"],
    });
    expect(r).toMatchObject({
      how: "title",
      confidence: 1,
      accepted: true,
      matchScore: 133.32033,
      source: "semantic-scholar",
    });
    expect(r.paper).toMatchObject({
      id: "attention-is-all-you-need-2",
      title: "Attention is All you Need",
      year: 2017,
      venue: "Neural Information Processing Systems",
      ids: {
        s2: "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
        arxiv: "1706.03762",
        corpusId: 13756489,
      },
      links: [{ url: "https://arxiv.org/pdf/1706.03762", kind: "pdf" }],
    });
    expect(r.paper.authors).toHaveLength(8);
    expect(r.fetched).toMatchObject({
      key: "paper:attention-is-all-you-need-2",
      source: "s2",
      values: { citationCount: 136941 },
    });
    const req = api.server.requests.at(-1);
    expect(req?.path).toBe("/graph/v1/paper/search/match");
    expect(req?.query.get("query")).toBe("Attention Is All You Need");
  });

  it("leaves a low-confidence title match for the person to confirm", async () => {
    api.server.script(
      { path: "/graph/v1/paper/search/match" },
      { fixture: "synthetic:s2-paper-match-low-confidence.synthetic.json" },
    );
    const r = await resolvePaper("VGG", { sources: api.sources });
    expect(r.accepted).toBe(false);
    expect(r.confidence).toBeLessThan(0.5);
    expect(r.notices[0]).toMatch(/confirm/);
  });

  it("says clearly when no title matches", async () => {
    await expect(resolvePaper("askldjrq3rjaw938h", { sources: api.sources })).rejects.toThrow(
      /no paper titled "askldjrq3rjaw938h"/,
    );
  });

  it("resolves a DOI URL with confidence 1", async () => {
    const r = await resolvePaper("https://doi.org/10.1038/s42256-024-00832-8", {
      sources: api.sources,
    });
    expect(r).toMatchObject({
      how: "id",
      confidence: 1,
      accepted: true,
      source: "semantic-scholar",
    });
    expect(r.paper.ids.doi).toBe("10.1038/s42256-024-00832-8");
    expect(api.server.requests.at(-1)?.path).toBe("/graph/v1/paper/DOI:10.1038/s42256-024-00832-8");
  });

  it("falls back to arXiv when S2 does not know an arXiv id", async () => {
    api.server.script(
      { path: "/graph/v1/paper/ARXIV:2201.13452" },
      { status: 404, body: '{"error":"Paper with id ARXIV:2201.13452 not found"}' },
    );
    api.server.script(
      { path: "/api/query" },
      { fixture: "arxiv/arxiv-query-idlist-3-of-4-unknown-2025-11.xml" },
    );
    const r = await resolvePaper("arXiv:2201.13452", { sources: api.sources });
    expect(r.source).toBe("arxiv");
    expect(r.paper).toMatchObject({
      year: 2022,
      ids: { arxiv: "2201.13452" },
      authors: ["Hong-Ming Yin", "Jun Zou"],
    });
    expect(r.fetched.source).toBe("arxiv");
  });
});
