import type sanitizeHtml from "sanitize-html";
import { renderPackages } from "./render-packages.js";
import { FRAGMENT_TAG } from "./trusted-fragments.js";
import { ALLOWED_SCHEMES, isForbiddenDataUrl } from "./url-policy.js";

/*
 * The allowlist for a note's HTML: what Markdown produces, the harmless parts of HTML a note may
 * write by hand, and video embeds from two players. Everything else is dropped: script, style,
 * form, base, meta, object, embed, svg, math (KaTeX's MathML is put back after sanitizing, see
 * trusted-fragments.ts), event handlers, srcdoc, and URLs other than http(s)/mailto/relative
 * (images may also be data:image/png|jpeg|gif|webp).
 */

const ALLOWED_TAGS = [
  ...["h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "wbr"],
  ...["a", "img", "figure", "figcaption", "blockquote", "pre", "code", "kbd", "samp", "var"],
  ...["em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "q"],
  ...["abbr", "cite", "dfn", "time", "ruby", "rp", "rt", "bdi", "bdo", "center"],
  ...["ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "section"],
  ...["table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"],
  "iframe",
  FRAGMENT_TAG,
];

const COLOR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%/]+\)$/i, /^[a-z]{3,24}$/i];

/**
 * Embeddable video players: host → allowed path, and the host the embed is served from. The pages'
 * CSP (`src/app/content-security-policy.ts`) frames only bilibili's player and youtube-nocookie:
 * an embed copied from YouTube (`www.youtube.com/embed/ID`) is rewritten to the same player on
 * youtube-nocookie.com, which sets no cookies before the video plays, instead of widening the CSP.
 */
const VIDEO_PLAYERS = new Map<string, { path: RegExp; host: string }>([
  ["player.bilibili.com", { path: /^\/player\.html$/, host: "player.bilibili.com" }],
  ["www.youtube-nocookie.com", { path: /^\/embed\/[\w-]+$/, host: "www.youtube-nocookie.com" }],
  ["www.youtube.com", { path: /^\/embed\/[\w-]+$/, host: "www.youtube-nocookie.com" }],
  ["youtube.com", { path: /^\/embed\/[\w-]+$/, host: "www.youtube-nocookie.com" }],
]);

/** The hosts a page may frame: the CSP's `frame-src` must list exactly these. */
export const VIDEO_EMBED_ORIGINS = [...new Set([...VIDEO_PLAYERS.values()].map((p) => p.host))].map(
  (host) => `https://${host}`,
);

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    "*": ["id", "class", "title", "lang", "dir", "style", "aria-hidden", "aria-label"],
    a: ["href", "rel", "data-site", "name"],
    img: ["src", "alt", "width", "height", "loading", "decoding"],
    iframe: ["src", "width", "height", "allow", "allowfullscreen", "loading", "sandbox"],
    ol: ["start", "reversed", "type"],
    li: ["value"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
    col: ["span"],
    colgroup: ["span"],
    details: ["open"],
    time: ["datetime"],
    [FRAGMENT_TAG]: ["data-i"],
  },
  allowedStyles: {
    "*": {
      color: COLOR,
      "background-color": COLOR,
      "text-align": [/^(?:left|right|center|justify)$/],
      "font-weight": [/^(?:normal|bold|[1-9]00)$/],
      "font-style": [/^(?:normal|italic)$/],
      "text-decoration": [/^(?:none|underline|line-through)$/],
    },
  },
  allowedSchemes: [...ALLOWED_SCHEMES],
  allowedSchemesByTag: { img: [...ALLOWED_SCHEMES, "data"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: true,
  allowedIframeHostnames: [...VIDEO_PLAYERS.keys()],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "xmp", "noscript", "noembed", "noframes"],
  exclusiveFilter: (frame) => frame.tag === "iframe" && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => {
      if (/^(?:https?:)?\/\//i.test(attribs.href ?? "")) attribs.rel = "noopener noreferrer";
      return { tagName, attribs };
    },
    img: (tagName, attribs) => {
      if (isForbiddenDataUrl(attribs.src ?? "")) delete attribs.src;
      attribs.loading ??= "lazy";
      attribs.decoding ??= "async";
      return { tagName, attribs };
    },
    iframe: (_tagName, attribs) => {
      const src = videoEmbedUrl(attribs.src ?? "");
      // Not a known player: no src, and exclusiveFilter drops it with its content.
      if (!src) return { tagName: "iframe", attribs: {} };
      const size = (value: string | undefined) => (value && /^\d{1,4}%?$/.test(value) ? value : "");
      const kept: sanitizeHtml.Attributes = {
        src,
        sandbox: "allow-scripts allow-same-origin allow-popups allow-presentation",
        loading: "lazy",
        allowfullscreen: "",
      };
      const width = size(attribs.width);
      const height = size(attribs.height);
      if (width) kept.width = width;
      if (height) kept.height = height;
      return { tagName: "iframe", attribs: kept };
    },
  },
};

/** Sanitizes a note's rendered HTML with the allowlist above. */
export function sanitizeNoteHtml(html: string): string {
  return renderPackages.sanitizeHtml()(html, OPTIONS);
}

/** The https URL of an allowed video player embed (YouTube's on youtube-nocookie), or undefined. */
export function videoEmbedUrl(src: string): string | undefined {
  const trimmed = src.trim();
  if (!/^(?:https:)?\/\//i.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, "https://invalid.invalid/");
  } catch {
    // Not a URL: no embed; the sanitizer drops the element.
    return undefined;
  }
  const player = VIDEO_PLAYERS.get(url.hostname);
  if (url.protocol !== "https:" || !player?.path.test(url.pathname)) return undefined;
  if (url.username || url.password || url.port) return undefined;
  url.hostname = player.host;
  return url.href;
}
