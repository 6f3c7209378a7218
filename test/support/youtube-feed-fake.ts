/**
 * A YouTube channel's Atom feed on the fake server: the recorded feed of
 * ../shared/fixtures/youtube/capyreader-youtube-channel-feed-atom.xml (15 entries, newest
 * first) at `/feeds/videos.xml?channel_id=UC9PBzalIcEQCsiIkq36PyUA`. `upload` puts a new entry
 * at its top, as a channel's next upload appears (the oldest then falls off: 15 stay).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeApiServer } from "./fake-api-server.js";

export const CHANNEL_ID = "UC9PBzalIcEQCsiIkq36PyUA";
export const CHANNEL_TITLE = "Digital Foundry";

export interface YoutubeFeedFake {
  upload(videoId: string, title: string, published: string): void;
}

export function serveYoutubeFeed(server: FakeApiServer, fixtures: string): YoutubeFeedFake {
  const recorded = readFileSync(
    join(fixtures, "youtube/capyreader-youtube-channel-feed-atom.xml"),
    "utf8",
  );
  const head = recorded.slice(0, recorded.indexOf("<entry>"));
  let entries = recorded
    .slice(recorded.indexOf("<entry>"), recorded.lastIndexOf("</feed>"))
    .split(/(?=<entry>)/)
    .map((e) => e.trimEnd());
  server.handle({ method: "GET", path: "/feeds/videos.xml" }, (req) =>
    req.query.get("channel_id") === CHANNEL_ID
      ? {
          headers: { "content-type": "application/atom+xml; charset=UTF-8" },
          body: `${head}${entries.join("\n    ")}\n</feed>\n`,
        }
      : { status: 404, body: "" },
  );
  return {
    upload(videoId, title, published) {
      const entry = `<entry>
        <id>yt:video:${videoId}</id>
        <yt:videoId>${videoId}</yt:videoId>
        <yt:channelId>${CHANNEL_ID}</yt:channelId>
        <title>${title}</title>
        <link rel="alternate" href="https://www.youtube.com/watch?v=${videoId}"/>
        <published>${published}</published>
        <updated>${published}</updated>
    </entry>`;
      entries = [entry, ...entries].slice(0, 15);
    },
  };
}
