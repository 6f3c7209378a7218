import type { DiagnosticSink } from "./diagnostics.js";

/**
 * Jekyll Liquid in notes → plain Markdown. `include image.html` becomes a figure (an image alone
 * in its paragraph), `include relref_*.html` site badges are dropped, anything else is removed
 * with a warning naming its line; `<script>` elements are removed with a warning too.
 */

const IMAGE = /\{%-?\s*include\s+image\.html\b([\s\S]*?)-?%\}/g;
const RELREF = /[ \t]*\{%-?\s*include\s+relref[\w-]*\.html\b([\s\S]*?)-?%\}/g;
const TAG = /[ \t]?\{%-?[\s\S]*?-?%\}/g;
/** `{{ x }}` with spaces, or `{{site.url}}` / `{{x|filter}}`; `{{a}}` in TeX is left alone. */
const OUTPUT =
  /[ \t]?\{\{(?:-?\s[\s\S]*?\s-?|[A-Za-z_][\w-]*(?:\.[\w-]+)+|[^{}\n]*\|[^{}\n]*)\}\}/g;
const SCRIPT = /<script\b[^>]*>[\s\S]*?(?:<\/script\s*>|$)|<script\b[^>]*\/>/gi;
const FIGURE = "\u0000";
/** Marks a line that held only a removed tag: the line goes, so paragraphs stay as written. */
const DELETED = "\u0000-\u0000";

/** Reads `name="value"` / `name='value'` attributes of a Liquid include, in any order. */
export function includeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1] as string] = m[2] ?? m[3] ?? "";
  }
  return attrs;
}

/** An image as a figure: `![caption](url)`, with `[`, `]` and `\` escaped in the caption. */
export function figureMarkdown(url: string, caption = ""): string {
  const alt = caption.replace(/[\\[\]]/g, (c) => `\\${c}`);
  const target = /[\s()]/.test(url) ? `<${url}>` : url;
  return `![${alt}](${target})`;
}

/** Converts the Liquid and scripts in `text` (whose first line is `firstLine`, 1-based). */
export function convertLiquid(text: string, firstLine: number, sink: DiagnosticSink): string {
  const lineAt = (offset: number): number => firstLine + countLines(text, offset);
  const figures: string[] = [];
  const mark = (markdown: string) => `${FIGURE}${figures.push(markdown) - 1}${FIGURE}`;

  let out = replaceTracked(text, IMAGE, (m, offset) => {
    const attrs = includeAttributes(m[1] ?? "");
    if (!attrs.url) {
      sink.warning("image-without-url", lineAt(offset), "image include without a url; removed");
      return "";
    }
    return mark(figureMarkdown(attrs.url, attrs.caption ?? attrs.alt ?? ""));
  });
  out = out.replace(RELREF, (_all, attrText: string) => includeAttributes(attrText).url ?? "");
  out = replaceTracked(out, SCRIPT, (m, offset) => {
    sink.warning("script-removed", lineOf(out, offset, firstLine), "<script> element removed");
    return removal(out, m, offset);
  });
  for (const pattern of [TAG, OUTPUT]) {
    out = replaceTracked(out, pattern, (m, offset) => {
      const shown = m[0].trim().replace(/\s+/g, " ").slice(0, 80);
      sink.warning("liquid-removed", lineOf(out, offset, firstLine), `Liquid ${shown} removed`);
      return removal(out, m, offset);
    });
  }
  out = out
    .split("\n")
    .filter((line) => line.trim() !== DELETED)
    .join("\n");
  return figures.length === 0 ? out : placeFigures(out, figures);
}

/** What a removed element leaves: a deletion mark when it filled its lines, else nothing. */
function removal(text: string, m: RegExpExecArray, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const after = offset + m[0].length;
  const lineEnd = text.indexOf("\n", after);
  const before = text.slice(lineStart, offset);
  const rest = text.slice(after, lineEnd < 0 ? text.length : lineEnd);
  if (before.trim() === "" && rest.trim() === "") {
    return m[0].replace(/[^\n]+/g, "").replace(/\n/g, `${DELETED}\n`) + DELETED;
  }
  return m[0].replace(/[^\n]/g, "");
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function lineOf(text: string, offset: number, firstLine: number): number {
  return firstLine + countLines(text, offset);
}

/**
 * Like `String.replace`, but a multi-line match keeps its line breaks (appended after the
 * replacement) so later line numbers stay right.
 */
function replaceTracked(
  text: string,
  pattern: RegExp,
  replace: (m: RegExpExecArray, offset: number) => string,
): string {
  let out = "";
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const breaks = m[0].replace(/[^\n]/g, "");
    const value = replace(m, m.index);
    out += text.slice(last, m.index) + value + (value.includes("\n") ? "" : breaks);
    last = m.index + m[0].length;
    if (m[0] === "") pattern.lastIndex++;
  }
  return out + text.slice(last);
}

/** Puts each figure alone in its own paragraph, with a blank line before and after. */
function placeFigures(text: string, figures: string[]): string {
  const out: string[] = [];
  const blank = () => {
    if (out.length > 0 && (out[out.length - 1] as string).trim() !== "") out.push("");
  };
  const lines = text.split("\n");
  let needBlank = false;
  for (const line of lines) {
    if (!line.includes(FIGURE)) {
      if (needBlank && line.trim() !== "") out.push("");
      needBlank = false;
      out.push(line);
      continue;
    }
    for (const [k, part] of line.split(FIGURE).entries()) {
      if (k % 2 === 1) {
        blank();
        out.push(figures[Number(part)] ?? "");
        needBlank = true;
      } else if (part.trim() !== "") {
        if (needBlank) out.push("");
        out.push(k === 0 ? part.trimEnd() : part.trim());
        needBlank = false;
      }
    }
  }
  return out.join("\n");
}
