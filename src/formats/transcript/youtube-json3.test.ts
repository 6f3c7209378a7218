import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { readTranscriptFile } from "./read-transcript.js";
import { parseYoutubeJson3 } from "./youtube-json3.js";

const FIXTURE = new URL(
  "../../../test/fixtures/transcripts/youtube-timedtext-json3-en.SHAPED.json",
  import.meta.url,
);

it("reads json3 timed text (found by its content) into cues: segs joined, empty events skipped", () => {
  const read = readTranscriptFile(readFileSync(FIXTURE), { file: "GJLlxj_dtq8 a.en.json" });
  expect(read.format).toBe("youtube-json3");
  expect(read.diagnostics).toEqual([]);
  expect(read.cues).toEqual([
    { start: 754, end: 757.5, text: "so the vanishing gradient" },
    { start: 756.1, end: 760.1, text: "problem goes away" },
    { start: 760.1, end: 763, text: "with residual connections" },
  ]);
});

it("reports an event with text but no time, and a file without events", () => {
  const odd = parseYoutubeJson3(
    JSON.stringify({
      events: [{ segs: [{ utf8: "lost" }] }, { tStartMs: 1000, segs: [{ utf8: "kept" }] }],
    }),
    "x.json",
  );
  expect(odd.cues).toEqual([{ start: 1, end: 1, text: "kept" }]);
  expect(odd.diagnostics).toMatchObject([
    { rule: "transcript-bad-cue", message: expect.stringContaining("events[0]") },
  ]);
  expect(parseYoutubeJson3("{}", "x.json").diagnostics).toMatchObject([{ level: "error" }]);
});
