/**
 * Graph answers of the fake Semantic Scholar (`POST /paper/batch` with nested references and
 * citations) for `refresh --graph` tests: papers looked up in a batch answer file by S2 id or
 * `ARXIV:` id (null for any other id, as S2 answers unknown ids), or every id answered by the
 * recorded Turing paper with nested lists, stamped with an id of its own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeApiServer, FakeReply } from "./fake-api-server.js";
import { SYNTHETIC_FIXTURES } from "./fake-api-server.js";

export const GRAPH_BATCH = { method: "POST", path: "/graph/v1/paper/batch" };
export const GRAPH_PAGES = {
  method: "GET",
  path: /^\/graph\/v1\/paper\/[^/]+\/(citations|references)$/,
};

interface BatchPaper {
  paperId: string;
  externalIds?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** Answers graph batches from a batch answer file (default: the ResNet + ViT SHAPED one). */
export function serveGraphFromFile(
  server: FakeApiServer,
  file = join(SYNTHETIC_FIXTURES, "s2-batch-graph-resnet-vit.SHAPED.json"),
): void {
  const papers = JSON.parse(readFileSync(file, "utf8")) as BatchPaper[];
  const find = (id: string) =>
    papers.find(
      (p) =>
        p.paperId === id ||
        (id.toUpperCase().startsWith("ARXIV:") && p.externalIds?.ArXiv === id.slice(6)),
    ) ?? null;
  server.handle(GRAPH_BATCH, (req): FakeReply => {
    const { ids } = JSON.parse(req.body) as { ids: string[] };
    return { status: 200, body: JSON.stringify(ids.map(find)) };
  });
}

/**
 * Answers every id of a graph batch with the recorded Turing paper (14 references, 6 of them
 * unresolved, 20 citations; `citationCount` 10059) under a paper id made from the id's digits;
 * `referenceCount` claims more references than the 14 sent. Pages are served too
 * (`serveRecordedPages`).
 */
export function serveRecordedGraph(
  server: FakeApiServer,
  fixturesDir: string,
  opts: { delayMs?: number; referenceCount?: number } = {},
): void {
  serveRecordedPages(server, fixturesDir, opts);
  const text = readFileSync(
    join(fixturesDir, "semanticscholar/wave2/s2-paper-full-fields-nested-refs-cits.TRIMMED.json"),
    "utf8",
  );
  server.handle(GRAPH_BATCH, (req): FakeReply => {
    const { ids } = JSON.parse(req.body) as { ids: string[] };
    const items = ids.map((id) => {
      const p = JSON.parse(text) as BatchPaper;
      p.paperId = Number(/\d+/.exec(id)?.[0] ?? 0)
        .toString(16)
        .padStart(40, "0");
      p.externalIds = { CorpusId: Number(/\d+/.exec(id)?.[0] ?? 0) };
      // A paper with more references than the nested list sent (S2 cut it short).
      if (opts.referenceCount !== undefined) p.referenceCount = opts.referenceCount;
      return p;
    });
    return {
      status: 200,
      body: JSON.stringify(items),
      ...(opts.delayMs ? { delayMs: opts.delayMs } : {}),
    };
  });
}

/**
 * Answers `/paper/{id}/citations` (and `/references`) pages as the recorded ones are shaped
 * (`{offset, next?, data: [{citingPaper: {paperId, title}}]}`, no `next` on the last page): the
 * recorded paper's 1,881 citations (pages at offset 0, 100 and the last at 1,800, 81 entries,
 * some unresolved), item i being recorded item i mod 281 with a paper id of its own, so a paper
 * pages through 1,881 citations to the last page whatever offset and limit it asks.
 */
export function serveRecordedPages(
  server: FakeApiServer,
  fixturesDir: string,
  opts: { delayMs?: number } = {},
): void {
  const dir = join(fixturesDir, "semanticscholar");
  const load = (f: string) =>
    (JSON.parse(readFileSync(join(dir, f), "utf8")) as { data: Record<string, unknown>[] }).data;
  const citations = [
    ...load("s2-paper-citations-offset0-limit100.json"),
    ...load("wave2/s2-paper-citations-offset100-limit100.json"),
    ...load("wave2/s2-paper-citations-offset1800-limit100-lastpage.json"),
  ];
  const references = [
    ...load("s2-paper-references-offset0-limit50.json"),
    ...load("wave2/s2-paper-references-offset50-limit50-lastpage.json"),
  ];
  const totals = { citations: 1881, references: references.length };
  server.handle(GRAPH_PAGES, (req): FakeReply => {
    const kind = req.path.endsWith("/citations") ? "citations" : "references";
    const paper = /\/paper\/([^/]+)\//.exec(req.path)?.[1] ?? "";
    const pool = kind === "citations" ? citations : references;
    const offset = Number(req.query.get("offset") ?? 0);
    const limit = Number(req.query.get("limit") ?? 100);
    const end = Math.min(totals[kind], offset + limit);
    const data = [];
    for (let i = offset; i < end; i++) {
      const row = structuredClone(pool[i % pool.length]) as Record<string, { paperId: unknown }>;
      const linked = row[kind === "citations" ? "citingPaper" : "citedPaper"];
      if (linked && linked.paperId !== null) {
        linked.paperId = `c${paper.slice(-19)}${i.toString(16).padStart(20, "0")}`;
      }
      data.push(row);
    }
    const body = { offset, ...(end < totals[kind] ? { next: end } : {}), data };
    return {
      status: 200,
      body: JSON.stringify(body),
      ...(opts.delayMs ? { delayMs: opts.delayMs } : {}),
    };
  });
}
