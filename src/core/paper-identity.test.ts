import { describe, expect, it } from "vitest";
import { findSameAsGraphPaper } from "./paper-identity.js";

const papers = [
  { id: "resnet", short: "ResNet", title: "Deep Residual Learning", ids: { arxiv: "1512.03385" } },
  { id: "bert", short: "BERT", title: "BERT: Pre-training", ids: { doi: "10.18653/v1/N19-1423" } },
  { id: "vit", short: "ViT", title: "An Image is Worth 16x16 Words", ids: {} },
];

describe("findSameAsGraphPaper", () => {
  it("finds a library paper by a graph paper's arXiv id, DOI or title", () => {
    expect(
      findSameAsGraphPaper(papers, { s2: "a", ids: { arxiv: "1512.03385v2" } })?.paper.id,
    ).toBe("resnet");
    expect(
      findSameAsGraphPaper(papers, { s2: "b", ids: { doi: "10.18653/V1/N19-1423" } })?.paper.id,
    ).toBe("bert");
    expect(
      findSameAsGraphPaper(papers, { s2: "c", title: "An image is worth 16x16 words!" })?.paper.id,
    ).toBe("vit");
  });

  it("finds none for a paper the library does not hold, nor by its corpus id alone", () => {
    expect(findSameAsGraphPaper(papers, { s2: "d", title: "ConvNeXt" })).toBeUndefined();
    expect(findSameAsGraphPaper(papers, { s2: "e", ids: { corpusId: 1 } })).toBeUndefined();
  });
});
