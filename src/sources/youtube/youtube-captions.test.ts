import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithFixtures } from "../../../test/support/fake-api.js";
import { captionUrl, parsePlayerCaptions } from "./youtube-captions.js";

const API = "https://www.youtube.com";

describeWithFixtures("a YouTube player answer's caption tracks", (fixtures) => {
  it("lists the recorded tracks: uploaded ones by person, `a.en` (kind asr) as automatic, json3 asked", () => {
    const json = JSON.parse(
      readFileSync(join(fixtures, "youtube/yta-innertube-player.json"), "utf8"),
    ) as unknown;
    const { tracks, unplayable } = parsePlayerCaptions(json, API);
    expect(unplayable).toBeUndefined();
    expect(tracks.map((t) => t.vssId)).toEqual([
      ".zh",
      ".cs",
      ".en",
      "a.en",
      ".de",
      ".hi",
      ".ja",
      ".ko",
      ".es",
    ]);
    expect(tracks.filter((t) => t.ai).map((t) => t.name)).toEqual(["English (auto-generated)"]);
    const url = new URL(tracks[0]?.url ?? "");
    expect(url.host).toBe("www.youtube.com");
    expect(url.searchParams.get("fmt")).toBe("json3");
    expect(url.searchParams.get("signature")).toMatch(/^[0-9A-F.]+$/);
  });
});

it("a video the player will not play has no tracks and says why", () => {
  const answer = {
    playabilityStatus: { status: "LOGIN_REQUIRED", reason: "Sign in to confirm your age" },
  };
  expect(parsePlayerCaptions(answer, API)).toEqual({
    tracks: [],
    unplayable: "Sign in to confirm your age",
  });
});

it("fetches caption URLs only from youtube.com over https, or from the API's own host", () => {
  expect(captionUrl("https://www.youtube.com/api/timedtext?v=x&fmt=srv3", API)?.href).toBe(
    "https://www.youtube.com/api/timedtext?v=x&fmt=json3",
  );
  expect(captionUrl("https://m.youtube.com/api/timedtext?v=x", API)).toBeDefined();
  expect(captionUrl("http://www.youtube.com/api/timedtext?v=x", API)).toBeUndefined();
  expect(captionUrl("https://youtube.com.evil.example/api/timedtext", API)).toBeUndefined();
  expect(captionUrl("https://notyoutube.com/api/timedtext", API)).toBeUndefined();
  expect(
    captionUrl("http://127.0.0.1:4000/api/timedtext?v=x", "http://127.0.0.1:4000"),
  ).toBeDefined();
  expect(captionUrl("", API)).toBeUndefined();
});
