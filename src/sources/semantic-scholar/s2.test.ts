import { afterAll, describe, expect, it } from "vitest";
import { describeWithFixtures, useFakeApi } from "../../../test/support/fake-api.js";
import { NotFoundError, SourceBlockedError } from "../http/index.js";
import { parsePaperQuery } from "./paper-query.js";
import { S2_SEARCH_FIELDS } from "./s2-map.js";
import { s2SearchPaperSchema } from "./s2-schema.js";

describe("parsePaperQuery", () => {
  it.each([
    ["arXiv:1706.03762", "ARXIV:1706.03762"],
    ["arxiv:1706.03762v7", "ARXIV:1706.03762"],
    ["1512.03385", "ARXIV:1512.03385"],
    ["hep-th/9901001v2", "ARXIV:hep-th/9901001"],
    ["DOI:10.18653/v1/N18-3011", "DOI:10.18653/v1/N18-3011"],
    ["10.1093/mind/lix.236.433", "DOI:10.1093/mind/lix.236.433"],
    ["DOI:10.48550/arxiv.2312.07559", "ARXIV:2312.07559"],
    ["CorpusId:215416146", "CorpusId:215416146"],
    ["corpusid:4698432", "CorpusId:4698432"],
    ["649DEF34F8BE52C8B66281AF98AE884C09AEF38B", "649def34f8be52c8b66281af98ae884c09aef38b"],
    ["https://arxiv.org/abs/2106.15928v1", "ARXIV:2106.15928"],
    ["https://arxiv.org/pdf/2204.06125.pdf", "ARXIV:2204.06125"],
    ["https://arxiv.org/abs/hep-th/9901001", "ARXIV:hep-th/9901001"],
    ["https://doi.org/10.1109/CVPR.2016.90", "DOI:10.1109/CVPR.2016.90"],
    [
      "https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/204e3073870fae3d05bcbc2f6a8e263d9b72e776",
      "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
    ],
    ["https://aclanthology.org/N18-3011/", "URL:https://aclanthology.org/N18-3011/"],
  ])("%s → %s", (input, s2Id) => {
    expect(parsePaperQuery(input)).toMatchObject({ kind: "id", s2Id });
  });

  it("treats anything else as a title, and rejects URLs it cannot resolve", () => {
    expect(parsePaperQuery("  Attention Is  All You Need ")).toEqual({
      kind: "title",
      title: "Attention Is All You Need",
    });
    expect(parsePaperQuery("VGG")).toEqual({ kind: "title", title: "VGG" });
    expect(() => parsePaperQuery("https://example.com/paper.pdf")).toThrow(/not a paper URL/);
    expect(() => parsePaperQuery("arXiv:1234.123")).toThrow(/malformed id/);
  });
});

