/**
 * bilibili's player endpoint and subtitle CDN on the fake server (beside the list endpoints of
 * bilibili-lists-fake.ts, whose nav and page list it needs), answered from the SHAPED fixtures:
 * `/x/player/wbi/v2` refuses an unsigned request, lists the fixture's AI subtitle to a request
 * whose cookie is `SESSDATA=` + `GOOD_SESSDATA`, answers a logged-out request as bilibili does
 * (`subtitles: []`, `need_login_subtitle`), and -101 to `SESSDATA=minus101`; the subtitle URL
 * points at the fake itself, which serves the subtitle JSON. Parts listed in `noSubtitles` have
 * none.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeApiServer, type FakeRequest, SYNTHETIC_FIXTURES } from "./fake-api-server.js";

export const GOOD_SESSDATA = "c0ffee%2C1799999999%2Cab12c*31";
export const SUBTITLE_PATH =
  "/bfs/ai_subtitle/prod/1256708328256783172620940e7c2884b77929bab82f64530f";

export interface BilibiliSubtitlesFake {
  /** Requests to the player endpoint, in order (with their headers: the cookie). */
  player: FakeRequest[];
  /** Requests for subtitle files. */
  files: FakeRequest[];
  /** cids whose player answer lists no subtitle. */
  noSubtitles: Set<string>;
}

const playerFile = JSON.parse(
  readFileSync(
    join(SYNTHETIC_FIXTURES, "bilibili-player-wbi-v2-BV1wE4m1R7cu-p1.SHAPED.json"),
    "utf8",
  ).replace(/"id": (\d{16,})/, '"id": "$1"'),
) as {
  data: Record<string, unknown> & {
    subtitle: Record<string, unknown> & { subtitles: { subtitle_url: string }[] };
  };
};
const subtitleBody = readFileSync(
  join(SYNTHETIC_FIXTURES, "../transcripts/bilibili-subtitle-ai-zh.SHAPED.json"),
  "utf8",
);

const json = (value: unknown) => ({ body: JSON.stringify(value) });

export function serveBilibiliSubtitles(server: FakeApiServer): BilibiliSubtitlesFake {
  const fake: BilibiliSubtitlesFake = { player: [], files: [], noSubtitles: new Set() };
  const host = new URL(server.url).host;
  server.handle({ method: "GET", path: "/x/player/wbi/v2" }, (req) => {
    fake.player.push(req);
    if (!req.query.get("w_rid") || !req.query.get("wts")) {
      return json({ code: -403, message: "访问权限不足", ttl: 1 });
    }
    const cookie = String(req.headers.cookie ?? "");
    if (cookie.includes("SESSDATA=minus101")) {
      return json({ code: -101, message: "账号未登录", ttl: 1 });
    }
    const cid = req.query.get("cid") ?? "";
    const data = structuredClone(playerFile.data);
    data.cid = Number(cid);
    data.bvid = req.query.get("bvid");
    const loggedIn = cookie.split(/;\s*/).includes(`SESSDATA=${GOOD_SESSDATA}`);
    if (!loggedIn) {
      data.login_mid = 0;
      data.need_login_subtitle = true;
      data.subtitle = { allow_submit: false, lan: "", lan_doc: "", subtitles: [] };
    } else if (fake.noSubtitles.has(cid)) {
      data.subtitle = { allow_submit: true, lan: "", lan_doc: "", subtitles: [] };
    } else {
      for (const s of data.subtitle.subtitles) {
        s.subtitle_url = s.subtitle_url.replace("//aisubtitle.hdslb.com", `//${host}`);
      }
    }
    // The big id goes back unquoted, every digit, as bilibili sends it.
    const body = JSON.stringify({ code: 0, message: "0", ttl: 1, data }).replace(
      /"id":"(\d{16,})"/,
      '"id":$1',
    );
    return { body };
  });
  server.handle({ method: "GET", path: SUBTITLE_PATH }, (req) => {
    fake.files.push(req);
    return req.query.get("auth_key") ? { body: subtitleBody } : { status: 403, body: "" };
  });
  return fake;
}
