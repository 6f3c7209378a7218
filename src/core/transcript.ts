/**
 * Transcripts: what was said in an episode, as timed cues. A library keeps each one as a plain
 * WebVTT file, `transcripts/<course>/<n>.vtt`, in one normalized form whatever the input was
 * (docs/library-format.md): the `WEBVTT` line, then per cue its timing line and its text as plain
 * lines (no markup, no cue settings, `&`, `<`, `>` escaped). The readers of outside formats
 * (WebVTT with settings and regions, SRT, bilibili's subtitle JSON) are in `src/formats`; this
 * is the model, the writer of the normalized form and its reader (tolerant of a hand edit).
 */
import type { Diagnostic } from "./diagnostic.js";

/** One cue: when it is said (seconds, millisecond precision) and its text (lines joined by `\n`). */
export interface TranscriptCue {
  start: number;
  end: number;
  text: string;
}

/** A transcript read from a file: its cues in time order and what was wrong with the rest. */
export interface TranscriptRead {
  cues: TranscriptCue[];
  diagnostics: Diagnostic[];
}

/** Where an episode's transcript lives, relative to the library root. */
export const transcriptPath = (courseId: string, number: number): string =>
  `transcripts/${courseId}/${number}.vtt`;

/** The course and episode number of a transcript path (`transcripts/limu/57.vtt`), if it is one. */
export function transcriptFileRole(path: string): { courseId: string; number: number } | undefined {
  const m = /^transcripts\/([^/.][^/]*)\/([1-9]\d*)\.vtt$/.exec(path);
  return m ? { courseId: m[1] as string, number: Number(m[2]) } : undefined;
}

/** `HH:MM:SS.mmm`, the WebVTT timestamp. @example formatCueTime(754.5) // "00:12:34.500" */
export function formatCueTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** `[HH:]MM:SS.mmm` (`,` also, as SRT writes it) → seconds; undefined for anything else. */
export function parseCueTime(text: string): number | undefined {
  const m = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/.exec(text.trim());
  if (!m) return undefined;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  return h * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const escapeCueText = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&nbsp;": "\u00a0",
  "&lrm;": "\u200e",
  "&rlm;": "\u200f",
};

/**
 * `text` without the spans from `open` to the next `close` on the same line (tags: `<i>`,
 * `{\an8}`); an `open` with no `close` on its line is kept as text. Linear in the text: each
 * search for `close` is remembered, never repeated from every `open` (a regex like
 * `/<[^>\n]*>/g` rescans the line from each `<`, quadratic on a line of `<`).
 * @example stripSpans("<i>a</i> < b", "<", ">") // "a < b"
 */
export function stripSpans(text: string, open: string, close: string): string {
  let out = "";
  let at = 0;
  let closeAt = -2; // the next `close` at or after the last search's start; -1: none left
  let lineEnd = -2;
  while (at < text.length) {
    const start = text.indexOf(open, at);
    if (start < 0) break;
    if (closeAt !== -1 && closeAt < start) closeAt = text.indexOf(close, start + open.length);
    if (lineEnd !== -1 && lineEnd < start) lineEnd = text.indexOf("\n", start);
    if (closeAt < 0 || (lineEnd >= 0 && lineEnd < closeAt)) {
      // No span closes on this line: the rest of it is text.
      const end = lineEnd < 0 ? text.length : lineEnd;
      out += text.slice(at, end);
      at = end;
      continue;
    }
    out += text.slice(at, start);
    at = closeAt + close.length;
  }
  return out + text.slice(at);
}