describeWithFixtures("Semantic Scholar client replaying recorded responses", () => {
  const api = useFakeApi();
  // Runs before the fake closes (after-hooks run last-registered first).
  afterAll(() => expect(api.server.unmatched).toEqual([]));

  it("gets a paper by bare DOI", async () => {
    const { value } = await api.sources.s2.getPaper("10.1093/mind/lix.236.433");
    expect(value.title).toBe("Computing Machinery and Intelligence");
  });

  it("maps externalIds and treats the 2025 empty openAccessPdf as none", async () => {
    const { value } = await api.sources.s2.getPaper("DOI:10.48550/arxiv.2312.07559");
    expect(value.ids).toEqual({
      s2: "7e55d8701785818776323b4147cb13354c820469",
      arxiv: "2312.07559",
      doi: "10.48550/arXiv.2312.07559",
      dblp: "journals/corr/abs-2312-07559",
      corpusId: 266191420,
    });
    expect(value.pdfUrl).toBeUndefined();
    expect(value.citationCount).toBe(111);
    expect(value.authors[0]).toBe("Jakub L'ala");
  });

  it("reports an unknown id as NotFoundError with S2's message", async () => {
    const err = await api.sources.s2
      .getPaper("DOI:10.1101/2024.04.01.587366")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).detail).toBe(
      "Paper with id DOI:10.1101/2024.04.01.587366 not found",
    );
  });

  it("keeps batch order and gives null for unknown ids", async () => {
    const ids = [
      "CorpusId:211530585",
      "CorpusId:470667",
      "10.2139/ssrn.2250500",
      "0f40b1f08821e22e859c6050916cec3667778613",
    ];
    const { value } = await api.sources.s2.getPapers(ids);
    expect(value).toHaveLength(4);
    expect(value[0]).toBeNull();
    expect(value[1]?.title).toBe("How Much Should We Trust Differences-in-Differences Estimates?");
    expect(value[1]?.pdfUrl).toBe("http://papers.nber.org/papers/w8841.pdf"); // Dec 2024 shape
    const req = api.server.requests.at(-1);
    expect(req?.method).toBe("POST");
    expect(req?.query.get("fields")).toContain("citationCount");
    expect(JSON.parse(req?.body ?? "{}")).toEqual({ ids });
  });

  it("refuses more than 500 ids per batch before sending anything", async () => {
    const before = api.server.requests.length;
    await expect(
      api.sources.s2.getPapers(Array.from({ length: 501 }, (_, i) => `CorpusId:${i}`)),
    ).rejects.toThrow(/500/);
    expect(api.server.requests.length).toBe(before);
  });

  it("matches a title and returns S2's matchScore; no match is undefined, not an error", async () => {
    const { value } = await api.sources.s2.matchTitle("Attention Is All You Need");
    expect(value).toMatchObject({
      s2Id: "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
      matchScore: 133.32033,
    });
    expect((await api.sources.s2.matchTitle("askldjrq3rjaw938h")).value).toBeUndefined();
  });

  it("searches asking only the candidate fields, and validates exactly those", async () => {
    api.server.script(
      { method: "GET", path: "/graph/v1/paper/search" },
      { fixture: "synthetic:s2-paper-search-vgg.SHAPED.json" },
    );
    const { value } = await api.sources.s2.searchPapers("VGG", { limit: 5, year: 2014 });
    const asked = api.server.requests.at(-1)?.query.get("fields")?.split(",");
    expect(asked).toEqual([...S2_SEARCH_FIELDS]);
    // Every field asked is validated (and nothing else but the ids S2 always sends).
    expect(Object.keys(s2SearchPaperSchema.shape).sort()).toEqual(
      ["paperId", "corpusId", ...S2_SEARCH_FIELDS].sort(),
    );
    expect(value[0]).toMatchObject({
      s2Id: "eb42cf88027de515750f230b23b1a057dc782108",
      title: "Very Deep Convolutional Networks for Large-Scale Image Recognition",
      authors: ["K. Simonyan", "Andrew Zisserman"],
      year: 2014,
      venue: "International Conference on Learning Representations",
      citationCount: 100000,
      ids: { arxiv: "1409.1556", corpusId: 14124313 },
    });
    expect(value[0]?.abstract).toBeUndefined();
  });

  it("pages references, keeping unresolved ones (paperId null)", async () => {
    const first = await api.sources.s2.references("10.2139/ssrn.2250500", { offset: 0, limit: 50 });
    expect(first.next).toBe(50);
    const last = await api.sources.s2.references("10.2139/ssrn.2250500", { offset: 50, limit: 50 });
    expect(last.next).toBeUndefined();
    expect(last.items.some((i) => i.s2Id === null && i.title)).toBe(true);
  });

  it("pages citations", async () => {
    const page = await api.sources.s2.citations("CorpusID:14514057", { offset: 1800, limit: 100 });
    expect(page.next).toBeUndefined();
    expect(page.items.length).toBeGreaterThan(0);
  });

  it("turns a 403 (bad key) into a blocked-source error with a hint about the key", async () => {
    api.server.script(
      { method: "POST", path: "/graph/v1/paper/batch" },
      { status: 403, fixture: "semanticscholar/s2-403-forbidden-bad-api-key.json" },
    );
    const err = await api.sources.s2.getPapers(["CorpusId:470667"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceBlockedError);
    expect((err as SourceBlockedError).hint).toMatch(/S2_API_KEY/);
  });

  it("sends the API key in x-api-key when one is configured", async () => {
    const keyed = api.server.sources({
      tweak: (s) => {
        s.s2.headers["x-api-key"] = "k123";
      },
    });
    await keyed.s2.getPaper("10.1093/mind/lix.236.433");
    expect(api.server.requests.at(-1)?.headers["x-api-key"]).toBe("k123");
  });
});
