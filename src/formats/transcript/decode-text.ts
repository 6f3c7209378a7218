import iconv from "iconv-lite";

/** Text of a subtitle file and the encoding it was read in. */
export interface DecodedText {
  text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, `gb18030` (GBK's superset), `big5` or `windows-1252`. */
  encoding: string;
}

/**
 * Legacy encodings tried, in order, for bytes that are not UTF-8: Chinese subtitle files from
 * Windows tools are GBK (read as GB18030, which contains it), then Big5; the first that decodes
 * without a replacement character wins, else Windows-1252 (every byte decodes).
 */
const LEGACY = ["gb18030", "big5"] as const;

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    // Not UTF-8: the caller tries the legacy encodings next.
    if (err instanceof TypeError) return undefined;
    throw err;
  }
}

/**
 * Decodes a subtitle file's bytes: a byte-order mark names UTF-8 or UTF-16; else UTF-8 when the
 * bytes are valid UTF-8; else the first legacy encoding that reads them cleanly (see LEGACY).
 * @example decodeSubtitleBytes(readFileSync("gbk.srt")).encoding // "gb18030"
 */
export function decodeSubtitleBytes(bytes: Uint8Array): DecodedText {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: b.subarray(3).toString("utf8"), encoding: "utf-8" };
  }
  if (b[0] === 0xff && b[1] === 0xfe) {
    return { text: iconv.decode(b.subarray(2), "utf-16le"), encoding: "utf-16le" };
  }
  if (b[0] === 0xfe && b[1] === 0xff) {
    return { text: iconv.decode(b.subarray(2), "utf-16be"), encoding: "utf-16be" };
  }
  const text = utf8(b);
  if (text !== undefined) return { text, encoding: "utf-8" };
  for (const encoding of LEGACY) {
    const decoded = iconv.decode(b, encoding);
    if (!decoded.includes("\ufffd")) return { text: decoded, encoding };
  }
  return { text: iconv.decode(b, "windows-1252"), encoding: "windows-1252" };
}
