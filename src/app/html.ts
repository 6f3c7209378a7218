import { isAllowedUrl } from "../core/index.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for an HTML text node or a quoted attribute value (also valid XML). */
export function escapeHtml(text: string): string {
  // Most interpolated values (ids, numbers, titles) need no escaping: skip the replace for them.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** HTML that is already safe to insert as is: built by `html` or marked with `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value a template may hold: text is escaped; `SafeHtml` and arrays of it are inserted. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | false
  | null
  | undefined
  | readonly HtmlValue[];

/** Marks trusted HTML (sanitized note output, KaTeX) so `html` inserts it unescaped. */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

function serialize(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(serialize).join("");
  return escapeHtml(String(value));
}

/** What a URL attribute holds instead of a URL the policy refuses: a link to nowhere. */
export const BLOCKED_URL = "#";

/** An attribute whose value is a URL a browser may follow or load, quoted, up to its value. */
const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|poster|cite|xlink:href)\s*=\s*"$/i;
const urlSlots = new WeakMap<TemplateStringsArray, boolean[]>();

/** Which values of a template are the whole start of a URL attribute (`href="${…}`). */
function urlSlotsOf(strings: TemplateStringsArray): boolean[] {
  let slots = urlSlots.get(strings);
  if (!slots) {
    slots = strings.slice(0, -1).map((s) => URL_ATTRIBUTE.test(s));
    urlSlots.set(strings, slots);
  }
  return slots;
}

/**
 * `url` for an `href`/`src`, or `BLOCKED_URL` when the URL policy (src/core/url-policy.ts) refuses
 * it: every URL a view writes passes here, so a model object built in code with a `javascript:`
 * link still renders inert.
 */
export function urlAttribute(url: string, options: { image?: boolean } = {}): string {
  return isAllowedUrl(url, options) ? url : BLOCKED_URL;
}

/**
 * Tagged template that escapes every interpolated value unless it is `SafeHtml`. A text value
 * that opens a quoted URL attribute (`href="${url}"`, `src="${url}"`) also goes through the URL
 * policy (`urlAttribute`): a refused URL is written as `#`.
 * @example html`<a href="${href}">${title}</a>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  const slots = urlSlotsOf(strings);
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const text =
      slots[i] && typeof value === "string"
        ? escapeHtml(urlAttribute(value, { image: /src\s*=\s*"$/i.test(strings[i] ?? "") }))
        : serialize(value);
    out += text + (strings[i + 1] ?? "");
  }
  return new SafeHtml(out);
}
