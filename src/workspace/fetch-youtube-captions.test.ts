import { describe, expect, it } from "vitest";
import { chooseCaptionTrack } from "./fetch-youtube-captions.js";

const track = (vssId: string, url = `https://www.youtube.com/api/timedtext?${vssId}`) => ({
  vssId,
  languageCode: vssId.replace(/^a?\./, ""),
  name: vssId,
  ai: vssId.startsWith("a."),
  url,
});

describe("which of a video's caption tracks is taken", () => {
  const tracks = [track(".zh-Hans"), track("a.en"), track(".en"), track(".de")];

  it("a person's in the language asked before the automatic one; `a.en` asks for the automatic", () => {
    expect(chooseCaptionTrack(tracks, "en")?.vssId).toBe(".en");
    expect(chooseCaptionTrack(tracks, "a.en")?.vssId).toBe("a.en");
    expect(chooseCaptionTrack(tracks, "zh")?.vssId).toBe(".zh-Hans");
    expect(chooseCaptionTrack([track("a.en")], "en")?.vssId).toBe("a.en");
  });

  it("with none in that language or none asked, the first listed; none without a URL", () => {
    expect(chooseCaptionTrack(tracks, "ja")?.vssId).toBe(".zh-Hans");
    expect(chooseCaptionTrack(tracks)?.vssId).toBe(".zh-Hans");
    expect(chooseCaptionTrack([track(".en", "")], "en")).toBeUndefined();
  });
});
