/** Small builders for core Library objects in tests (no files involved). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Course, Library, Paper } from "../../src/core/index.js";
import { makeCourse, makeEpisode, makePaper } from "../../src/core/make-items.js";
import type { FakeApiServer, FakeReply } from "./fake-api-server.js";
import { SYNTHETIC_FIXTURES } from "./fake-api-server.js";

/** A paper known by `ids`, with the schema's defaults for everything else. */
export function paper(id: string, ids: Paper["ids"], extra: Partial<Paper> = {}): Paper {
  return makePaper({ id, ids, ...extra });
}

export function library(papers: Paper[], courses: Course[] = []): Library {
  return {
    settings: { title: "test", language: "en", version: 1 },
    categories: [],
    papers,
    courses,
    progress: { episodes: {}, papers: {} },
    references: [],
  };
}

export function bilibiliCourse(
  id: string,
  bvids: string[],
  kind: Course["source"]["kind"] = "bilibili",
): Course {
  return makeCourse({
    id,
    title: id,
    source: { kind, ...(kind === "bilibili" ? { id: bvids[0] } : {}) },
    episodes: bvids.map((bvid, i) =>
      makeEpisode({
        courseId: id,
        number: i + 1,
        title: `ep ${i + 1}`,
        videos: [
          { site: "bilibili" as const, id: bvid, url: `https://www.bilibili.com/video/${bvid}/` },
        ],
      }),
    ),
  });
}

/** `count` papers known to S2 by CorpusId 1…count. */
export function manyPapers(count: number): Paper[] {
  return Array.from({ length: count }, (_, i) => paper(`p${i + 1}`, { corpusId: i + 1 }));
}

/**
 * Answers POST /paper/batch for any ids from the synthetic template: paper N gets a 40-hex id and
 * `citations(N)` citations. Ids listed in `unknown` get null.
 */
export function serveSyntheticBatch(
  server: FakeApiServer,
  opts: { citations?: (n: number) => number; unknown?: Set<string>; delayMs?: number } = {},
): void {
  const template = readFileSync(join(SYNTHETIC_FIXTURES, "s2-batch-paper.synthetic.json"), "utf8");
  server.handle({ method: "POST", path: "/graph/v1/paper/batch" }, (req): FakeReply => {
    const { ids } = JSON.parse(req.body) as { ids: string[] };
    const items = ids.map((id) => {
      if (opts.unknown?.has(id)) return null;
      const n = Number(/\d+/.exec(id)?.[0] ?? 0);
      const p = JSON.parse(
        template
          .replaceAll("PAPER_ID", n.toString(16).padStart(40, "0"))
          .replace("TITLE", String(n)),
      );
      p.externalIds.CorpusId = n;
      p.citationCount = opts.citations?.(n) ?? n;
      return p;
    });
    return {
      status: 200,
      body: JSON.stringify(items),
      ...(opts.delayMs ? { delayMs: opts.delayMs } : {}),
    };
  });
}
