/**
 * YouTube's innertube browse on the fake server: the first page of playlist
 * PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y is SHAPED (no recording of a first page exists), its token
 * asks for the recorded continuation page (../shared/fixtures/youtube, 100 renderers, one video
 * twice), whose token asks for a SHAPED last page without a continuation. `grow` adds videos to
 * the last page (a playlist that grew since).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeApiServer, SYNTHETIC_FIXTURES } from "./fake-api-server.js";

export const PLAYLIST_ID = "PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y";
export const PLAYLIST_TITLE = "Copyright Free Music for YouTube";

export interface YoutubeBrowseFake {
  /** Adds a video at the end of the playlist (its last page). */
  grow(videoId: string, title: string, seconds: number): void;
  /** The bodies of the browse requests, in order. */
  bodies: Record<string, unknown>[];
}

export function serveYoutubeBrowse(server: FakeApiServer): YoutubeBrowseFake {
  const lastPage = JSON.parse(
    readFileSync(join(SYNTHETIC_FIXTURES, "youtube-browse-playlist-last-page.SHAPED.json"), "utf8"),
  ) as {
    onResponseReceivedActions: {
      appendContinuationItemsAction: { continuationItems: Record<string, unknown>[] };
    }[];
  };
  const items = lastPage.onResponseReceivedActions[0]?.appendContinuationItemsAction
    .continuationItems as Record<string, unknown>[];
  const bodies: Record<string, unknown>[] = [];
  server.handle({ method: "POST", path: "/youtubei/v1/browse" }, (req) => {
    const body = JSON.parse(req.body) as Record<string, unknown>;
    bodies.push(body);
    if (body.browseId === `VL${PLAYLIST_ID}`) {
      return { fixture: "synthetic:youtube-browse-playlist-first-page.SHAPED.json" };
    }
    if (body.continuation === "<firstContinuationToken>") {
      return { fixture: "youtube/ytpl-innertube-browse-playlist-continuation.json" };
    }
    if (body.continuation === "<secondContinuationToken>") {
      return { body: JSON.stringify(lastPage), headers: { "content-type": "application/json" } };
    }
    return { status: 404, body: JSON.stringify({ error: { code: 404, status: "NOT_FOUND" } }) };
  });
  return {
    bodies,
    grow(videoId, title, seconds) {
      items.push({
        playlistVideoRenderer: {
          videoId,
          title: { runs: [{ text: title }] },
          index: { simpleText: String(items.length + 201) },
          lengthSeconds: String(seconds),
          isPlayable: true,
        },
      });
    },
  };
}
