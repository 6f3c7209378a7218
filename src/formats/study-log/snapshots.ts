import type { ReferenceLink } from "../../core/index.js";
import { includeAttributes } from "./liquid.js";

/** The blog's trailing block: review reminder and `参考资料快照` (reference snapshots). */
export interface TrailingBlock {
  /** Index of the block's first line; the body ends here. */
  start: number;
  review: boolean;
  references: ReferenceLink[];
  /** Non-blank lines of the block that were not understood (index and text). */
  leftover: { index: number; text: string }[];
}

const MARKERS = [
  /<hr\b[^<>]*class=["']reviewline["']/i,
  /class=["']reviewtip["']/i,
  /class=["']ref_snapshot["']/i,
];
const ITEM = /^\s*[-*+]\s+\[([^\]]+)\]\((.*)\)\s*$/;
const KNOWN = [...MARKERS, /^\s*<\/?p\b[^>]*>\s*$/i];

/** Finds the trailing review/snapshot block after `from`; undefined when there is none. */
export function readTrailingBlock(
  lines: string[],
  fenced: Set<number>,
  from: number,
  origin: string,
): TrailingBlock | undefined {
  let start = -1;
  for (let i = from; i < lines.length; i++) {
    if (!fenced.has(i) && MARKERS.some((m) => m.test(lines[i] as string))) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const block: TrailingBlock = { start, review: false, references: [], leftover: [] };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    if (/class=["']reviewtip["']/i.test(line)) block.review = true;
    const item = ITEM.exec(line);
    if (item) {
      const target = (item[2] as string).trim();
      const archived = /\{%/.test(target) ? includeAttributes(target).url : undefined;
      const url = /^https?:\/\//.test(item[1] as string) ? (item[1] as string) : target;
      const ref: ReferenceLink = { url, origin };
      if (archived && archived !== url) ref.archived = archived;
      if (!block.references.some((r) => r.url === ref.url)) block.references.push(ref);
      continue;
    }
    if (!KNOWN.some((k) => k.test(line))) block.leftover.push({ index: i, text: line });
  }
  return block;
}
