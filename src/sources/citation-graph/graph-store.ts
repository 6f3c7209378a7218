/**
 * Writing `metadata/citation-graph.jsonl` (format: src/core/citation-graph.ts): a fetch appends
 * whole lines under the file's lock (`appendLibraryLines`: one write + fsync per batch, a torn tail
 * of a killed run cut first), and the file is compacted (rewritten atomically through the one
 * writer) once superseded lines make up a good part of it.
 */

import { appendLibraryLines, updateLibraryFile } from "../../base/index.js";
import {
  type CitationGraph,
  type CitationGraphLine,
  parseCitationGraphBytes,
  serializeCitationGraphBytes,
} from "../../core/index.js";
import { citationGraphPath } from "./graph-file.js";

/** Appends graph lines; durable when it returns. */
export async function appendCitationGraph(
  root: string,
  lines: readonly CitationGraphLine[],
): Promise<void> {
  if (lines.length === 0) return;
  await appendLibraryLines(
    citationGraphPath(root),
    lines.map((l) => JSON.stringify(l)),
  );
}

/** The graph without nodes no list names any more (a refetch dropped them). */
export function pruneCitationGraph(graph: CitationGraph): CitationGraph {
  const used = new Set<string>(graph.fetched.keys());
  for (const lists of [graph.references, graph.citations])
    for (const ids of lists.values()) for (const id of ids) used.add(id);
  const papers = new Map([...graph.papers].filter(([s2]) => used.has(s2)));
  return { ...graph, papers };
}

export interface CompactionResult {
  compacted: boolean;
  /** Lines of the file before and after. */
  linesBefore: number;
  linesAfter: number;
}

/**
 * Rewrites the file compacted (superseded, unreadable and orphan lines dropped) when a quarter
 * of its lines or more would go, when a line is unreadable, or when `force`; else leaves it (a
 * rewrite costs the whole file, an append only the batch).
 */
export async function compactCitationGraph(
  root: string,
  opts: { force?: boolean } = {},
): Promise<CompactionResult> {
  const update = await updateLibraryFile<CompactionResult>(citationGraphPath(root), ({ bytes }) => {
    if (bytes === null) return { result: { compacted: false, linesBefore: 0, linesAfter: 0 } };
    // Bytes in and out, a line at a time: no string of the whole file (V8 refuses one past
    // ~512 MB, which a graph of a million papers' lists passes).
    const { graph, problems, lines: linesBefore } = parseCitationGraphBytes(bytes);
    const { bytes: content, lines: linesAfter } = serializeCitationGraphBytes(
      pruneCitationGraph(graph),
    );
    const dropped = linesBefore - linesAfter;
    const due =
      opts.force === true || problems.length > 0 || (dropped > 0 && dropped * 4 >= linesBefore);
    if (!due) return { result: { compacted: false, linesBefore, linesAfter: linesBefore } };
    return { content, result: { compacted: true, linesBefore, linesAfter } };
  });
  return update.result ?? { compacted: false, linesBefore: 0, linesAfter: 0 };
}
