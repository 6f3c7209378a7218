import { VIDEO_EMBED_ORIGINS } from "../render/index.js";
import { html, type SafeHtml } from "./html.js";

/**
 * The Content-Security-Policy of every page, in one place: the web app sends it as a header
 * (`src/server`), the static site writes it into each page as a `<meta>` element, and
 * docs/snapshots.md ("Publishing the site") gives it as headers for hosts that can set them.
 * No inline script, no plugins, no `<base>`, frames only from the video players the sanitizer
 * keeps (`VIDEO_EMBED_ORIGINS`), and no framing of the page itself.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ["default-src", "'self'"],
  ["script-src", "'self'"],
  ["style-src", "'self' 'unsafe-inline'"],
  ["img-src", "'self' data: https:"],
  ["frame-src", VIDEO_EMBED_ORIGINS.join(" ")],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
];

/**
 * Directives a browser ignores in a `<meta>` policy (and warns about on the console): they only
 * work as a header, so a static host that can set headers should send `PAGE_CSP` as one.
 */
const HEADER_ONLY = new Set(["frame-ancestors", "report-uri", "sandbox"]);

const serialize = (directives: readonly (readonly [string, string])[]): string =>
  directives.map(([name, value]) => `${name} ${value}`).join("; ");

/** The policy as an HTTP header value (`Content-Security-Policy: …`). */
export const PAGE_CSP = serialize(DIRECTIVES);

/** The policy as a page can carry it in `<meta http-equiv>`: `PAGE_CSP` less `frame-ancestors`. */
export const PAGE_CSP_META = serialize(DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));

/** The `<meta http-equiv="Content-Security-Policy">` element every page's `<head>` starts with. */
export function cspMetaElement(): SafeHtml {
  return html`<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP_META}">`;
}
