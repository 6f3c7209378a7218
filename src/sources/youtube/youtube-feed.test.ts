import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWithFixtures } from "../../../test/support/fake-api.js";
import { ResponseFormatError } from "../http/index.js";
import { parseChannelFeed } from "./youtube-feed.js";
import { parseYoutubeChannelRef } from "./youtube-ids.js";

const request = { source: "youtube", method: "GET" as const, url: "http://127.0.0.1/feeds" };

describeWithFixtures("a YouTube channel's Atom feed (recorded)", (fixtures) => {
  it("reads both recorded feeds: every entry oldest first, with its title, day and link", () => {
    for (const name of [
      "capyreader-youtube-channel-feed-atom.xml",
      "feedjira-youtube-user-feed-atom.xml",
    ]) {
      const text = readFileSync(join(fixtures, "youtube", name), "utf8");
      const feed = parseChannelFeed({ text, request });
      expect(feed.items, name).toHaveLength(15);
      const days = feed.items.map((i) => i.date ?? "");
      expect(days, name).toEqual([...days].sort());
      expect(
        feed.items.every((i) => i.url === `https://www.youtube.com/watch?v=${i.videoId}`),
      ).toBe(true);
    }
    const df = parseChannelFeed({
      text: readFileSync(
        join(fixtures, "youtube/capyreader-youtube-channel-feed-atom.xml"),
        "utf8",
      ),
      request,
    });
    expect(df.title).toBe("Digital Foundry");
    expect(df.items.at(-1)).toEqual({
      site: "youtube",
      videoId: "W_S7iKZZdHw",
      title: "Digital Foundry Games of 2024: The Oliver Mackenzie Collection!",
      url: "https://www.youtube.com/watch?v=W_S7iKZZdHw",
      date: "2025-01-01",
    });
  });

  it("refuses what is not a feed, and names only UC… channels", () => {
    expect(() => parseChannelFeed({ text: "<html><body>consent</body></html>", request })).toThrow(
      ResponseFormatError,
    );
    expect(
      parseYoutubeChannelRef(
        "https://www.youtube.com/feeds/videos.xml?channel_id=UC9PBzalIcEQCsiIkq36PyUA",
      ),
    ).toBe("UC9PBzalIcEQCsiIkq36PyUA");
    expect(parseYoutubeChannelRef("youtube:channel:UC9PBzalIcEQCsiIkq36PyUA")).toBe(
      "UC9PBzalIcEQCsiIkq36PyUA",
    );
    expect(parseYoutubeChannelRef("https://www.youtube.com/@DigitalFoundry")).toBeUndefined();
    expect(
      parseYoutubeChannelRef("https://example.org/channel/UC9PBzalIcEQCsiIkq36PyUA"),
    ).toBeUndefined();
  });
});
