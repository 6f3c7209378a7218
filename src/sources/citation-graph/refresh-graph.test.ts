import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  describeWithFixtures,
  type FakeApi,
  sharedFixturesDir,
  startFakeApi,
} from "../../../test/support/fake-api.js";
import { GRAPH_BATCH, GRAPH_PAGES, serveRecordedGraph } from "../../../test/support/fake-graph.js";
import { library, manyPapers, paper } from "../../../test/support/library-builder.js";
import { parseCitationGraph } from "../../core/index.js";
import { refreshCitationGraph } from "./refresh-graph.js";

const fixtures = sharedFixturesDir();
const DAY = 86_400_000;
const batchSizes = (server: FakeApi) =>
  server.requests
    .filter((r) => r.method === "POST")
    .map((r) => (JSON.parse(r.body) as { ids: string[] }).ids.length);

describeWithFixtures("refresh --graph against the fake Semantic Scholar", () => {
  let server: FakeApi;
  let root: string;
  beforeEach(async () => {
    server = await startFakeApi({ fixturesDir: fixtures as string });
    root = mkdtempSync(join(tmpdir(), "jingdu-graph-"));
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("fetches a 20-paper library in the requests the caps imply, then asks nothing", async () => {
    serveRecordedGraph(server, fixtures as string);
    const sources = server.sources();
    const lib = library([...manyPapers(20), paper("no-id", {})]);
    const first = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    // Unknown counts: 1,000 nested citations + 100 references each, 9 per 9,999: 20 → 9 + 9 + 2.
    expect(first.requests).toBe(3);
    expect(first.plannedRequests).toBe(3);
    expect(first.lowerBound).toBe(3);
    expect(first.message).toContain("3 requests (planned 3; the caps allow no fewer than 3)");
    expect(batchSizes(server)).toEqual([9, 9, 2]);
    expect(server.requests[0]?.query.get("fields")).toContain("citations.citationCount");
    expect(first.summary).toMatchObject({ fetched: 20, skipped: 1, failed: 0 });
    expect(first.items.find((i) => i.label === "no-id")?.reason).toContain("no S2 id");
    // The recorded paper: 14 references of which 6 unresolved → 8 kept; 20 nested citations of
    // its 10,059: S2 cut the list short and the cap (60) wants more, so one page of /citations
    // each (1,000 from offset 20) fills the cap; at most ⌈10,039 / 1,000⌉ = 11 pages a paper.
    expect(first.pages).toMatchObject({ requests: 20, least: 20, most: 220, failed: [] });
    expect(server.count(GRAPH_PAGES)).toBe(20);
    const asked = server.requests.find((r) => r.method === "GET");
    expect(asked?.path).toMatch(/\/paper\/0{39}1\/citations$/);
    expect(asked?.query.get("offset")).toBe("20");
    expect(asked?.query.get("limit")).toBe("1000");
    expect(asked?.query.get("fields")).toContain("citationCount");
    expect(first.message).toContain(
      "+ 20 pages of /references and /citations for 20 lists S2 cut short (the caps need 20 to 220)",
    );
    expect(first.edgesAdded).toBe(20 * (8 + 60));

    const { graph, problems } = parseCitationGraph(
      readFileSync(join(root, "metadata/citation-graph.jsonl"), "utf8"),
    );
    expect(problems).toEqual([]);
    expect(graph.fetched.size).toBe(20);
    const one = [...graph.fetched.keys()][0] as string;
    expect(graph.references.get(one)).toHaveLength(8);
    expect(graph.citations.get(one)).toHaveLength(60);
    expect(graph.fetched.get(one)).toMatchObject({
      citationCount: 10059,
      referenceCount: 14,
      citationsTruncated: true,
    });
    const neighbour = graph.papers.get(graph.citations.get(one)?.[0] as string);
    expect(neighbour?.title).toBeTruthy();
    expect((neighbour?.authors ?? []).length).toBeLessThanOrEqual(3);

    // Within graphMaxAge: nothing is asked.
    const second = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(server.count(GRAPH_BATCH)).toBe(3);
    expect(second.summary).toMatchObject({ fetched: 0, cached: 20 });
    expect(second.outcome).toBe("nothing-to-do");

    // Past it, every paper is asked again (the known counts, 1,000 + 14 each, pack 9 a batch
    // too), and paged again: what comes back adds no edge. A refetch appends 40 lists lines
    // (batch and page) to the 888: superseded lines stay under a quarter for a few refetches,
    // then the file is compacted to one line per paper and list.
    sources.advance(31 * DAY);
    const third = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(third.requests).toBe(3);
    expect(third.pages.requests).toBe(20);
    expect(third.edgesAdded).toBe(0);
    expect(third.compacted).toBe(false);
    // Refetch number k (the one above was the first) until one compacts.
    let refetches = 2;
    for (; refetches <= 12; refetches++) {
      sources.advance(31 * DAY);
      const again = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
      if (again.compacted) break;
    }
    // 4 × (20 + 40 k) ≥ 888 + 40 k from the 7th refetch on.
    expect(refetches).toBe(7);
    const lines = readFileSync(join(root, "metadata/citation-graph.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean);
    const lists = lines.filter((l) => l.includes('"type":"lists"'));
    expect(lists).toHaveLength(20);
  });

  it("remembers ids S2 does not know and does not ask for them again", async () => {
    server.script(GRAPH_BATCH, {
      status: 200,
      body: JSON.stringify([null]),
    });
    const sources = server.sources();
    const lib = library([paper("ghost", { arxiv: "2401.00001" })]);
    const first = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(first.summary["not-found"]).toBe(1);
    expect(JSON.parse(server.requests[0]?.body ?? "{}")).toEqual({ ids: ["ARXIV:2401.00001"] });
    const again = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(server.count(GRAPH_BATCH)).toBe(1);
    expect(again.items[0]?.reason).toContain("did not know ARXIV:2401.00001");
  });

  it("splits a batch S2 finds too large, and stops for a long Retry-After, remembered", async () => {
    serveRecordedGraph(server, fixtures as string);
    server.script(GRAPH_BATCH, {
      status: 400,
      body: '{"error":"Response would exceed maximum size...."}',
    });
    const sources = server.sources();
    const lib = library(manyPapers(4));
    const split = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(batchSizes(server)).toEqual([4, 2, 2]);
    expect(split.summary).toMatchObject({ fetched: 4, failed: 0 });

    server.script(GRAPH_BATCH, {
      status: 429,
      headers: { "retry-after": "86400" },
      fixture: "semanticscholar/s2-429-too-many-requests.OBSERVED.json",
    });
    sources.advance(31 * DAY);
    const held = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(server.count(GRAPH_BATCH)).toBe(4);
    expect(held.outcome).toBe("failed");
    expect(held.summary.skipped).toBe(4);
    expect(held.stopped?.message).toMatch(/Retry-After 86400 s/);
    sources.advance(3_600_000);
    const later = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(server.count(GRAPH_BATCH)).toBe(4);
    expect(later.stopped?.message).toMatch(/^not asked: Semantic Scholar is left alone until/);
    // What was fetched before stays readable and whole.
    const { graph } = parseCitationGraph(
      readFileSync(join(root, "metadata/citation-graph.jsonl"), "utf8"),
    );
    expect(graph.fetched.size).toBe(4);
  });

  it("keeps what sources.s2.graphCitations / graphReferences allow, the most cited first", async () => {
    serveRecordedGraph(server, fixtures as string);
    const sources = server.sources({
      tweak: (s) => {
        s.graphCaps.citations = 5;
        s.graphCaps.references = 2;
      },
    });
    await refreshCitationGraph({ library: library(manyPapers(1)), libraryRoot: root, sources });
    const { graph } = parseCitationGraph(
      readFileSync(join(root, "metadata/citation-graph.jsonl"), "utf8"),
    );
    const [s2] = [...graph.fetched.keys()] as [string];
    const cited = (graph.citations.get(s2) ?? []).map(
      (id) => graph.papers.get(id)?.citationCount ?? 0,
    );
    expect(cited).toHaveLength(5);
    expect([...cited].sort((a, b) => b - a)).toEqual(cited);
    expect(graph.references.get(s2)).toHaveLength(2);
    expect(graph.fetched.get(s2)).toMatchObject({
      referencesTruncated: true,
      citationsTruncated: true,
    });
    // Nodes no kept list names are not stored.
    expect(graph.papers.size).toBe(1 + 5 + 2);
  });

  it("pages a list S2 cut short to the last page, through 429s", async () => {
    // 14 references sent of 67 (the recorded paged references: 67, 23 unresolved), and 20
    // citations of 10,059: each list goes on in the paged endpoint from where it stopped.
    serveRecordedGraph(server, fixtures as string, { referenceCount: 67 });
    const sources = server.sources();
    const lib = library(manyPapers(1));
    // S2 says wait a day on the first page: the run stops there, the lists are kept to go on.
    server.script(GRAPH_PAGES, {
      status: 429,
      headers: { "retry-after": "86400" },
      fixture: "semanticscholar/s2-429-too-many-requests.OBSERVED.json",
    });
    const held = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    expect(held.summary.fetched).toBe(1);
    expect(held.outcome).toBe("partial");
    expect(held.stopped?.message).toMatch(/Retry-After 86400 s/);
    const state = () =>
      JSON.parse(readFileSync(join(root, ".jingdu/citation-graph-state.json"), "utf8"));
    const [s2] = Object.keys(state().pages) as [string];
    expect(state().pages[s2]).toEqual({ references: 14, citations: 20 });

    // A day later: a short 429 is waited out, then the references to their last page (no
    // `next`) and one page of citations, which fills their cap (60).
    sources.advance(86_400_000 + 1000);
    server.script(GRAPH_PAGES, {
      status: 429,
      headers: { "retry-after": "3" },
      fixture: "semanticscholar/s2-429-too-many-requests.OBSERVED.json",
    });
    const later = await refreshCitationGraph({ library: lib, libraryRoot: root, sources });
    // The paper is fresh (no batch again); its lists go on from the stored offsets.
    expect(server.count(GRAPH_BATCH)).toBe(1);
    expect(sources.sleeps).toContain(3000);
    const asked = server.requests
      .filter((r) => r.method === "GET")
      .map((r) => `${r.path.split("/").pop()} ${r.query.get("offset")}`);
    expect(asked).toEqual(["references 14", "references 14", "references 14", "citations 20"]);
    expect(later.pages).toMatchObject({ requests: 2, least: 2, most: 1 + 11, failed: [] });
    expect(later.message).toContain("(the caps need 2 to 12)");
    expect(later.outcome).toBe("ok");
    const { graph } = parseCitationGraph(
      readFileSync(join(root, "metadata/citation-graph.jsonl"), "utf8"),
    );
    // Every resolved reference of the 67 is kept (under the cap of 200): nothing cut.
    const references = graph.references.get(s2) ?? [];
    expect(references.length).toBeGreaterThan(8 + 20);
    expect(references.length).toBeLessThan(67);
    expect(graph.fetched.get(s2)?.referencesTruncated).toBeUndefined();
    expect(graph.citations.get(s2)).toHaveLength(60);
    expect(state().pages).toEqual({});
  });
});
