import { isEpisodeHeading, parseEpisodeHeading } from "../study-log/headings.js";
import { parseStudyLog } from "../study-log/parse-study-log.js";
import type { SourceLines } from "../study-log/source-lines.js";
import type { StudyLogImport } from "../study-log/types.js";

/**
 * A course log written as a list — a learner's check list of a bilibili course:
 * `- [x] P1 1-1 欢迎 06:58`, `1. 第2集 线性回归 58:10`. Each item that reads as an episode heading
 * (a runtime or a `P` number, the rule headings follow) is read as one, and a ticked box marks the
 * episode done. Only when the items are the list: at least two, and three in four items at their
 * indent. The text is read with those lines turned into headings one level below the document's
 * deepest, so line numbers stay the source's.
 */
const ITEM = /^( {0,3})(?:[-*+]|\d{1,4}[.)])\s+(?:\[([ xX])\]\s+)?(\S.*)$/;
const ATX = /^ {0,3}(#{1,6})\s/;

export function readBulletCourseLog(
  source: SourceLines,
  opts: { file: string; courseId: string },
): StudyLogImport | undefined {
  const { lines, fenced } = source;
  const byIndent = new Map<number, { items: number; episodes: number[] }>();
  const boxes = new Map<number, boolean>();
  let deepest = 1;
  lines.forEach((line, i) => {
    if (fenced.has(i)) return;
    const heading = ATX.exec(line);
    if (heading) deepest = Math.max(deepest, (heading[1] as string).length);
    const m = ITEM.exec(line);
    if (!m) return;
    const indent = (m[1] as string).length;
    const at = byIndent.get(indent) ?? { items: 0, episodes: [] };
    at.items++;
    if (isEpisodeHeading(parseEpisodeHeading(m[3] as string))) {
      at.episodes.push(i);
      if (m[2] !== undefined) boxes.set(i, m[2] !== " ");
    }
    byIndent.set(indent, at);
  });
  const best = [...byIndent.values()].sort((a, b) => b.episodes.length - a.episodes.length)[0];
  if (!best || best.episodes.length < 2 || best.episodes.length * 4 < best.items * 3) {
    return undefined;
  }
  if (deepest >= 6) return undefined;
  const marks = "#".repeat(deepest + 1);
  const rewritten = [...lines];
  for (const i of best.episodes) {
    rewritten[i] = `${marks} ${(ITEM.exec(lines[i] as string) as RegExpExecArray)[3]}`;
  }
  // One line for one line: every diagnostic and every episode keeps its source line.
  const read = parseStudyLog(rewritten.join("\n"), opts);
  const episodes = read.course?.episodes ?? [];
  if (episodes.length < 2) return undefined;
  const progress = read.progress.episodes[opts.courseId] ?? {};
  for (const e of episodes) {
    const line = (e.at?.line ?? 0) - 1;
    if (boxes.get(line) === true && progress[e.number] === undefined) {
      progress[e.number] = { status: "done" };
    }
  }
  if (Object.keys(progress).length > 0) read.progress.episodes[opts.courseId] = progress;
  return read;
}
