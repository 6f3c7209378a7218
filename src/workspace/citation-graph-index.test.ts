/**
 * The graph file read into its index on a real folder: the first read parses the JSONL and keeps
 * the index in `.jingdu/`, the next one maps it, and after each change of the file (a refresh
 * appending, a compaction rewriting it) the index is the JSONL's again, compared with parsing
 * the text (`parseCitationGraph` + `indexCitationGraph`). A torn last line is named with file
 * and line, and the rest of the graph is read.
 */
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRandom } from "../../bench/paper-library.js";
import {
  type CitationGraph,
  emptyCitationGraph,
  parseCitationGraph,
  serializeCitationGraph,
} from "../core/index.js";
import { type GraphIndex, indexCitationGraph, rankRelatedPapers } from "../study/index.js";
import {
  CITATION_GRAPH_INDEX_FILE,
  citationGraphCache,
  loadCitationGraphIndex,
} from "./citation-graph-index.js";

/** No racy window: the files here are all just written (the window has a test of its own). */
const fresh = { racyMs: 0 };

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function library(): { root: string; file: string } {
  const root = fs.mkdtempSync(join(tmpdir(), "jingdu-graph-index-"));
  roots.push(root);
  fs.mkdirSync(join(root, "metadata"));
  return { root, file: join(root, "metadata/citation-graph.jsonl") };
}

/** A library whose graph is one list: paper 1 cites paper 2. */
function oneList(): { root: string; file: string } {
  const lib = library();
  const g = emptyCitationGraph();
  g.references.set(hex(1), [hex(2)]);
  g.citations.set(hex(1), []);
  g.fetched.set(hex(1), { fetchedAt: "2026-12-04T10:00:00.000Z" });
  fs.writeFileSync(lib.file, serializeCitationGraph(g));
  return lib;
}

const hex = (k: number) => `${(Math.imul(k + 1, 2654435761) >>> 0).toString(16)}`.padStart(40, "a");

/** What a user sees of a graph: each paper, each list, and a ranking for some seeds. */
function seen(g: GraphIndex, plain: CitationGraph, ids: string[]) {
  const view = g.graph;
  const seeds = [...plain.references.keys()]
    .slice(0, 3)
    .map((s2, k) => ({ s2, paperId: s2, name: `s${k}`, weight: 1 + k }));
  return {
    papers: ids.map((s2) => view.papers.get(s2)),
    references: ids.map((s2) => view.references.get(s2)),
    citations: ids.map((s2) => view.citations.get(s2)),
    fetched: ids.map((s2) => view.fetched.get(s2)),
    ranking: rankRelatedPapers(g, seeds, { inLibrary: new Set(plain.references.keys()) }),
    adj: [...g.adj],
  };
}

