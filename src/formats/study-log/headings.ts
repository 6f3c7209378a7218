import { looksLikeTime, parseRuntime } from "../../core/index.js";

/** An ATX heading (`## title`) found outside fenced code. */
export interface Heading {
  /** Line index in the source. */
  index: number;
  level: number;
  text: string;
}

/** What an episode heading says: title, the series' own number/label, and its runtime. */
export interface EpisodeHeading {
  title: string;
  /** From a `P16` prefix. */
  number?: number;
  /** `P16 [2.11.1]`. */
  label?: string;
  runtime?: number;
  /** A time-shaped but invalid runtime (`61:99`), kept in the title. */
  invalidRuntime?: string;
  /** A valid but implausible runtime (`135:25`: three-digit minutes, likely a part number glued on). */
  implausibleRuntime?: string;
  /** A check mark closing the heading (`… 59:31 ✅`): the episode is done. */
  done?: boolean;
}

/** A check mark at the end of a heading: the learner's "watched". */
const DONE_MARK = /\s?(?:✅|✔️?|☑️?|\[[xX]\])$/u;
/** A runtime written in words at the end: `23分15秒`, `1小时2分`, `74 min`, `58 mins`. */
const WORDED_TIME =
  /(?:(\d{1,2})\s?(?:小时|h|hours?)\s?)?(\d{1,3})\s?(?:分钟?|mins?|minutes)\s?(?:(\d{1,2})\s?(?:秒|s|sec))?(?=\s?[)）\]】]?$)/;
/** A label before a runtime line's time: `时长：1:14:20`, `Duration: 12:30`. */
const RUNTIME_LABEL = /^(?:时长|长度|视频时长|runtime|duration|length)\s?[:：]\s?/i;

/** The time of a runtime line, its label (`时长：`) removed. */
export function runtimeLineText(line: string): string {
  return line.trim().replace(RUNTIME_LABEL, "");
}

/** `23分15秒` → `23:15`, `1小时2分` → `1:02:00`, so the time readers take it. */
function wordedTimeAsClock(text: string): string {
  return text.replace(
    WORDED_TIME,
    (whole, h: string | undefined, m: string, sec: string | undefined) => {
      const mm = Number(m);
      const ss = String(Number(sec ?? 0)).padStart(2, "0");
      if (h !== undefined) return `${Number(h)}:${String(mm).padStart(2, "0")}:${ss}`;
      return mm >= 60 ? whole : `${mm}:${ss}`;
    },
  );
}

/**
 * A series' own label before the title: `1-1.`, `1.5`, `【十-4】`, `第3讲` (kept as `label`).
 * Bounded repetitions only, so the scan is linear.
 */
const LABEL =
  /^(【[^】]{1,16}】|第[\d一二三四五六七八九十百]{1,6}[讲课章节集]|\d{1,3}(?:[-.]\d{1,3}){1,3}\.?|\d{1,3}\.)(?=\s|$|[\p{Script=Han}]|[:：])[:：]?\s*/u;
/** A runtime in parentheses or brackets at the end (`第1讲 课程安排（12:30）`, `[1:02:03]`). */
const WRAPPED_TIME = /[(（[【]\s?(\d{1,3}:\d{2}(?::\d{2})?)\s?[)）\]】]$/;
/** A runtime glued to the title's last character (`（修后）42:04`). */
const GLUED_TIME = /(?<![\d:])(\d{1,3}:\d{2}(?::\d{2})?)$/;
/** Backslash escapes of Markdown punctuation (`\_`, `\*`) a title shows without the backslash. */
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|~<>])/g;

