/** URL schemes a note may link to; relative URLs and `#fragments` are always fine. */
export const ALLOWED_SCHEMES = ["http", "https", "mailto"] as const;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/**
 * True when `url` is relative or uses an allowed scheme, or is a `data:` URL of a PNG, JPEG, GIF or
 * WebP image. Whitespace and control characters are ignored, as browsers do (`java\tscript:`).
 * Used as markdown-it's `validateLink` so Markdown links follow the sanitizer's policy.
 */
export function isAllowedUrl(url: string): boolean {
  const compact = withoutInvisibles(url);
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) return true;
  if (scheme === "data") return IMAGE_DATA_URL.test(compact);
  return (ALLOWED_SCHEMES as readonly string[]).includes(scheme);
}

/** True for a `data:` URL that is not a PNG, JPEG, GIF or WebP image. */
export function isForbiddenDataUrl(url: string): boolean {
  const compact = withoutInvisibles(url);
  return /^data:/i.test(compact) && !IMAGE_DATA_URL.test(compact);
}

/** Drops whitespace and control characters, which browsers skip when reading a URL's scheme. */
function withoutInvisibles(url: string): string {
  let out = "";
  for (const char of url) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x20 && code !== 0x7f && !/\s/.test(char)) out += char;
  }
  return out;
}