describe("loadCitationGraphIndex", () => {
  it("keeps the index while the file is the same, and reads it again after every change", async () => {
    const { root, file } = library();
    const rnd = createRandom(42);
    const ids = Array.from({ length: 60 }, (_, k) => hex(k));
    const pick = () => ids[Math.floor(ids.length * rnd() ** 1.5)] as string;
    const g = emptyCitationGraph();
    const grow = () => {
      const s2 = pick();
      const list = () => Array.from({ length: Math.floor(rnd() * 10) }, pick);
      g.references.set(s2, list());
      g.citations.set(s2, list());
      g.fetched.set(s2, { fetchedAt: "2026-12-04T10:00:00.000Z" });
      for (let k = 0; k < 3; k++) {
        const p = pick();
        g.papers.set(p, { s2: p, title: `T${Math.floor(rnd() * 100)}`, citationCount: k });
      }
    };
    grow();
    fs.writeFileSync(file, serializeCitationGraph(g));
    // The app's cache of the index, over the same changes.
    const graphs = citationGraphCache(fresh);
    // A whole second, so an edit can put the very same modification time back.
    const when = new Date("2026-12-04T09:00:00Z");
    for (let m = 0; m < 25; m++) {
      fs.utimesSync(file, when, when);
      const text = fs.readFileSync(file, "utf8");
      const { graph: plain, problems } = parseCitationGraph(text);
      expect(problems).toEqual([]);
      const want = seen(indexCitationGraph(plain), plain, ids);
      const first = await loadCitationGraphIndex(root, fresh);
      expect(first.fromKept, `mutation ${m}`).toBe(false);
      expect(seen(first.index, plain, ids), `mutation ${m}`).toEqual(want);
      const second = await loadCitationGraphIndex(root, fresh);
      expect(second.fromKept, `mutation ${m}`).toBe(true);
      expect(seen(second.index, plain, ids), `mutation ${m}`).toEqual(want);
      for (let k = 0; k < 2; k++) {
        expect(seen((await graphs.get(root)).index, plain, ids), `mutation ${m}`).toEqual(want);
        expect(graphs.reads, `mutation ${m}`).toBe(m + 1);
      }
      // Change the file as a refresh does: append lines (later lines win), or compact it; or
      // as another program may: in place, the size and modification time as they were.
      grow();
      const how = rnd();
      if (how < 0.3) {
        const edited = text.replace(
          /"title":"T(\d)/,
          (_, d) => `"title":"T${(Number(d) + 1) % 10}`,
        );
        expect(edited.length, `mutation ${m}`).toBe(text.length);
        expect(edited, `mutation ${m}`).not.toBe(text);
        fs.writeFileSync(file, edited);
        fs.utimesSync(file, when, when);
      } else if (how < 0.7) {
        const lines = serializeCitationGraph(g)
          .split("\n")
          .filter((l) => rnd() < 0.3 && l);
        fs.appendFileSync(
          file,
          `${[...lines, serializeCitationGraph(g).split("\n")[0]].join("\n")}\n`,
        );
      } else {
        fs.writeFileSync(`${file}.tmp`, serializeCitationGraph(g));
        fs.renameSync(`${file}.tmp`, file);
      }
    }
  });

  it("names a torn last line with file and line, reads the rest, and keeps both", async () => {
    const { root, file } = library();
    const g = emptyCitationGraph();
    g.papers.set(hex(1), { s2: hex(1), title: "One" });
    g.references.set(hex(1), [hex(2), hex(3)]);
    g.citations.set(hex(1), [hex(4)]);
    g.fetched.set(hex(1), { fetchedAt: "2026-12-04T10:00:00.000Z" });
    const text = serializeCitationGraph(g);
    fs.writeFileSync(file, `${text}{"type":"lists","s2":"${hex(2)}","references":["${hex(1)}"`);
    for (const kept of [false, true]) {
      const r = await loadCitationGraphIndex(root, fresh);
      expect(r.fromKept).toBe(kept);
      expect(r.problems).toEqual([
        expect.objectContaining({ file: "metadata/citation-graph.jsonl", line: 3 }),
      ]);
      expect(r.problems[0]?.message).toMatch(/^unreadable citation-graph line: not JSON/);
      expect(r.index.graph.references.get(hex(1))).toEqual([hex(2), hex(3)]);
      expect(r.index.graph.papers.get(hex(1))?.title).toBe("One");
      expect(r.index.graph.references.get(hex(2))).toBeUndefined();
    }
  });

  it("reads the JSONL again when the kept index is torn or foreign, and keeps a good one", async () => {
    const { root } = oneList();
    expect((await loadCitationGraphIndex(root, fresh)).fromKept).toBe(false);
    fs.writeFileSync(join(root, CITATION_GRAPH_INDEX_FILE), "not an index");
    const again = await loadCitationGraphIndex(root, fresh);
    expect(again.fromKept).toBe(false);
    expect(again.index.graph.references.get(hex(1))).toEqual([hex(2)]);
    expect((await loadCitationGraphIndex(root, fresh)).fromKept).toBe(true);
    // Without keeping (`keep: false`), the file is read and nothing is written.
    fs.rmSync(join(root, CITATION_GRAPH_INDEX_FILE));
    expect((await loadCitationGraphIndex(root, { ...fresh, keep: false })).fromKept).toBe(false);
    expect((await loadCitationGraphIndex(root, fresh)).fromKept).toBe(false);
  });

  it("neither keeps nor trusts an index read within the racy window of a change", async () => {
    // Changed again within the same time tick, the size kept, the file would keep its stamp:
    // what was read from it just after a change is read again until the change is older.
    const { root } = oneList();
    const first = await loadCitationGraphIndex(root);
    expect(first.racy).toBe(true);
    expect(fs.existsSync(join(root, CITATION_GRAPH_INDEX_FILE))).toBe(false);
    expect((await loadCitationGraphIndex(root)).fromKept).toBe(false);
    const graphs = citationGraphCache();
    await graphs.get(root);
    const again = await graphs.get(root);
    expect(graphs.reads).toBe(2);
    expect(again.index.graph.references.get(hex(1))).toEqual([hex(2)]);
  });

  it("uses no kept index cut short (a power cut after its rename), wherever it was cut", async () => {
    const { root, file } = library();
    const g = emptyCitationGraph();
    for (let k = 0; k < 40; k++) {
      g.papers.set(hex(k), { s2: hex(k), title: `Paper ${k}` });
      g.references.set(hex(k), [hex(k + 1), hex(k + 2)]);
      g.citations.set(hex(k), [hex(k + 3)]);
      g.fetched.set(hex(k), { fetchedAt: "2026-12-04T10:00:00.000Z" });
    }
    fs.writeFileSync(file, serializeCitationGraph(g));
    const want = seen((await loadCitationGraphIndex(root, fresh)).index, g, [hex(0), hex(41)]);
    const keptPath = join(root, CITATION_GRAPH_INDEX_FILE);
    const whole = fs.readFileSync(keptPath);
    // The last array's padding (up to 7 bytes) holds nothing: cut there, the index is whole.
    for (let cut = 0; cut < whole.length - 7; cut += 1 + Math.floor(cut / 50)) {
      fs.writeFileSync(keptPath, whole.subarray(0, cut));
      const r = await loadCitationGraphIndex(root, fresh);
      expect(r.fromKept, `cut at ${cut} of ${whole.length}`).toBe(false);
      expect(seen(r.index, g, [hex(0), hex(41)]), `cut at ${cut}`).toEqual(want);
    }
    // Hundreds of cuts, each a whole load: ~5 s alone, 30 s and more beside the rest of the suite.
  }, 120_000);

  it("reads the JSONL again when the kept index was made by other code, and keeps its own", async () => {
    const { root } = oneList();
    const first = await loadCitationGraphIndex(root, fresh);
    const keptPath = join(root, CITATION_GRAPH_INDEX_FILE);
    const whole = fs.readFileSync(keptPath);
    /** The same kept file with its header's stamp replaced (what another build would write). */
    const restamped = (stamp: string): Buffer => {
      const headLength = whole.readDoubleLE(0);
      const head = JSON.parse(whole.subarray(8, 8 + headLength).toString("utf8"));
      const arrays = whole.subarray(8 + Math.ceil(headLength / 8) * 8);
      const next = Buffer.from(JSON.stringify({ ...head, stamp }));
      const size = Buffer.alloc(8);
      size.writeDoubleLE(next.length);
      return Buffer.concat([size, next, Buffer.alloc((8 - (next.length % 8)) % 8), arrays]);
    };
    const ownStamp = JSON.parse(whole.subarray(8, 8 + whole.readDoubleLE(0)).toString("utf8"))
      .stamp as string;
    // Stamped with this very JSONL: the JSONL's stamp and the reading code's hash.
    expect(ownStamp.startsWith(`${first.stamp}@`)).toBe(true);
    fs.writeFileSync(keptPath, restamped(ownStamp));
    expect((await loadCitationGraphIndex(root, fresh)).fromKept).toBe(true);
    // An older build's index (the JSONL's stamp alone), and one of other reading code.
    for (const stamp of [first.stamp, `${first.stamp}@${"0".repeat(64)}`]) {
      fs.writeFileSync(keptPath, restamped(stamp));
      const again = await loadCitationGraphIndex(root, fresh);
      expect(again.fromKept, stamp).toBe(false);
      expect(again.index.graph.references.get(hex(1))).toEqual([hex(2)]);
      expect((await loadCitationGraphIndex(root, fresh)).fromKept).toBe(true);
    }
  });

  it("lets go of the app's kept index once no page asked for it for a while", async () => {
    const { root } = oneList();
    // 1 s idle: two gets in a row stay well inside it even on a loaded machine (40 ms did not).
    const graphs = citationGraphCache({ ...fresh, idleMs: 1_000 });
    await graphs.get(root);
    await graphs.get(root);
    expect(graphs.reads).toBe(1);
    await new Promise((done) => setTimeout(done, 1_300));
    const again = await graphs.get(root);
    expect(graphs.reads).toBe(2);
    expect(again.fromKept).toBe(true);
    expect(again.index.graph.references.get(hex(1))).toEqual([hex(2)]);
  });
});
