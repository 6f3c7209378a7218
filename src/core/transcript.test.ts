import { describe, expect, it } from "vitest";
import { parseTranscript, readTranscriptHeader, serializeTranscript } from "./transcript.js";

const cues = [{ start: 754, end: 757.5, text: "梯度消失的问题" }];

describe("a transcript's header", () => {
  it("is written below WEBVTT, read back, and does not change the cues", () => {
    const header = {
      source: "https://www.bilibili.com/video/BV1wE4m1R7cu/?p=57",
      language: "ai-zh 中文（自动生成）",
      aiGenerated: true,
      fetched: "2026-12-03",
    };
    const text = serializeTranscript(cues, header);
    expect(text).toBe(
      "WEBVTT\nSource: https://www.bilibili.com/video/BV1wE4m1R7cu/?p=57\nLanguage: ai-zh 中文（自动生成）\nAI-Generated: yes\nFetched: 2026-12-03\n\n00:12:34.000 --> 00:12:37.500\n梯度消失的问题\n",
    );
    expect(readTranscriptHeader(text)).toEqual(header);
    expect(parseTranscript(text, "t.vtt")).toEqual({ cues, diagnostics: [] });
  });

  it("is absent for a transcript a person attached, and cannot break the file", () => {
    expect(serializeTranscript(cues)).toBe(
      "WEBVTT\n\n00:12:34.000 --> 00:12:37.500\n梯度消失的问题\n",
    );
    expect(readTranscriptHeader(serializeTranscript(cues))).toEqual({});
    const odd = serializeTranscript(cues, { language: "a\n\n00:00:01.000 --> 00:00:02.000 x" });
    expect(parseTranscript(odd, "t.vtt").cues).toEqual(cues);
  });
});
