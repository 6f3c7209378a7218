/** BVIDs and bilibili video URLs. */

/** `BV1` + 9 base58 characters (the alphabet omits 0, I, O, l). */
const BVID = /^BV1[1-9A-HJ-NP-Za-km-z]{9}$/;

export function isBvid(text: string): boolean {
  return BVID.test(text);
}

export interface BilibiliRef {
  bvid: string;
  /** 1-based part from `?p=N` (or the embed's `page=`). */
  part?: number;
}

/**
 * Reads `bilibili:BV…`, a bare BVID, or a bilibili.com video / player URL; undefined otherwise.
 * @example parseBilibiliRef("https://www.bilibili.com/video/BV1wE4m1R7cu/?p=2") // { bvid: "BV1wE4m1R7cu", part: 2 }
 */
export function parseBilibiliRef(input: string): BilibiliRef | undefined {
  const text = input.trim().replace(/^bilibili:\s*/i, "");
  if (isBvid(text)) return { bvid: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not a URL: not a bilibili video reference.
    return undefined;
  }
  if (!/(^|\.)bilibili\.com$/i.test(url.hostname)) return undefined;
  const fromPath = /\/video\/(BV[0-9A-Za-z]{10})\/?$/.exec(url.pathname)?.[1];
  const bvid = fromPath ?? url.searchParams.get("bvid") ?? undefined;
  if (!bvid || !isBvid(bvid)) return undefined;
  const p = Number(url.searchParams.get("p") ?? url.searchParams.get("page") ?? Number.NaN);
  return Number.isInteger(p) && p >= 1 ? { bvid, part: p } : { bvid };
}

/** The canonical page URL of a video, or of one part (`?p=N` only when N ≠ 1 is needed: always kept for parts). */
export function bilibiliVideoUrl(bvid: string, part?: number): string {
  return part === undefined
    ? `https://www.bilibili.com/video/${bvid}/`
    : `https://www.bilibili.com/video/${bvid}/?p=${part}`;
}