/** Cue text as plain text: tags (`<v Name>`, `<c.x>`, `<00:01.000>`) dropped, entities decoded. */
export function plainCueText(text: string): string {
  return stripSpans(text, "<", ">")
    .replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (e) => ENTITIES[e] ?? e)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * What a transcript says of itself, as `Key: value` lines of the WebVTT header (below `WEBVTT`,
 * before the first blank line, where players ignore them, as YouTube's `Kind:`/`Language:`):
 * where it was fetched from and whether a machine made it.
 */
export interface TranscriptHeader {
  /** Where the cues came from: the video at the part (`https://www.bilibili.com/video/BV…/?p=57`). */
  source?: string;
  /** The subtitle's language as the source names it (`ai-zh`, `zh-CN`), and its name. */
  language?: string;
  /** Made by speech recognition, not by a person (bilibili's AI subtitles). */
  aiGenerated?: boolean;
  /** When it was fetched (ISO date). */
  fetched?: string;
}

const HEADER_KEYS: [keyof TranscriptHeader, string][] = [
  ["source", "Source"],
  ["language", "Language"],
  ["aiGenerated", "AI-Generated"],
  ["fetched", "Fetched"],
];

/** The header lines of a transcript (none for a file the user attached). */
function headerLines(header: TranscriptHeader): string[] {
  return HEADER_KEYS.flatMap(([key, name]) => {
    const value = header[key];
    if (value === undefined || value === false) return [];
    const text = value === true ? "yes" : String(value).replace(/\s+/g, " ").replaceAll("-->", "→");
    return [`${name}: ${text}`];
  });
}

/**
 * Reads the header lines `serializeTranscript` writes (others are ignored).
 * @example readTranscriptHeader("WEBVTT\nAI-Generated: yes\n\n…") // { aiGenerated: true }
 */
export function readTranscriptHeader(text: string): TranscriptHeader {
  const header: TranscriptHeader = {};
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  for (const line of lines.slice(1)) {
    if (line.trim() === "") break;
    const at = line.indexOf(": ");
    const entry = HEADER_KEYS.find(([, name]) => name === line.slice(0, at));
    if (at < 0 || !entry) continue;
    const value = line.slice(at + 2).trim();
    if (entry[0] === "aiGenerated") header.aiGenerated = value === "yes";
    else header[entry[0]] = value;
  }
  return header;
}

/**
 * The normalized WebVTT of a transcript: cues sorted by start, each as its timing line and its
 * text; cues without text are left out (they say nothing to search or show). A header, when
 * given, goes below `WEBVTT` as `Key: value` lines.
 * @example serializeTranscript([{ start: 1, end: 2, text: "你好" }]) // "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n你好\n"
 */
export function serializeTranscript(
  cues: readonly TranscriptCue[],
  header: TranscriptHeader = {},
): string {
  const blocks = [...cues]
    .filter((c) => c.text.trim() !== "")
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((c) => {
      const lines = c.text
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.includes("-->"));
      return `${formatCueTime(c.start)} --> ${formatCueTime(c.end)}\n${lines.map(escapeCueText).join("\n")}\n`;
    });
  return [["WEBVTT", ...headerLines(header), ""].join("\n"), ...blocks].join("\n");
}

const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/;

/**
 * Reads a transcript file of the library (the normalized form; a plain WebVTT file edited by hand
 * reads too: NOTE and STYLE blocks are skipped, cue ids and settings ignored, markup dropped). A
 * cue whose timing cannot be read is reported with its line and left out.
 */
export function parseTranscript(text: string, file: string): TranscriptRead {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  const cues: TranscriptCue[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!lines[0]?.startsWith("WEBVTT")) {
    diagnostics.push({
      level: "warning",
      rule: "transcript-no-signature",
      message: "a transcript file starts with `WEBVTT`",
      file,
      line: 1,
    });
  }
  let i = 0;
  while (i < lines.length) {
    // A block: consecutive non-blank lines.
    while (i < lines.length && (lines[i] as string).trim() === "") i++;
    const start = i;
    while (i < lines.length && (lines[i] as string).trim() !== "") i++;
    const block = lines.slice(start, i);
    if (block.length === 0 || start === 0) continue;
    const timingAt = block.findIndex((l) => l.includes("-->"));
    if (timingAt < 0) continue; // NOTE, STYLE, REGION or a header line
    const m = TIMING.exec((block[timingAt] as string).trim());
    const from = m ? parseCueTime(m[1] as string) : undefined;
    const to = m ? parseCueTime(m[2] as string) : undefined;
    if (from === undefined || to === undefined || to < from) {
      diagnostics.push({
        level: "warning",
        rule: "transcript-bad-cue",
        message: `a cue timing that cannot be read: ${JSON.stringify(block[timingAt])}; cue left out`,
        file,
        line: start + timingAt + 1,
      });
      continue;
    }
    const cueText = plainCueText(block.slice(timingAt + 1).join("\n"));
    if (cueText !== "") cues.push({ start: from, end: to, text: cueText });
  }
  cues.sort((a, b) => a.start - b.start);
  return { cues, diagnostics };
}

/**
 * The cue being said at `seconds`: the last one starting at or before it, found by binary search
 * over cues sorted by start.
 * @example cueAt(cues, 754) // the cue of 12:34
 */
export function cueAt(cues: readonly TranscriptCue[], seconds: number): TranscriptCue | undefined {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid] as TranscriptCue).start <= seconds) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? undefined : cues[found];
}
