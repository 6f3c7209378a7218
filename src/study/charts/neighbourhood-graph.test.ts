import { describe, expect, it } from "vitest";
import { type CitationGraph, emptyCitationGraph } from "../../core/index.js";
import { rankRelatedPapers, type Seed } from "../related-papers.js";
import { type NeighbourhoodMessages, neighbourhoodGraph } from "./neighbourhood-graph.js";

const at = "2026-12-02T10:00:00.000Z";

const messages: NeighbourhoodMessages = {
  title: "Citation neighbourhood",
  summary: (s, n, e) => `${s} of your papers, ${n} suggestions, ${e} citations between them.`,
  roles: { prior: "Earlier works", seed: "Your papers", later: "Later works" },
  node: (title, year, citations) => `${title} (${year}), ${citations} citations`,
  columns: { paper: "Paper", role: "Where", year: "Year", citations: "Citations", links: "Links" },
};

/** ResNet and ViT cite BN; MAE cites ViT; a stranger <script> title tests escaping. */
function graph(): CitationGraph {
  const g = emptyCitationGraph();
  const papers: [string, string, number, number][] = [
    ["resnet", "Deep Residual Learning", 2015, 200000],
    ["vit", "An Image is Worth 16x16 Words", 2020, 40000],
    ["bn", "Batch Normalization", 2015, 50000],
    ["mae", "Masked Autoencoders <script>", 2021, 5000],
    ["nin", "Network In Network", 2013, 8000],
  ];
  for (const [s2, title, year, citationCount] of papers)
    g.papers.set(s2, { s2, title, year, citationCount });
  g.references.set("resnet", ["bn", "nin"]);
  g.citations.set("resnet", []);
  g.references.set("vit", ["bn", "resnet"]);
  g.citations.set("vit", ["mae"]);
  for (const s2 of ["resnet", "vit"]) g.fetched.set(s2, { fetchedAt: at });
  return g;
}

const seeds: Seed[] = [
  { s2: "resnet", paperId: "resnet", name: "ResNet", weight: 2 },
  { s2: "vit", paperId: "vit", name: "ViT", weight: 1 },
];

function draw() {
  const g = graph();
  const suggestions = rankRelatedPapers(g, seeds, { inLibrary: new Set(["resnet", "vit"]) });
  return neighbourhoodGraph({
    id: "g",
    graph: g,
    seeds,
    suggestions,
    messages,
    locale: "en",
    seedHref: (s) => `/papers/${s.paperId}/`,
    suggestionHref: (_r, rank) => `#suggestion-${rank + 1}`,
  });
}

describe("the neighbourhood graph", () => {
  it("draws a linked node per paper, earlier works left, later works right", () => {
    const { svg, summary } = draw();
    const nodes = [
      ...svg.matchAll(
        /<a class="jd-node jd-node-(\w+)" href="([^"]+)" data-s2="(\w+)"><title>[^<]*<\/title><circle cx="([\d.]+)"/g,
      ),
    ];
    const at = Object.fromEntries(
      nodes.map((n) => [n[3], { role: n[1], href: n[2], x: Number(n[4]) }]),
    );
    expect(Object.keys(at).sort()).toEqual(["bn", "mae", "nin", "resnet", "vit"]);
    expect(at.resnet).toMatchObject({ role: "seed", href: "/papers/resnet/" });
    expect(at.bn?.role).toBe("prior");
    expect(at.mae?.role).toBe("later");
    expect((at.bn?.x ?? 0) < (at.resnet?.x ?? 0) && (at.resnet?.x ?? 0) < (at.mae?.x ?? 0)).toBe(
      true,
    );
    expect(at.bn?.href).toMatch(/^#suggestion-\d$/);
    // resnet→bn, resnet→nin, vit→bn, vit→resnet, mae→vit.
    expect(svg.match(/<line class="jd-edge"/g)).toHaveLength(5);
    expect(summary).toBe("2 of your papers, 3 suggestions, 5 citations between them.");
    expect(svg).toContain('<title id="g-title">Citation neighbourhood</title>');
    // Its nodes are links: a group, since an image's children are not interactive.
    expect(svg).toContain('role="group"');
  });

  it("escapes titles and draws the same bytes for the same graph", () => {
    const one = draw();
    expect(one.svg).not.toContain("<script>");
    expect(one.svg).toContain("Masked Autoencoders &lt;script&gt;");
    expect(one.table).toContain('<th scope="row">Batch Normalization</th>');
    expect(draw().html).toBe(one.html);
  });
});
