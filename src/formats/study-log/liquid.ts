import type { DiagnosticSink } from "./diagnostics.js";
import { convertJekyllBlocks, restoreProtected } from "./jekyll-blocks.js";
import {
  type LiquidMatch,
  liquidOutputs,
  liquidTags,
  scriptElements,
  trimBlanksEnd,
} from "./liquid-scan.js";

/**
 * Jekyll Liquid in notes → plain Markdown. `include image.html` becomes a figure (an image alone
 * in its paragraph), `include relref_*.html` site badges are dropped, anything else is removed
 * with a warning naming its line; `<script>` elements are removed with a warning too. Code,
 * raw text, the site's URL prefix and post links are converted first (jekyll-blocks.ts).
 */

const IMAGE_INCLUDE = /^\s*include\s+image\.html\b/;
const RELREF_INCLUDE = /^\s*include\s+relref[\w-]*\.html\b/;
const FIGURE = "\u0000";
/** Marks a line that held only a removed tag: the line goes, so paragraphs stay as written. */
const DELETED = "\u0000-\u0000";

/** Reads `name="value"` / `name='value'` attributes of a Liquid include, in any order. */
export function includeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  // A name starts where a word starts: from inside a 100,000-letter word the scan was quadratic.
  for (const m of text.matchAll(/(?<![\w-])([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
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
  return restoreProtected(
    convertOther(convertJekyllBlocks(text, firstLine, sink), firstLine, sink),
  );
}

/** What `convertJekyllBlocks` left: image includes, site badges, scripts, any other Liquid. */
function convertOther(text: string, firstLine: number, sink: DiagnosticSink): string {
  const figures: string[] = [];
  const mark = (markdown: string) => `${FIGURE}${figures.push(markdown) - 1}${FIGURE}`;
  const isImage = (inner: string) => IMAGE_INCLUDE.test(inner);
  const isRelref = (inner: string) => RELREF_INCLUDE.test(inner);

  let out = replaceTracked(text, liquidTags(text, { accept: isImage }), (m, at) => {
    const attrs = includeAttributes(m.inner.replace(IMAGE_INCLUDE, ""));
    if (!attrs.url) {
      sink.warning(
        "image-without-url",
        firstLine + at.line,
        "image include without a url; removed",
      );
      return "";
    }
    return mark(figureMarkdown(attrs.url, attrs.caption ?? attrs.alt ?? ""));
  });
  out = replaceRelrefs(out, liquidTags(out, { accept: isRelref }));
  let current = out;
  out = replaceTracked(current, scriptElements(current), (m, at) => {
    sink.warning("script-removed", firstLine + at.line, "<script> element removed");
    return removal(current, m, at);
  });
  current = out;
  out = replaceTracked(current, liquidTags(current, { leadingBlank: true }), (m, at) =>
    removeReported(current, m, at, firstLine, sink),
  );
  current = out;
  out = replaceTracked(current, liquidOutputs(current, { leadingBlank: true }), (m, at) =>
    removeReported(current, m, at, firstLine, sink),
  );
  out = out
    .split("\n")
    .filter((line) => line.trim() !== DELETED)
    .join("\n");
  return figures.length === 0 ? out : placeFigures(out, figures);
}

function removeReported(
  text: string,
  m: LiquidMatch,
  at: MatchPlace,
  firstLine: number,
  sink: DiagnosticSink,
): string {
  // Matches do not overlap: reading each one whole is still one pass over the text.
  const brief = text.slice(m.index, m.end).trim().replace(/\s+/g, " ").slice(0, 80);
  sink.warning("liquid-removed", firstLine + at.line, `Liquid ${brief} removed`);
  return removal(text, m, at);
}

/** `{% include relref….html %}` site badges go, with the blanks before them; a `url=` stays. */
function replaceRelrefs(text: string, matches: Iterable<LiquidMatch>): string {
  let out = "";
  let last = 0;
  for (const m of matches) {
    out += trimBlanksEnd(text.slice(last, m.index));
    out += includeAttributes(m.inner.replace(RELREF_INCLUDE, "")).url ?? "";
    last = m.end;
  }
  return out + text.slice(last);
}

/** Where a match sits: its 0-based line in the text, and whether it fills its lines alone. */
interface MatchPlace {
  line: number;
  /** Only blanks before it on its first line and after it on its last. */
  alone: boolean;
}

/** What a removed element leaves: a deletion mark when it filled its lines, else nothing. */
function removal(text: string, m: LiquidMatch, at: MatchPlace): string {
  const matched = text.slice(m.index, m.end);
  if (at.alone) return matched.replace(/[^\n]+/g, "").replace(/\n/g, `${DELETED}\n`) + DELETED;
  return matched.replace(/[^\n]/g, "");
}

/** What `String.trim` removes, except the line break: blanks within a line. */
const isLineBlank = (c: number) =>
  c !== 10 &&
  (c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff);

/**
 * Replaces matches (in increasing order), keeping a multi-line match's line breaks (appended
 * after the replacement) so later line numbers stay right. The line of each match and whether
 * it is alone on its lines are found with cursors that only move forward: the text is read once.
 */
function replaceTracked(
  text: string,
  matches: Iterable<LiquidMatch>,
  replace: (m: LiquidMatch, at: MatchPlace) => string,
): string {
  let out = "";
  let last = 0;
  let line = 0;
  let counted = 0;
  /** Whether a non-blank character sits between the last line break before `counted` and it. */
  let inkSinceBreak = false;
  for (const m of matches) {
    for (; counted < m.index; counted++) {
      const c = text.charCodeAt(counted);
      if (c === 10) {
        line++;
        inkSinceBreak = false;
      } else if (!isLineBlank(c)) inkSinceBreak = true;
    }
    let after = m.end;
    while (after < text.length && isLineBlank(text.charCodeAt(after))) after++;
    const alone = !inkSinceBreak && (after === text.length || text.charCodeAt(after) === 10);
    const matched = text.slice(m.index, m.end);
    const breaks = matched.replace(/[^\n]/g, "");
    const value = replace(m, { line, alone });
    out += text.slice(last, m.index) + value + (value.includes("\n") ? "" : breaks);
    last = m.end;
    // The matched text is counted as it was: its line breaks, and ink at its end.
    for (; counted < m.end; counted++) {
      const c = text.charCodeAt(counted);
      if (c === 10) {
        line++;
        inkSinceBreak = false;
      } else if (!isLineBlank(c)) inkSinceBreak = true;
    }
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
