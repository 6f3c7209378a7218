import type { Diagnostic, TranscriptRead } from "../../core/index.js";

/**
 * bilibili's subtitle JSON (the file a part's `subtitle_url` points at, AI subtitles included):
 * `{ "font_size", "font_color", …, "type"?, "lang"?, "body": [{ "from", "to", "sid"?,
 * "location"?, "content", "music"? }] }`, times in seconds. Only `body[]`'s `from`, `to` and
 * `content` are read; an entry without them is reported (its index as the line) and left out.
 */
export function parseBilibiliSubtitle(text: string, file: string): TranscriptRead {
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    diagnostics.push({
      level: "error",
      rule: "transcript-bad-json",
      message: `not JSON: ${err.message}`,
      file,
      line: 0,
    });
    return { cues: [], diagnostics };
  }
  const body = (data as { body?: unknown } | null)?.body;
  if (!Array.isArray(body)) {
    diagnostics.push({
      level: "error",
      rule: "transcript-bad-json",
      message: "no `body` list: not a bilibili subtitle file",
      file,
      line: 0,
    });
    return { cues: [], diagnostics };
  }
  const cues: TranscriptRead["cues"] = [];
  body.forEach((entry: unknown, index) => {
    const { from, to, content } = (entry ?? {}) as Record<string, unknown>;
    const ok =
      typeof from === "number" &&
      typeof to === "number" &&
      Number.isFinite(from) &&
      to >= from &&
      typeof content === "string";
    if (!ok || content.trim() === "") {
      diagnostics.push({
        level: "warning",
        rule: "transcript-bad-cue",
        message: `body[${index}] has no readable from/to/content; left out`,
        file,
        line: 0,
      });
      return;
    }
    cues.push({ start: from, end: to, text: content.trim() });
  });
  cues.sort((a, b) => a.start - b.start);
  return { cues, diagnostics };
}
