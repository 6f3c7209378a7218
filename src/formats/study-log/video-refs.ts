import type { VideoRef } from "../../core/index.js";

/** Video sites as data: how to recognise a URL and read its id (and bilibili part). */
const SITES: { site: VideoRef["site"]; host: RegExp; id?: RegExp }[] = [
  { site: "bilibili", host: /(^|\.)bilibili\.com$|^b23\.tv$/, id: /\/video\/(BV[0-9A-Za-z]{10})/ },
  { site: "youtube", host: /^youtu\.be$/, id: /^\/([\w-]{6,})/ },
  {
    site: "youtube",
    host: /(^|\.)youtube(-nocookie)?\.com$/,
    id: /[?&]v=([\w-]{6,})|\/(?:embed|shorts|live|v)\/([\w-]{6,})/,
  },
  { site: "zhihu", host: /(^|\.)zhihu\.com$/, id: /\/(?:zvideo|p|answer)\/(\d+)/ },
];

/** Reads a video URL into a VideoRef: bilibili BVID (case kept) and `?p=N`, YouTube id, zhihu. */
export function parseVideoUrl(url: string): VideoRef {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: kept as it is, as a link to some other site.
    return { site: "other", url };
  }
  const host = parsed.hostname.toLowerCase();
  for (const rule of SITES) {
    if (!rule.host.test(host)) continue;
    const m = rule.id?.exec(
      rule.site === "youtube" ? parsed.pathname + parsed.search : parsed.pathname,
    );
    const ref: VideoRef = { site: rule.site, url };
    const id = m?.[1] ?? m?.[2];
    if (id) ref.id = id;
    const part = Number(parsed.searchParams.get("p"));
    if (rule.site === "bilibili" && Number.isInteger(part) && part > 0) ref.part = part;
    return ref;
  }
  return { site: "other", url };
}
