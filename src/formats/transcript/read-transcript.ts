import type { TranscriptRead } from "../../core/index.js";
import { parseBilibiliSubtitle } from "./bilibili-json.js";
import { decodeSubtitleBytes } from "./decode-text.js";
import { parseSrt } from "./srt.js";
import { parseWebVtt } from "./webvtt.js";
import { parseYoutubeJson3 } from "./youtube-json3.js";

export type TranscriptFormat = "webvtt" | "srt" | "bilibili-json" | "youtube-json3";

/** The readers by format, as data: each maps its text to the core's cues. */
const READERS: Record<TranscriptFormat, (text: string, file: string) => TranscriptRead> = {
  webvtt: parseWebVtt,
  srt: parseSrt,
  "bilibili-json": parseBilibiliSubtitle,
  "youtube-json3": parseYoutubeJson3,
};

/** File name endings of the formats (what `transcript add COURSE FOLDER` picks up). */
export const TRANSCRIPT_EXTENSIONS: Record<string, TranscriptFormat> = {
  ".vtt": "webvtt",
  ".webvtt": "webvtt",
  ".srt": "srt",
  ".json": "bilibili-json",
};

export interface ReadTranscriptFile extends TranscriptRead {
  format: TranscriptFormat;
  encoding: string;
}

/** The format of a subtitle file: its content's signature first, then its name's ending. */
export function transcriptFormat(text: string, file: string): TranscriptFormat {
  const head = text.replace(/^\ufeff/, "").trimStart();
  if (head.startsWith("WEBVTT")) return "webvtt";
  if (head.startsWith("{")) {
    // json3 names `wireMagic` and `events` first; bilibili's has `body`.
    const start = head.slice(0, 4000);
    return /"(wireMagic|events)"\s*:/.test(start) && !/"body"\s*:/.test(start)
      ? "youtube-json3"
      : "bilibili-json";
  }
  const dot = file.lastIndexOf(".");
  return TRANSCRIPT_EXTENSIONS[dot < 0 ? "" : file.slice(dot).toLowerCase()] ?? "srt";
}

/**
 * A subtitle file's bytes as cues: the encoding detected (UTF-8/16, else GBK, Big5), the format
 * from its signature or name, read by that format's reader; problems name file:line.
 * @example readTranscriptFile(readFileSync("57.srt"), { file: "57.srt" }).cues.length
 */
export function readTranscriptFile(bytes: Uint8Array, opts: { file: string }): ReadTranscriptFile {
  const { text, encoding } = decodeSubtitleBytes(bytes);
  const format = transcriptFormat(text, opts.file);
  return { ...READERS[format](text, opts.file), format, encoding };
}
