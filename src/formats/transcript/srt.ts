import {
  type Diagnostic,
  parseCueTime,
  stripSpans,
  type TranscriptRead,
} from "../../core/index.js";

/** `00:00:07,000 --> 00:00:11,890`, maybe followed by SRT's `X1:… Y1:…` position. */
const TIMING = /^\s*(\d+:\d{2}:\d{2}[,.]\d{3})\s*-->\s*(\d+:\d{2}:\d{2}[,.]\d{3})(?:\s.*)?$/;
/** Without the markup SRT files carry: HTML-like `<i>`, `<font color=…>`, ASS overrides `{\an8}`. */
const withoutMarkup = (line: string): string => stripSpans(stripSpans(line, "<", ">"), "{\\", "}");

const plain = (lines: readonly string[]): string =>
  lines
    .map((l) => withoutMarkup(l).trim())
    .filter((l) => l !== "")
    .join("\n");

/**
 * A SubRip (`.srt`) file as cues. Blocks are an optional counter line, a timing line and text
 * lines; a block without a timing line continues the cue before it (a blank line inside a cue),
 * or is reported when there is none. A cue without text, or whose timing cannot be read, is
 * reported with its line and left out; a timing written with `.` for `,` is read and noted.
 */
export function parseSrt(text: string, file: string): TranscriptRead {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  // A cue's text as its blocks, joined at the end: appending to one string and trimming it per
  // block copies the cue each time, quadratic in a cue of many blank-line-separated blocks.
  const cues: { start: number; end: number; parts: string[] }[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, message: string) =>
    diagnostics.push({ level: "warning", rule: "transcript-bad-cue", message, file, line });
  let i = 0;
  let previousHadText = false;
  while (i < lines.length) {
    while (i < lines.length && (lines[i] as string).trim() === "") i++;
    const start = i;
    while (i < lines.length && (lines[i] as string).trim() !== "") i++;
    const block = lines.slice(start, i);
    if (block.length === 0) break;
    let t = /^\s*\d+\s*$/.test(block[0] as string) && block.length > 1 ? 1 : 0;
    if (!(block[t] as string).includes("-->")) {
      const last = cues[cues.length - 1];
      if (last && previousHadText) last.parts.push(plain(block));
      else report(start + 1, `not a cue (no timing line): ${JSON.stringify(block[0])}; left out`);
      continue;
    }
    const timing = TIMING.exec(block[t] as string);
    const from = timing ? parseCueTime(timing[1] as string) : undefined;
    const to = timing ? parseCueTime(timing[2] as string) : undefined;
    const line = start + t + 1;
    if (from === undefined || to === undefined || to < from) {
      report(line, `a cue timing that cannot be read: ${JSON.stringify(block[t])}; cue left out`);
      previousHadText = false;
      continue;
    }
    if (/\d\.\d{3}/.test(block[t] as string)) {
      report(line, "a timing with `.` where SRT writes `,`; read anyway");
    }
    t++;
    const cueText = plain(block.slice(t));
    previousHadText = cueText !== "";
    if (cueText === "") {
      report(line, "a cue without text; left out");
      continue;
    }
    cues.push({ start: from, end: to, parts: [cueText] });
  }
  cues.sort((a, b) => a.start - b.start);
  const read = cues.map(({ start, end, parts }) => ({
    start,
    end,
    text: parts.filter((p) => p !== "").join("\n"),
  }));
  return { cues: read, diagnostics };
}
