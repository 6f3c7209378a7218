import type { Episode } from "../../core/index.js";

/** How a subtitle file was matched to an episode. */
export type MatchedBy = "part" | "number" | "title";

export interface TranscriptFileMatch {
  file: string;
  episode: number;
  by: MatchedBy;
}

export interface TranscriptFilesMatched {
  matched: TranscriptFileMatch[];
  /** Files given no episode, each with why. */
  unmatched: { file: string; reason: string }[];
  /** Episodes no file was matched to. */
  missing: number[];
}

/** Numbers a name marks as a part or episode: `P57`, `第57集`, `EP57`, `E57`, `#57`, `Lecture 57`. */
const MARKED = [
  /(?:^|[^a-z])p(?:art)?\s*0*(\d{1,4})(?!\d)/i,
  /第\s*0*(\d{1,4})\s*[集讲講课課期节節回话話部]/,
  /(?:^|[^a-z])(?:ep|episode|lecture|lec)\s*[.#-]?\s*0*(\d{1,4})(?!\d)/i,
  /#\s*0*(\d{1,4})(?!\d)/,
];
/** A name that starts with a number (`057 残差网络.srt`, `57.vtt`, `57-resnet.json`). */
const LEADING = /^0*(\d{1,4})(?!\d)(?![.,]\d)/;

const normalized = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

const stemOf = (file: string): string => {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
};

function numberIn(stem: string): number | undefined {
  for (const re of MARKED) {
    const m = re.exec(stem);
    if (m) return Number(m[1]);
  }
  const m = LEADING.exec(stem.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Matches subtitle files to a course's episodes: by a part or episode number in the name (`P57`,
 * `第57集`, `057 …`: a bilibili part number first, else the episode number), else by the
 * episode's title inside the name (the longest title found, when only one episode has it). A
 * second file for one episode is reported, not matched.
 * @example matchTranscriptFiles(["P57 残差.srt"], course.episodes).matched // [{ file, episode: 57, by: "part" }]
 */
export function matchTranscriptFiles(
  files: readonly string[],
  episodes: readonly Episode[],
): TranscriptFilesMatched {
  const byPart = new Map<number, number>();
  for (const e of episodes) {
    for (const v of e.videos)
      if (v.part !== undefined && !byPart.has(v.part)) byPart.set(v.part, e.number);
  }
  const numbers = new Set(episodes.map((e) => e.number));
  const titles = episodes
    .map((e) => ({ number: e.number, title: normalized(e.title) }))
    .filter((t) => t.title.length >= 2);
  const taken = new Map<number, string>();
  const matched: TranscriptFileMatch[] = [];
  const unmatched: TranscriptFilesMatched["unmatched"] = [];
  for (const file of [...files].sort()) {
    const stem = stemOf(file);
    const n = numberIn(stem);
    let found: { episode: number; by: MatchedBy } | undefined;
    if (n !== undefined && byPart.has(n)) found = { episode: byPart.get(n) as number, by: "part" };
    else if (n !== undefined && numbers.has(n)) found = { episode: n, by: "number" };
    else {
      const name = normalized(stem);
      const hits = titles.filter((t) => name.includes(t.title));
      const longest = Math.max(0, ...hits.map((t) => t.title.length));
      const best = hits.filter((t) => t.title.length === longest);
      if (best.length === 1)
        found = { episode: (best[0] as { number: number }).number, by: "title" };
      else if (best.length > 1) {
        unmatched.push({
          file,
          reason: `its name fits episodes ${best.map((t) => t.number).join(", ")}`,
        });
        continue;
      }
    }
    if (!found) {
      unmatched.push({
        file,
        reason:
          n === undefined ? "no episode number or title in its name" : `no episode or part ${n}`,
      });
      continue;
    }
    const other = taken.get(found.episode);
    if (other !== undefined) {
      unmatched.push({ file, reason: `episode ${found.episode} already has ${other}` });
      continue;
    }
    taken.set(found.episode, file);
    matched.push({ file, ...found });
  }
  const missing = episodes.map((e) => e.number).filter((n) => !taken.has(n));
  return { matched, unmatched, missing };
}
