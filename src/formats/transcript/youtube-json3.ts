import type { Diagnostic, TranscriptRead } from "../../core/index.js";

/**
 * YouTube's timed text as `fmt=json3` gives it (the caption track's `baseUrl` from the player
 * answer): `{ "wireMagic": "pb3", "pens", "wsWinStyles", "wpWinPositions", "events": [{ "tStartMs",
 * "dDurationMs", "segs": [{ "utf8", "tOffsetMs"?, "acAsrConf"? }], "wWinId"?, "aAppend"? }] }`,
 * times in milliseconds. No official documentation exists; the fields are srv3's XML attributes
 * under their long names (see test/fixtures/sources/README.md). An event's `segs` are joined into
 * one cue; events without text (window set-up, the `aAppend` line breaks of automatic captions)
 * are skipped silently, as players do; an event with text but no time is reported and left out.
 */
export function parseYoutubeJson3(text: string, file: string): TranscriptRead {
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string): TranscriptRead => {
    diagnostics.push({ level: "error", rule: "transcript-bad-json", message, file, line: 0 });
    return { cues: [], diagnostics };
  };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return fail(`not JSON: ${err.message}`);
  }
  const events = (data as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return fail("no `events` list: not a YouTube json3 caption file");
  const cues: TranscriptRead["cues"] = [];
  events.forEach((event: unknown, index) => {
    const { tStartMs, dDurationMs, segs } = (event ?? {}) as Record<string, unknown>;
    const said = Array.isArray(segs)
      ? segs
          .map((s) => (s as { utf8?: unknown } | null)?.utf8)
          .filter((u): u is string => typeof u === "string")
          .join("")
          .replace(/\s*\n\s*/g, " ")
          .trim()
      : "";
    if (said === "") return;
    const duration = typeof dDurationMs === "number" ? dDurationMs : 0;
    if (typeof tStartMs !== "number" || !Number.isFinite(tStartMs) || !(duration >= 0)) {
      diagnostics.push({
        level: "warning",
        rule: "transcript-bad-cue",
        message: `events[${index}] has text but no readable tStartMs/dDurationMs; left out`,
        file,
        line: 0,
      });
      return;
    }
    cues.push({ start: tStartMs / 1000, end: (tStartMs + duration) / 1000, text: said });
  });
  cues.sort((a, b) => a.start - b.start);
  return { cues, diagnostics };
}
