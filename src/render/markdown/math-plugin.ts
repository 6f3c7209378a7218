import type { MarkdownIt, StateBlock, StateInline, Token } from "markdown-it";
import type { FormulaRenderer } from "./formula-renderer.js";
import { escapeHtml } from "./html-escape.js";
import { type RenderEnv, report } from "./render-env.js";
import { inlineLineAt } from "./source-lines.js";
import { trustedFragment } from "./trusted-fragments.js";

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

interface MathMeta {
  display: boolean;
  /** 1-based note line of the opening delimiter. */
  line: number;
}

/**
 * `$…$` inline and `$$…$$` display math, rendered by KaTeX at build time.
 *
 * Inline math follows Pandoc's `tex_math_dollars` rule so that prices stay text: the opening `$`
 * is not followed by whitespace, the closing `$` is not preceded by whitespace nor followed by a
 * digit (`$5 and $6` is text). Display math is a block (`$$` lines, or `$$ … $$` on one line) that
 * may interrupt a paragraph, or `$$…$$` inside a line.
 */
export function mathPlugin(md: MarkdownIt, formulas: FormulaRenderer): void {
  md.inline.ruler.after("escape", "math_inline", parseInlineMath);
  md.block.ruler.before("fence", "math_block", parseBlockMath, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.renderer.rules.math_inline = (tokens, idx, _options, env: RenderEnv) =>
    renderFormula(tokens[idx], env, formulas);
  md.renderer.rules.math_block = (tokens, idx, _options, env: RenderEnv) =>
    `<div class="math-display">${renderFormula(tokens[idx], env, formulas)}</div>\n`;
}

function renderFormula(
  token: Token | undefined,
  env: RenderEnv,
  formulas: FormulaRenderer,
): string {
  if (!token) return "";
  const meta = token.meta as MathMeta;
  env.hasMath = true;
  const result = formulas.render(token.content, meta.display);
  if (result.ok) return trustedFragment(env, result.html);
  const reason = result.message
    .replace(/^KaTeX parse error: /, "")
    .replace(/ at (?:position \d+|end of input):[\s\S]*$/, "");
  const before = token.content.slice(0, result.position ?? 0);
  report(
    env,
    {
      level: "error",
      rule: "math-invalid",
      message: `formula does not render: ${reason}`,
      hint: "Check the TeX; KaTeX supports most of LaTeX math but not every package.",
    },
    meta.line + countNewlines(before),
  );
  const source = `${token.markup}${token.content}${token.markup}`;
  return trustedFragment(
    env,
    `<span class="math-error" title="${escapeHtml(reason)}">${escapeHtml(source)}</span>`,
  );
}

function parseInlineMath(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  const max = state.posMax;
  if (src.charCodeAt(start) !== DOLLAR) return false;

  let contentStart: number;
  let contentEnd: number;
  let display: boolean;
  if (src.charCodeAt(start + 1) === DOLLAR) {
    contentStart = start + 2;
    contentEnd = src.indexOf("$$", contentStart);
    if (contentEnd === -1 || contentEnd + 2 > max) return false;
    if (src.slice(contentStart, contentEnd).trim() === "") return false;
    display = true;
  } else {
    contentStart = start + 1;
    if (contentStart >= max || isSpace(src.charCodeAt(contentStart))) return false;
    contentEnd = findInlineClose(src, contentStart, max);
    if (contentEnd === -1) return false;
    display = false;
  }

  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.content = src.slice(contentStart, contentEnd);
    token.markup = display ? "$$" : "$";
    token.meta = { display, line: inlineLineAt(state, start) } satisfies MathMeta;
  }
  state.pos = contentEnd + (display ? 2 : 1);
  return true;
}

/** Position of the `$` closing inline math opened just before `from`, or -1. */
function findInlineClose(src: string, from: number, max: number): number {
  for (let pos = src.indexOf("$", from); pos !== -1 && pos < max; pos = src.indexOf("$", pos + 1)) {
    if (isEscaped(src, pos, from)) continue;
    // A `$` after a space opens rather than closes (`$5 and $x$`): the first `$` was not math.
    if (isSpace(src.charCodeAt(pos - 1))) return -1;
    if (isDigit(src.charCodeAt(pos + 1))) continue;
    return pos;
  }
  return -1;
}

function parseBlockMath(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const src = state.src;
  const indent = state.sCount[startLine] ?? 0;
  if (indent - state.blkIndent >= 4) return false;
  const pos = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const max = state.eMarks[startLine] ?? 0;
  if (src.charCodeAt(pos) !== DOLLAR || src.charCodeAt(pos + 1) !== DOLLAR) return false;

  const firstLine = src.slice(pos + 2, max).trimEnd();
  let content: string;
  let lastLine = startLine;
  const closeOnFirst = firstLine.indexOf("$$");
  if (closeOnFirst !== -1) {
    // `$$ … $$` on one line; anything after the closing `$$` makes it inline math in a paragraph.
    if (closeOnFirst !== firstLine.length - 2) return false;
    content = firstLine.slice(0, closeOnFirst);
    if (content.trim() === "") return false;
  } else {
    const lines = [firstLine];
    let closed = false;
    for (let line = startLine + 1; line < endLine; line++) {
      const lineStart = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
      const lineEnd = state.eMarks[line] ?? 0;
      // A non-blank line indented less than the container ends it (as in fenced code).
      if (lineStart < lineEnd && (state.sCount[line] ?? 0) < state.blkIndent) break;
      const text = state.getLines(line, line + 1, indent, false).trimEnd();
      if (text.endsWith("$$")) {
        lines.push(text.slice(0, -2));
        lastLine = line;
        closed = true;
        break;
      }
      if (text.includes("$$")) return false;
      lines.push(text);
    }
    if (!closed) return false;
    content = lines.join("\n");
  }
  if (silent) return true;

  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content;
  token.markup = "$$";
  token.map = [startLine, lastLine + 1];
  token.meta = { display: true, line: startLine + 1 } satisfies MathMeta;
  state.line = lastLine + 1;
  return true;
}

function isEscaped(src: string, pos: number, floor: number): boolean {
  let backslashes = 0;
  for (let i = pos - 1; i >= floor && src.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
