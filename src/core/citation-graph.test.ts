import { describe, expect, it } from "vitest";
import {
  emptyCitationGraph,
  parseCitationGraph,
  serializeCitationGraph,
} from "./citation-graph.js";

describe("the citation graph file", () => {
  it("round-trips a graph through its compacted lines", () => {
    const graph = emptyCitationGraph();
    graph.papers.set("a1", { s2: "a1", title: "ResNet", year: 2016, ids: { arxiv: "1512.03385" } });
    graph.papers.set("b2", { s2: "b2", title: "VGG", citationCount: 9000 });
    graph.references.set("a1", ["b2"]);
    graph.citations.set("a1", []);
    graph.fetched.set("a1", { fetchedAt: "2026-12-02T10:00:00.000Z", citationsTruncated: true });
    const { graph: back, problems } = parseCitationGraph(serializeCitationGraph(graph));
    expect(problems).toEqual([]);
    expect(back).toEqual(graph);
  });

  it("lets a later line about a paper win, and reports a torn line by its number", () => {
    const text = [
      JSON.stringify({ type: "paper", s2: "a1", title: "old" }),
      JSON.stringify({ type: "paper", s2: "a1", title: "new" }),
      JSON.stringify({ type: "lists", s2: "a1", references: "b2", citations: [], fetchedAt: "x" }),
      '{"type":"paper","s2":"c3","ti',
    ].join("\n");
    const { graph, problems } = parseCitationGraph(text);
    expect(graph.papers.get("a1")?.title).toBe("new");
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    expect(problems[0]?.message).toContain("references");
  });
});