const ATX_OPEN = /^ {0,3}(#{1,6})[ \t]/;
const PART = /^P(\d{1,4})(?=[\s[:：\-—]|$)(?:\s*(\[[^\]]*\]))?\s*(?:-{1,3}|—{1,2}|:|：)?\s*/;

/** Every ATX heading between `from` and `to`, skipping fenced code. */
export function findHeadings(lines: string[], fenced: Set<number>, from: number, to: number) {
  const headings: Heading[] = [];
  for (let i = from; i < to; i++) {
    if (fenced.has(i)) continue;
    const m = atxHeading(lines[i] as string);
    if (m) headings.push({ index: i, level: m.level, text: m.text.trim() });
  }
  return headings;
}

const isBlank = (c: string | undefined) => c === " " || c === "\t";

/**
 * An ATX heading's level and text, as `/^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/` reads
 * it, without the regex: its lazy text before optional blanks backtracked quadratically on a
 * heading of 100,000 spaces.
 */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  const open = ATX_OPEN.exec(line);
  if (!open) return undefined;
  let start = open[0].length;
  while (isBlank(line[start])) start++;
  let end = line.length;
  while (end > start && isBlank(line[end - 1])) end--;
  // A closing run of `#` counts when blanks stand before it (a text of only `#` is the text).
  let hashes = end;
  while (hashes > start && line[hashes - 1] === "#") hashes--;
  if (hashes < end && hashes > start && isBlank(line[hashes - 1])) {
    end = hashes;
    while (end > start && isBlank(line[end - 1])) end--;
  }
  return { level: (open[1] as string).length, text: line.slice(start, end) };
}

/** Reads `P16 [2.11.1] -- 标题 08:39` / `标题 1:27:05` / `标题` into its parts. */
export function parseEpisodeHeading(text: string): EpisodeHeading {
  let rest = text.trim();
  const out: EpisodeHeading = { title: rest };
  const done = DONE_MARK.exec(rest);
  if (done && done.index > 0) {
    out.done = true;
    rest = rest.slice(0, done.index).trim();
  }
  rest = wordedTimeAsClock(rest);
  const part = PART.exec(rest);
  if (part && (part[0].length < rest.length || part[2] !== undefined)) {
    out.number = Number(part[1]);
    out.label = part[2] ? `P${part[1]} ${part[2]}` : `P${part[1]}`;
    rest = rest.slice(part[0].length).trim();
    // `P1 1-1 欢迎`: the series' own label after the part number joins it (`P1 1-1`).
    const label = part[2] ? null : LABEL.exec(rest);
    if (label && label[0].length < rest.length) {
      out.label = `${out.label} ${(label[1] as string).replace(/\.$/, "")}`;
      rest = rest.slice(label[0].length).trim();
    }
  }
  if (out.label === undefined) {
    const label = LABEL.exec(rest);
    if (label && label[0].length < rest.length) {
      out.label = (label[1] as string).replace(/\.$/, "");
      rest = rest.slice(label[0].length).trim();
    }
  }
  const wrapped = WRAPPED_TIME.exec(rest);
  let last = wrapped
    ? { before: rest.slice(0, wrapped.index), word: wrapped[1] as string }
    : lastWord(rest);
  if (!(last && looksLikeTime(last.word))) {
    const glued = GLUED_TIME.exec(rest);
    last = glued ? { before: rest.slice(0, glued.index), word: glued[1] as string } : undefined;
  }
  if (last && looksLikeTime(last.word)) {
    const runtime = parseRuntime(last.word);
    if (runtime === undefined) out.invalidRuntime = last.word;
    else if (/^\d{3,}:\d{2}$/.test(last.word)) out.implausibleRuntime = last.word;
    else {
      out.runtime = runtime;
      rest = last.before.trim();
    }
  }
  out.title = rest.replace(ESCAPE, "$1");
  return out;
}

/** The text's last blank-separated word and what comes before its blanks (`/^(.*?)\s+(\S+)$/`). */
function lastWord(text: string): { before: string; word: string } | undefined {
  let i = text.length;
  while (i > 0 && !/\s/.test(text[i - 1] as string)) i--;
  if (i === text.length || i === 0) return undefined;
  const word = text.slice(i);
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  return { before: text.slice(0, i), word };
}

/** True when the heading marks an episode: it has a runtime (even an invalid one) or a P-number. */
export function isEpisodeHeading(h: EpisodeHeading): boolean {
  return (
    h.runtime !== undefined ||
    h.invalidRuntime !== undefined ||
    h.implausibleRuntime !== undefined ||
    h.number !== undefined
  );
}

/** The first line near the top of a section that holds only a time, before any sub-heading. */
export function findRuntimeLine(
  lines: string[],
  fenced: Set<number>,
  from: number,
  to: number,
  maxNonBlank = 12,
): number | undefined {
  let seen = 0;
  for (let i = from; i < to && seen < maxNonBlank; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    if (fenced.has(i) || atxHeading(lines[i] as string)) return undefined;
    if (looksLikeTime(runtimeLineText(line))) return i;
    seen++;
  }
  return undefined;
}
