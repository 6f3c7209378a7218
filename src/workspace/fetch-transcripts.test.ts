import { describe, expect, it } from "vitest";
import { chooseSubtitleTrack } from "./fetch-transcripts.js";

const track = (lan: string, url = `https://aisubtitle.hdslb.com/${lan}.json`) => ({
  id: lan,
  lan,
  lanDoc: lan,
  ai: lan.startsWith("ai-"),
  url,
});

describe("which of a part's subtitles is taken", () => {
  const tracks = [track("ai-zh"), track("en-US"), track("zh-CN"), track("ai-en")];

  it("a person's in the language asked before an AI one; an exact key as asked", () => {
    expect(chooseSubtitleTrack(tracks)?.lan).toBe("zh-CN");
    expect(chooseSubtitleTrack(tracks, "en")?.lan).toBe("en-US");
    expect(chooseSubtitleTrack(tracks, "ai-zh")?.lan).toBe("ai-zh");
    expect(chooseSubtitleTrack([track("ai-zh"), track("ai-en")], "zh")?.lan).toBe("ai-zh");
  });

  it("with none in that language, any person's, then an AI one; none without a file", () => {
    expect(chooseSubtitleTrack(tracks, "ja")?.lan).toBe("en-US");
    expect(chooseSubtitleTrack([track("ai-en")], "ja")?.lan).toBe("ai-en");
    expect(chooseSubtitleTrack([track("zh-CN", "")])).toBeUndefined();
    expect(chooseSubtitleTrack([])).toBeUndefined();
  });
});
