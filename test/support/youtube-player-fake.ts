/**
 * YouTube's innertube player and timed text on the fake server: `POST /youtubei/v1/player`
 * answers every video with the recorded player answer (../shared/fixtures/youtube/
 * yta-innertube-player.json: 9 caption tracks, `.zh` first, `a.en` automatic), its `videoId` set
 * to the one asked and its caption `baseUrl`s pointed at the fake itself; `GET /api/timedtext`
 * serves the SHAPED json3 file to a signed request asking `fmt=json3`. Videos in `noCaptions`
 * answer without `captions`; those in `onlyAutomatic` list only the `a.en` track; those in
 * `offsite` list a track on another host (which jingdu must not fetch); those in `emptyText` get
 * an empty timed text (200, no body).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeApiServer, type FakeRequest, SYNTHETIC_FIXTURES } from "./fake-api-server.js";

export const CAPTIONED_VIDEO = "GJLlxj_dtq8";

export interface YoutubePlayerFake {
  /** The bodies of the player requests, in order. */
  player: Record<string, unknown>[];
  /** Requests for timed text. */
  captions: FakeRequest[];
  noCaptions: Set<string>;
  onlyAutomatic: Set<string>;
  offsite: Set<string>;
  /** Videos whose timed text comes back empty (200, no body). */
  emptyText: Set<string>;
}

interface Track {
  baseUrl: string;
  vssId: string;
}

const json3 = readFileSync(
  join(SYNTHETIC_FIXTURES, "../transcripts/youtube-timedtext-json3-en.SHAPED.json"),
  "utf8",
);

export function serveYoutubePlayer(server: FakeApiServer, fixturesDir: string): YoutubePlayerFake {
  const recorded = readFileSync(join(fixturesDir, "youtube/yta-innertube-player.json"), "utf8");
  const fake: YoutubePlayerFake = {
    player: [],
    captions: [],
    noCaptions: new Set(),
    onlyAutomatic: new Set(),
    offsite: new Set(),
    emptyText: new Set(),
  };
  server.handle({ method: "POST", path: "/youtubei/v1/player" }, (req) => {
    const body = JSON.parse(req.body) as { videoId?: string };
    fake.player.push(body);
    const videoId = String(body.videoId ?? "");
    const answer = JSON.parse(
      recorded.replaceAll(
        `https://www.youtube.com/api/timedtext?v=${CAPTIONED_VIDEO}&`,
        `${server.url}/api/timedtext?v=${videoId}&`,
      ),
    ) as Record<string, unknown> & {
      videoDetails: { videoId: string };
      captions?: { playerCaptionsTracklistRenderer: { captionTracks: Track[] } };
    };
    answer.videoDetails.videoId = videoId;
    const list = answer.captions?.playerCaptionsTracklistRenderer;
    if (fake.noCaptions.has(videoId)) delete answer.captions;
    else if (list && fake.onlyAutomatic.has(videoId)) {
      list.captionTracks = list.captionTracks.filter((t) => t.vssId.startsWith("a."));
    } else if (list && fake.offsite.has(videoId)) {
      for (const t of list.captionTracks) {
        t.baseUrl = t.baseUrl.replace(server.url, "https://captions.example.net");
      }
    }
    return { body: JSON.stringify(answer), headers: { "content-type": "application/json" } };
  });
  server.handle({ method: "GET", path: "/api/timedtext" }, (req) => {
    fake.captions.push(req);
    const signed = req.query.get("signature") && req.query.get("fmt") === "json3";
    if (!signed) return { status: 404, body: "" };
    return { body: fake.emptyText.has(req.query.get("v") ?? "") ? "" : json3 };
  });
  return fake;
}
