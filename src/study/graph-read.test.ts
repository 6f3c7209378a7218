import { describe, expect, it } from "vitest";
import { createRandom } from "../../bench/paper-library.js";
import {
  type CitationGraphLine,
  type CitationGraphView,
  parseCitationGraph,
} from "../core/index.js";
import { IdTable } from "./graph-bytes.js";
import { type GraphIndex, indexCitationGraph } from "./graph-index.js";
import { decodeGraphParts, encodeGraphParts, indexFromParts } from "./graph-parts.js";
import { GraphIndexReader } from "./graph-read.js";
import { rankRelatedPapers, type Seed } from "./related-papers.js";

const at = "2026-12-04T10:00:00.000Z";
const bytes = (s: string) => new TextEncoder().encode(s);

/** The pieces of a file end to end, in a buffer whose offset is a multiple of 8. */
function joined(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The text read by the byte reader, pushed in chunks cut at random places. */
function readInChunks(text: string, rnd: () => number) {
  const b = bytes(text);
  const reader = new GraphIndexReader();
  for (let s = 0; s < b.length; ) {
    const size = rnd() < 0.3 ? 1 + Math.floor(rnd() * 4) : 1 + Math.floor(rnd() * 200);
    // A fresh copy each time, then overwritten: the reader must copy what it keeps.
    const chunk = b.slice(s, s + size);
    reader.push(chunk);
    chunk.fill(0x41);
    s += size;
  }
  return reader.end();
}

function sameIndex(fast: GraphIndex, plain: GraphIndex, context: string) {
  expect(fast.nodes, context).toBe(plain.nodes);
  const nodes = Array.from({ length: plain.nodes }, (_, v) => v);
  const ids = nodes.map((v) => plain.idOf(v));
  expect(
    nodes.map((v) => fast.idOf(v)),
    context,
  ).toEqual(ids);
  expect(
    ids.map((s2) => fast.nodeOf(s2)),
    context,
  ).toEqual(nodes);
  expect(fast.nodeOf("no-such-id"), context).toBe(-1);
  for (const key of ["byAppearance", "start", "adj"] as const) {
    expect([...fast[key]], `${context}: ${key}`).toEqual([...plain[key]]);
  }
  for (const l of ["refs", "cits"] as const) {
    for (const key of ["owner", "offset", "entry", "of"] as const) {
      expect([...fast[l][key]], `${context}: ${l}.${key}`).toEqual([...plain[l][key]]);
    }
  }
}

describe("the byte reader of the stored graph gives what parsing the text gave", () => {
  it("over 200 random files, each mutated 8 times: same index, papers, lists, problems, ranking", {
    timeout: 120_000,
  }, () => {
    for (let round = 0; round < 200; round++) {
      const rnd = createRandom(round + 1000);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      const nodes = 4 + Math.floor(rnd() * 30);
      // Mostly S2-like ids; some that only the slow way takes (escapes, non-ASCII, a BOM).
      const odd = ["é-paper", 'quote"d', "back\\slash", "\uFEFFbom", "tab\tid", "ünï"];
      // S2-like ids (40 hex digits, kept as words), the same in upper case (another id, kept
      // as bytes), short ones.
      const named = (k: number) => {
        const hex = `${(Math.imul(k, 2654435761) >>> 0).toString(16)}${k}`.padStart(40, "0");
        return k % 3 === 0 ? hex : k % 3 === 1 ? hex.toUpperCase() : `p${k}`.padStart(12, "0");
      };
      const id = () => (rnd() < 0.08 ? pick(odd) : named(Math.floor(nodes * rnd() ** 1.5)));
      const list = () => Array.from({ length: Math.floor(rnd() * 7) }, id);
      const lines: string[] = [];
      const line = (l: CitationGraphLine) => {
        let text = JSON.stringify(l);
        const how = rnd();
        // Written otherwise than the writer does: spaces, CRLF, keys reordered, broken.
        if (how < 0.05) text = JSON.stringify(l, null, 1).replace(/\n/g, " ");
        else if (how < 0.08) text = `  ${text}\r`;
        else if (how < 0.11)
          text = JSON.stringify({
            ...l,
            type: undefined,
            extra: [1, { a: null }],
            type2: l.type,
          }).replace('"type2"', '"type"');
        else if (how < 0.13) text = text.slice(0, Math.floor(rnd() * text.length));
        else if (how < 0.15) text = text.replace(/}$/, ",}");
        else if (how < 0.17) text = text.replace('"s2":"', '"s2":"","x":"');
        else if (how < 0.19) text = `${text.slice(0, -1)},"s2":"${id()}"}`;
        else if (how < 0.21) text = text.replace(/"fetchedAt":"[^"]*"/, '"fetchedAt":"soon"');
        else if (how < 0.23) text = text.replace(/\]/, ',""]');
        else if (how < 0.25) text = text.replace(/"year":(\d+)/, '"year":0$1');
        else if (how < 0.27) text = text.replace(/"title":"/, '"title":"\\u00e9\\n\\"');
        else if (how < 0.29) text = `\uFEFF${text}`;
        else if (how < 0.31) text = "";
        else if (how < 0.33) text = "   ";
        lines.push(text);
      };
      const paper = () => {
        const s2 = id();
        const p: CitationGraphLine = { type: "paper", s2 };
        if (rnd() < 0.7) p.citationCount = Math.floor(rnd() * 4);
        if (rnd() < 0.5) p.title = pick(["A", "Bé", "C \u2028 d", 'q"t']);
        if (rnd() < 0.5) p.year = 2000 + Math.floor(rnd() * 20);
        if (rnd() < 0.3) p.ids = { arxiv: `${Math.floor(rnd() * 9)}`, corpusId: 3.5e-3 };
        if (rnd() < 0.2) p.authors = ["X", "Y"];
        line(p);
      };
      const lists = () =>
        line({
          type: "lists",
          s2: id(),
          references: list(),
          citations: list(),
          fetchedAt: at,
          ...(rnd() < 0.3 ? { citationCount: 7, citationsTruncated: true } : {}),
        });
      for (let k = 0; k < nodes; k++) rnd() < 0.6 ? paper() : lists();
      for (let m = 0; m < 8; m++) {
        // Mutate: more lines (a resumed refresh appends; later lines win), or a torn tail.
        for (let k = Math.floor(rnd() * 5); k > 0; k--) rnd() < 0.5 ? paper() : lists();
        let text = lines.join(rnd() < 0.1 ? "\r\n" : "\n");
        if (rnd() < 0.5) text += "\n";
        if (rnd() < 0.15) text += `{"type":"lists","s2":"${named(1)}","references":["${named(3)}"`;
        const context = `round ${round}, mutation ${m}`;
        const { graph, problems } = parseCitationGraph(text);
        const plain = indexCitationGraph(graph);
        const fast = readInChunks(text, rnd);
        expect(fast.problems, context).toEqual(problems);
        // Kept as one file and read back (what workspace keeps in .jingdu/): the same again.
        const kept = decodeGraphParts(joined(encodeGraphParts(fast.parts, "stamp")), "stamp");
        if (!kept) throw new Error(`${context}: the kept parts did not read back`);
        for (const index of [fast.index, indexFromParts(kept)]) {
          sameIndex(index, plain, context);
          const view = index.graph;
          const every = [
            ...new Set([
              ...graph.papers.keys(),
              ...odd,
              ...Array.from({ length: nodes + 2 }, (_, k) => named(k)),
            ]),
          ];
          const of = (g: CitationGraphView) =>
            every.map((s2) => [
              g.papers.get(s2),
              g.references.get(s2),
              g.citations.get(s2),
              g.fetched.get(s2),
            ]);
          expect(of(view), context).toEqual(of(graph));
          expect([...view.papers.values()], context).toEqual([...graph.papers.values()]);
          expect(view.papers.size, context).toBe(graph.papers.size);
          expect(view.fetched.size, context).toBe(graph.fetched.size);
        }
        expect(kept.problems, context).toEqual(problems);
        const library = [...graph.references.keys()];
        const seeds: Seed[] = library
          .filter(() => rnd() < 0.5)
          .map((s2, k) => ({ s2, paperId: s2, name: `n${k}`, weight: pick([0.2, 1, 3]) }));
        const opts = { inLibrary: new Set(library), limit: pick([1, 5, 20]) };
        const ranked = rankRelatedPapers(graph, seeds, opts);
        expect(rankRelatedPapers(fast.index, seeds, opts), context).toEqual(ranked);
        expect(rankRelatedPapers(indexFromParts(kept), seeds, opts), context).toEqual(ranked);
      }
    }
  });

  it("keeps no parts for another stamp, another version or a torn file", () => {
    const text =
      '{"type":"lists","s2":"a","references":["b"],"citations":[],"fetchedAt":"2026-12-04T10:00:00.000Z"}\n';
    const file = joined(encodeGraphParts(readInChunks(text, createRandom(3)).parts, "1:2:3"));
    expect(decodeGraphParts(file, "1:2:3")?.states).toEqual([
      { fetchedAt: "2026-12-04T10:00:00.000Z" },
    ]);
    expect(decodeGraphParts(file, "1:2:4")).toBeUndefined();
    expect(decodeGraphParts(file.slice(0, file.length - 8), "1:2:3")).toBeUndefined();
    expect(decodeGraphParts(file.slice(0, 20), "1:2:3")).toBeUndefined();
    const other = new TextDecoder().decode(file).replace('"version":1', '"version":0');
    expect(decodeGraphParts(new TextEncoder().encode(other), "1:2:3")).toBeUndefined();
  });

  it("names a torn last line with its line number and reads every line before it", () => {
    const text =
      '{"type":"paper","s2":"a","title":"A"}\n' +
      '{"type":"lists","s2":"a","references":["b","c"],"citations":["d"],"fetchedAt":"2026-12-04T10:00:00.000Z"}\n' +
      '{"type":"lists","s2":"b","references":["a"';
    const { index, problems } = readInChunks(text, createRandom(5));
    expect(problems).toEqual([
      { line: 3, message: expect.stringMatching(/^not JSON/) as unknown as string },
    ]);
    expect(index.graph.references.get("a")).toEqual(["b", "c"]);
    expect(index.graph.references.get("b")).toBeUndefined();
    expect(index.graph.papers.get("a")).toEqual({ s2: "a", title: "A" });
    expect(index.nodes).toBe(4);
  });
});

describe("the id table", () => {
  it("numbers 30,000 ids (hex and others, past several growths) as a Map would", () => {
    const table = new IdTable();
    const map = new Map<string, number>();
    const rnd = createRandom(7);
    for (let k = 0; k < 60_000; k++) {
      const n = Math.floor(30_000 * rnd());
      const s2 =
        n % 2 === 0
          ? (n * 7919).toString(16).padStart(40, "0")
          : n % 3 === 0
            ? `é${n}`
            : `${n}`.padStart(40, "f").toUpperCase();
      if (!map.has(s2)) map.set(s2, map.size);
      const b = bytes(`"${s2}"`);
      expect(table.intern(b, 1, b.length - 1)).toBe(map.get(s2));
    }
    expect(table.count).toBe(map.size);
    for (const [s2, i] of map) {
      expect(table.find(s2)).toBe(i);
      expect(table.text(i)).toBe(s2);
    }
    expect(table.find("0".repeat(40))).toBe(map.get("0".repeat(40)) ?? -1);
    expect(table.find("f".repeat(40))).toBe(-1);
  });
});
