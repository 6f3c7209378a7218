/**
 * The one URL policy of jingdu: a URL that a library file, an API response or a note holds may be
 * http, https, mailto or relative (`/papers/x/`, `#fragment`, `//host/path`), and nothing else.
 * Images may also be `data:` URLs of PNG, JPEG, GIF or WebP pictures. Everything that reads a URL
 * from outside (store, sources, the Markdown renderer) and everything that writes one into a page
 * (`src/app`, the README) asks this module, so a `javascript:` link can neither enter nor render.
 */

/** URL schemes allowed anywhere; relative URLs have none and are allowed too. */
export const ALLOWED_URL_SCHEMES = ["http", "https", "mailto"] as const;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

export interface UrlPolicyOptions {
  /** The URL is an image's `src`: `data:image/png|jpeg|gif|webp` URLs are allowed too. */
  image?: boolean;
}

/**
 * True when `url` is relative or uses http, https or mailto (or, with `image`, is a `data:` URL of a
 * PNG, JPEG, GIF or WebP). Whitespace and control characters are ignored and character references
 * (`&#58;`, `&colon;`) decoded before the scheme is read, as browsers and Markdown renderers do, so
 * `java\tscript:`, ` javascript:` and `javascript&#58;` are all refused.
 * @example isAllowedUrl("https://arxiv.org/abs/1512.03385") // true
 * @example isAllowedUrl("JaVaScRiPt:alert(1)") // false
 */
export function isAllowedUrl(url: string, options: UrlPolicyOptions = {}): boolean {
  return urlPolicyViolation(url, options) === undefined;
}

/**
 * Why `url` breaks the policy (`"javascript:"`, `"data:text/html"`…, the scheme as a browser
 * would read it), or undefined when it is allowed.
 * @example urlPolicyViolation("vbscript:msgbox(1)") // "vbscript:"
 */
export function urlPolicyViolation(
  url: string,
  options: UrlPolicyOptions = {},
): string | undefined {
  for (const form of readings(url)) {
    const scheme = SCHEME.exec(form)?.[1]?.toLowerCase();
    if (scheme === undefined) continue;
    if (scheme === "data") {
      if (options.image && IMAGE_DATA_URL.test(form)) continue;
      return `data:${/^data:([^;,]*)/i.exec(form)?.[1]?.toLowerCase() ?? ""}`;
    }
    if (!(ALLOWED_URL_SCHEMES as readonly string[]).includes(scheme)) return `${scheme}:`;
  }
  return undefined;
}

/** True for a `data:` URL that is not a PNG, JPEG, GIF or WebP image. */
export function isForbiddenDataUrl(url: string): boolean {
  return readings(url).some((form) => /^data:/i.test(form) && !IMAGE_DATA_URL.test(form));
}

/**
 * True for an absolute http(s) URL: what an API response may give as a link (a relative URL
 * from Semantic Scholar or arXiv would point into the site, so it is refused as well).
 */
export function isWebUrl(url: string): boolean {
  if (!isAllowedUrl(url)) return false;
  if (!isPlain(url) || !/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    // Not a URL: not a web URL, which is the answer asked for.
    return false;
  }
}

/** The URL as a browser reads its scheme, and again with character references decoded. */
function readings(url: string): string[] {
  if (isPlain(url)) return [url];
  const compact = withoutInvisibles(url);
  if (!compact.includes("&")) return [compact];
  return [compact, withoutInvisibles(decodeCharacterReferences(compact))];
}

/** Nothing a browser would skip or decode while reading the scheme: read as is (the fast path). */
function isPlain(url: string): boolean {
  if (/[\s&]/u.test(url)) return false;
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
}

/** Drops whitespace and control characters, which browsers skip when reading a URL's scheme. */
function withoutInvisibles(url: string): string {
  let out = "";
  for (const char of url) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f) && !/\s/u.test(char)) {
      out += char;
    }
  }
  return out;
}

const NAMED: Record<string, string> = {
  colon: ":",
  tab: "\t",
  newline: "\n",
  sol: "/",
  amp: "&",
  nbsp: " ",
};

/** Numeric and the few named character references that can spell a scheme (`&#x6a;`, `&colon;`). */
function decodeCharacterReferences(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|([a-z]{2,8}));?/gi,
    (all, hex, dec, name) => {
      if (name !== undefined) return NAMED[String(name).toLowerCase()] ?? all;
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    },
  );
}
