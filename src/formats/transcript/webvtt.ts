import webvtt, { type CueNode } from "webvtt-parser";

import type { Diagnostic, TranscriptRead } from "../../core/index.js";

// The package is CommonJS and sets its exports in a loop Node's ESM loader cannot see, so the
// named import works under Vitest but not from dist/: take the class from the default export.
const { WebVTTParser } = webvtt;

/** The parser's messages that mean a cue was left out: its timing line could not be read. */
const CUE_DROPPED = new Set([
  "No timestamp found.",
  "Timestamp must start with a character in the range 0-9.",
  "No time unit separator found.",
  "Must be exactly two digits.",
  "No seconds found or minutes is greater than 59.",
  'No decimal separator (".") found.',
  "Milliseconds must be given in three digits.",
  "You cannot have more than 59 minutes.",
  "You cannot have more than 59 seconds.",
  "No valid timestamp separator found.",
  "Cue identifier cannot be standalone.",
  "Cue identifier needs to be followed by timestamp.",
]);

/**
 * The character references WebVTT defines, with their `;` (the parser's default table lacks it
 * and leaves the `;` in the text).
 */
const ENTITIES = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&lrm;": "\u200e",
  "&rlm;": "\u200f",
  "&nbsp;": "\u00a0",
};

/** Header lines (`Kind: captions`, `Language: en`, old-style `Region:`) are allowed; not reported. */
const HEADER_LINE = "No blank line after the signature.";

function textOf(nodes: readonly CueNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += node.value;
    else if (node.type === "object") out += textOf(node.children);
  }
  return out;
}

const plain = (text: string): string =>
  text
    .split("\n")
    .map((l) => l.replace(/[\u200e\u200f]/g, "").trim())
    .filter((l) => l !== "")
    .join("\n");

/**
 * A WebVTT file as cues, by W3C's parser (webvtt-parser): cue settings, regions, STYLE and NOTE
 * blocks, ids, voices, ruby, timestamps inside cues, entities and a BOM all read; the cue text is
 * kept as plain text (markup dropped, entities decoded). A cue whose timing cannot be read is
 * reported with its line and left out; the rest are kept.
 */
export function parseWebVtt(text: string, file: string): TranscriptRead {
  const { cues, errors } = new WebVTTParser(ENTITIES).parse(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of errors) {
    if (e.message === HEADER_LINE) continue;
    const dropped = CUE_DROPPED.has(e.message);
    diagnostics.push({
      level: dropped ? "warning" : "info",
      rule: dropped ? "transcript-bad-cue" : "transcript-cue-markup",
      message: dropped ? `${e.message} (a cue or line left out)` : e.message,
      file,
      line: e.line,
    });
  }
  return {
    cues: cues
      .map((c) => ({ start: c.startTime, end: c.endTime, text: plain(textOf(c.tree.children)) }))
      .filter((c) => c.text !== ""),
    diagnostics,
  };
}
