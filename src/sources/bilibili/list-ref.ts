/** References to a bilibili 合集 (season) or 系列 (series): space URLs and `bilibili:season:…`. */

export interface BilibiliListRef {
  kind: "season" | "series";
  /** The uploader's mid (`0` when only the season id was given: the season list accepts any). */
  mid: string;
  id: string;
}

const DIGITS = /^\d{1,20}$/;

/**
 * Reads a 合集 or 系列: `https://space.bilibili.com/MID/channel/collectiondetail?sid=ID`,
 * `…/channel/seriesdetail?sid=ID`, `https://space.bilibili.com/MID/lists/ID?type=season|series`,
 * `bilibili:season:MID:ID`, `bilibili:series:MID:ID` or `bilibili:season:ID`; undefined otherwise.
 * @example parseBilibiliListRef("https://space.bilibili.com/1567748478/lists/4018?type=series") // { kind: "series", mid: "1567748478", id: "4018" }
 */
export function parseBilibiliListRef(input: string): BilibiliListRef | undefined {
  const text = input.trim();
  const short = /^bilibili:(season|series|合集|系列):(?:(\d{1,20}):)?(\d{1,20})$/i.exec(text);
  if (short) {
    const kind = /season|合集/i.test(short[1] ?? "") ? "season" : "series";
    if (kind === "series" && short[2] === undefined) return undefined; // the series list needs its mid
    return { kind, mid: short[2] ?? "0", id: short[3] as string };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL: not a list reference.
    return undefined;
  }
  if (!/^space\.bilibili\.com$/i.test(url.hostname)) return undefined;
  const [mid, section, page, listId] = url.pathname.split("/").filter(Boolean);
  if (!mid || !DIGITS.test(mid)) return undefined;
  const sid = url.searchParams.get("sid") ?? "";
  if (section === "channel" && DIGITS.test(sid)) {
    if (page === "collectiondetail") return { kind: "season", mid, id: sid };
    if (page === "seriesdetail") return { kind: "series", mid, id: sid };
  }
  if (section === "lists" && page && DIGITS.test(page) && listId === undefined) {
    const type = url.searchParams.get("type");
    return { kind: type === "series" ? "series" : "season", mid, id: page };
  }
  return undefined;
}
