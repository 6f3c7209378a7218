import { describe, expect, it } from "vitest";
import { idsFromLink, parseDoi } from "./paper-ids.js";

describe("idsFromLink", () => {
  it("reads arXiv abs, pdf (with version and .pdf) and html links", () => {
    expect(idsFromLink("https://arxiv.org/abs/1706.03762")).toEqual({ arxiv: "1706.03762" });
    expect(idsFromLink("https://arxiv.org/pdf/1512.03385v1.pdf")).toEqual({ arxiv: "1512.03385" });
    expect(idsFromLink("http://export.arxiv.org/abs/hep-th/9901001v2")).toEqual({
      arxiv: "hep-th/9901001",
    });
  });

  it("reads DOIs, and arXiv's own DOIs as arXiv ids too", () => {
    expect(idsFromLink("https://doi.org/10.1038/nature14539")).toEqual({
      doi: "10.1038/nature14539",
    });
    expect(idsFromLink("https://doi.org/10.48550/arXiv.2010.11929")).toEqual({
      arxiv: "2010.11929",
      doi: "10.48550/arXiv.2010.11929",
    });
  });

  it("reads Semantic Scholar pages, API URLs and the shields.io badges of the mli list", () => {
    const sha = "abd1c342495432171beb7ca8fd9551ef13cbd0ff";
    expect(
      idsFromLink(`https://www.semanticscholar.org/paper/ImageNet-Classification/${sha}`),
    ).toEqual({
      s2: sha,
    });
    const badge =
      "https://img.shields.io/badge/dynamic/json?label=citation&query=citationCount&url=https%3A%2F%2Fapi.semanticscholar.org%2Fgraph%2Fv1%2Fpaper%2Fabd1c342495432171beb7ca8fd9551ef13cbd0ff%3Ffields%3DcitationCount";
    expect(idsFromLink(badge)).toEqual({ s2: sha });
    expect(
      idsFromLink("https://api.semanticscholar.org/graph/v1/paper/CorpusId:215416146"),
    ).toEqual({
      corpusId: 215416146,
    });
  });

  it("gives nothing for other links, non-http schemes and text", () => {
    expect(idsFromLink("https://papers.nips.cc/paper/2012/file/x-Paper.pdf")).toEqual({});
    expect(idsFromLink("javascript:alert(1)")).toEqual({});
    expect(idsFromLink("not a url")).toEqual({});
    expect(idsFromLink("https://img.shields.io/youtube/views/6XidEHVjS1A?style=social")).toEqual(
      {},
    );
  });

  it("parses a DOI with a prefix and drops trailing punctuation", () => {
    expect(parseDoi("doi:10.1145/3292500.3330701.")).toBe("10.1145/3292500.3330701");
    expect(parseDoi("10.x/abc")).toBeUndefined();
  });
});
