import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emptyCitationGraph,
  parseCitationGraph,
  parseCitationGraphBytes,
  serializeCitationGraph,
  serializeCitationGraphBytes,
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

  it("reads bytes a line at a time as it reads their text, and writes the same bytes", () => {
    const id = fc.constantFrom("a1", "b2", "c3", "d4");
    const line = fc.oneof(
      fc
        .record({ s2: id, title: fc.string({ unit: "grapheme", maxLength: 12 }) })
        .map((p) => JSON.stringify({ type: "paper", ...p })),
      fc
        .record({ s2: id, references: fc.array(id, { maxLength: 3 }), citations: fc.array(id) })
        .map((l) => JSON.stringify({ type: "lists", ...l, fetchedAt: "2026-12-06T10:00:00Z" })),
      // Torn, foreign, blank and Windows-ended lines, and bytes that are no UTF-8.
      fc.constantFrom('{"type":"paper","s2":"c3","ti', "[1,2]", "", "   ", "\r", "\uFEFF"),
    );
    const bad = fc.constantFrom(new Uint8Array([0xff, 0xfe]), new Uint8Array([0xe6, 0xae]));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.option(bad, { freq: 8 }), fc.boolean()), { maxLength: 20 }),
        (pieces) => {
          const encoder = new TextEncoder();
          const parts: Uint8Array[] = [];
          for (const [text, junk, crlf] of pieces) {
            parts.push(encoder.encode(text));
            if (junk) parts.push(junk);
            parts.push(encoder.encode(crlf ? "\r\n" : "\n"));
          }
          const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of parts) {
            bytes.set(p, at);
            at += p.length;
          }
          const text = new TextDecoder().decode(bytes);
          const want = parseCitationGraph(text);
          const got = parseCitationGraphBytes(bytes);
          expect(got.graph).toEqual(want.graph);
          expect(got.problems).toEqual(want.problems);
          expect(got.lines).toBe(text.split("\n").filter((l) => l.trim() !== "").length);
          const out = serializeCitationGraphBytes(got.graph);
          const plain = serializeCitationGraph(got.graph);
          expect(new TextDecoder().decode(out.bytes)).toBe(plain);
          expect(out.lines).toBe(plain === "" ? 0 : plain.split("\n").length - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
