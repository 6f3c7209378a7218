/**
 * bilibili's WBI request signing (bilibili-API-collect, docs/misc/sign/wbi.md): the day's
 * `img_key` and `sub_key` come from the nav endpoint (`data.wbi_img`, the file names of two
 * URLs that are not images to fetch); their concatenation shuffled by a fixed table and cut to
 * 32 characters is the mixin key; `w_rid` is the MD5 of the query sorted by key, with `wts`
 * (Unix seconds) added and the characters `!'()*` taken out of the values, followed by the mixin key.
 */
import { createHash } from "node:crypto";

/** The fixed shuffle of the 64 characters of `img_key + sub_key`. */
const MIXIN_KEY_TABLE = [
  46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28,
  14, 39, 12, 38, 41, 13, 37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4, 22, 25, 54,
  21, 56, 59, 6, 63, 57, 62, 11, 36, 20, 34, 44, 52,
];

export interface WbiKeys {
  imgKey: string;
  subKey: string;
}

/**
 * The mixin key of the day's keys.
 * @example wbiMixinKey({ imgKey: "7cd084941338484aae1ad9425b84077c", subKey: "4932caff0ff746eab6f01bf08b70ac45" }) // "ea1db124af3c7062474693fa704f4ff8"
 */
export function wbiMixinKey(keys: WbiKeys): string {
  const raw = keys.imgKey + keys.subKey;
  return MIXIN_KEY_TABLE.map((i) => raw[i] ?? "")
    .join("")
    .slice(0, 32);
}

/** The key of a nav answer's `img_url` / `sub_url`: the file name without its extension. */
export function wbiKeyOfUrl(url: string): string {
  const file = url.slice(url.lastIndexOf("/") + 1);
  const dot = file.lastIndexOf(".");
  return dot > 0 ? file.slice(0, dot) : file;
}

/**
 * The query with `wts` and `w_rid` added (values without `!'()*`, as signed).
 * @example signWbi({ foo: "114", bar: "514", zab: 1919810 }, keys, 1702204169).w_rid // "8f6f2b5b3d485fe1886cec6a0be8c5d4"
 */
export function signWbi(
  query: Record<string, string | number>,
  keys: WbiKeys,
  unixSeconds: number,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...query, wts: unixSeconds })) {
    params[k] = String(v).replace(/[!'()*]/g, "");
  }
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k] ?? "")}`)
    .join("&");
  const w_rid = createHash("md5")
    .update(canonical + wbiMixinKey(keys))
    .digest("hex");
  return { ...params, w_rid };
}
