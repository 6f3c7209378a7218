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
 * unresolved, 20 citations; `citationCount` 10059) under a paper id made from the id's digits.
 */
export function serveRecordedGraph(
  server: FakeApiServer,
  fixturesDir: string,
  opts: { delayMs?: number } = {},
): void {
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
      return p;
    });
    return {
      status: 200,
      body: JSON.stringify(items),
      ...(opts.delayMs ? { delayMs: opts.delayMs } : {}),
    };
  });
}
