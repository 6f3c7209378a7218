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

/**
 * Tagged template that escapes every interpolated value unless it is `SafeHtml`.
 * @example html`<a href="${href}">${title}</a>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += serialize(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}
