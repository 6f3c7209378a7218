import type { DiagnosticSink } from "./diagnostics.js";

/** Counts a text states by hand (`总论文数 67，录制完成数 32`), with the line they are on. */
export interface StatedCounts {
  papers?: number;
  covered?: number;
  /** Line index of the statement. */
  index: number;
}

const PAPERS = /(?:总论文数|论文总数|total papers)\s*[:：]?\s*(\d+)/i;
const COVERED = /(?:录制完成数|已录制数|recorded(?: papers)?\s*[:：])\s*[:：]?\s*(\d+)/i;

/** Finds the first line stating a paper total and/or a recorded count, outside code and tables. */
export function findStatedCounts(
  lines: string[],
  fenced: Set<number>,
  from: number,
  to: number,
): StatedCounts | undefined {
  for (let i = from; i < to; i++) {
    const line = lines[i] as string;
    if (fenced.has(i) || line.trimStart().startsWith("|")) continue;
    const papers = PAPERS.exec(line);
    const covered = COVERED.exec(line);
    if (!papers && !covered) continue;
    const stated: StatedCounts = { index: i };
    if (papers) stated.papers = Number(papers[1]);
    if (covered) stated.covered = Number(covered[1]);
    return stated;
  }
  return undefined;
}

/** Warns (`stated-count-mismatch`) when stated counts disagree with the tables; returns them. */
export function checkStatedCounts(
  stated: StatedCounts | undefined,
  actual: { papers: number; covered: number },
  sink: DiagnosticSink,
): { papers?: number; covered?: number } | undefined {
  if (!stated) return undefined;
  const out: { papers?: number; covered?: number } = {};
  if (stated.papers !== undefined) out.papers = stated.papers;
  if (stated.covered !== undefined) out.covered = stated.covered;
  const wrongPapers = stated.papers !== undefined && stated.papers !== actual.papers;
  const wrongCovered = stated.covered !== undefined && stated.covered !== actual.covered;
  if (wrongPapers || wrongCovered) {
    sink.warning(
      "stated-count-mismatch",
      stated.index + 1,
      `the text states ${stated.papers ?? "?"} papers / ${stated.covered ?? "?"} recorded, ` +
        `but its tables hold ${actual.papers} papers / ${actual.covered} recorded`,
      "jingdu computes counts; the stated numbers are not imported.",
    );
  }
  return out;
}
