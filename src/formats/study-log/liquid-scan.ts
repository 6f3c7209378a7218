/**
 * Finds Liquid tags (`{% … %}`), Liquid output (`{{ … }}`) and `<script>` elements in linear
 * time. Why not regexes: `/\{%[\s\S]*?%\}/g` scans to the end of the text from every `{%` that has
 * no closing `%}` after it, so 100,000 of them took minutes (issue 14, item 7). Here each kind
 * of closing delimiter is searched for with a cursor that only moves forward.
 */

/** One element found: where it starts, where it ends, and what is between its delimiters. */
export interface LiquidMatch {
  index: number;
  end: number;
  /** The text between `{%`/`{{` (and an optional `-`) and the closing delimiter. */
  inner: string;
}

/**
 * The first match of `close` (a global regex) at or after a position, for positions asked in
 * increasing order: the last answer is remembered, so the whole scan reads the text once.
 */
function closeFinder(text: string, close: RegExp): (from: number) => RegExpExecArray | undefined {
  let found: RegExpExecArray | null | undefined;
  return (from) => {
    if (found === null) return undefined;
    if (found && found.index >= from) return found;
    close.lastIndex = from;
    found = close.exec(text);
    return found ?? undefined;
  };
}

const isBlank = (c: string | undefined) => c === " " || c === "\t";

/** The text without the spaces and tabs it ends with (`/[ \t]+$/` is quadratic on long runs). */
export function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Every `{% … %}` from its `{%` to the first `%}` after it, as `/\{%-?[\s\S]*?-?%\}/g` would
 * match them; `accept` may refuse one (its `{%` is then passed over, as a failed regex start is).
 * `leadingBlank` takes one space or tab before the tag along (`/[ \t]?\{%…/`).
 */
export function* liquidTags(
  text: string,
  options: { accept?: (inner: string) => boolean; leadingBlank?: boolean } = {},
): Generator<LiquidMatch> {
  const close = closeFinder(text, /-?%\}/g);
  let last = 0;
  for (let at = text.indexOf("{%"); at !== -1; at = text.indexOf("{%", at + 1)) {
    if (at < last) continue;
    const open = text[at + 2] === "-" ? 3 : 2;
    const end = close(at + open);
    if (!end) return;
    const inner = text.slice(at + open, end.index);
    if (options.accept && !options.accept(inner)) continue;
    const start = options.leadingBlank && at > last && isBlank(text[at - 1]) ? at - 1 : at;
    last = end.index + end[0].length;
    yield { index: start, end: last, inner };
    at = last - 1;
  }
}

/**
 * Every Liquid output as `/\{\{(?:-?\s[\s\S]*?\s-?|[A-Za-z_][\w-]*(?:\.[\w-]+)+|[^{}\n]*\|[^{}\n]*)\}\}/g`
 * matches them: `{{ x }}` with blanks inside, `{{site.url}}`, or `{{x|filter}}` on one line.
 * `leadingBlank` takes one space or tab before along.
 */
export function* liquidOutputs(
  text: string,
  options: { leadingBlank?: boolean; spacedOnly?: boolean } = {},
): Generator<LiquidMatch> {
  const spacedClose = closeFinder(text, /\s-?\}\}/g);
  const dotted = /[A-Za-z_][\w-]*(?:\.[\w-]+)+\}\}/y;
  let last = 0;
  for (let at = text.indexOf("{{"); at !== -1; at = text.indexOf("{{", at + 1)) {
    if (at < last) continue;
    const end = outputEnd(text, at, spacedClose, options.spacedOnly ? undefined : dotted);
    if (end === undefined) continue;
    const start = options.leadingBlank && at > last && isBlank(text[at - 1]) ? at - 1 : at;
    last = end;
    yield { index: start, end, inner: text.slice(at + 2, end - 2) };
    at = end - 1;
  }
}

/** Where the output starting at `at` ends (after `}}`), trying the three forms in regex order. */
function outputEnd(
  text: string,
  at: number,
  spacedClose: (from: number) => RegExpExecArray | undefined,
  dotted: RegExp | undefined,
): number | undefined {
  let p = at + 2;
  if (text[p] === "-") p++;
  if (/\s/.test(text[p] ?? "")) {
    const close = spacedClose(p + 1);
    if (close) return close.index + close[0].length;
  }
  if (!dotted) return undefined;
  dotted.lastIndex = at + 2;
  if (dotted.test(text)) return dotted.lastIndex;
  // `{{ … | … }}` within one line and without braces: the run of such characters must end at
  // `}}` and hold a `|`.
  let q = at + 2;
  let pipe = false;
  for (; q < text.length; q++) {
    const c = text[q];
    if (c === "{" || c === "}" || c === "\n") break;
    if (c === "|") pipe = true;
  }
  return pipe && text.startsWith("}}", q) ? q + 2 : undefined;
}

/**
 * Every `<script …>` element to its `</script>` (or to the end of the text when unclosed), as
 * `/<script\b[^>]*>[\s\S]*?(?:<\/script\s*>|$)/gi` matches them.
 */
export function* scriptElements(text: string): Generator<LiquidMatch> {
  const tagEnd = closeFinder(text, />/g);
  const closing = closeFinder(text, /<\/script\s*>/gi);
  const open = /<script\b/gi;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const gt = tagEnd(m.index + m[0].length);
    if (!gt) return;
    const close = closing(gt.index + 1);
    const end = close ? close.index + close[0].length : text.length;
    yield { index: m.index, end, inner: text.slice(gt.index + 1, close ? close.index : end) };
    open.lastIndex = end;
  }
}

/**
 * Removes every Liquid tag (with the blanks before it) and every `{{ x }}` output: what table
 * cells and headings keep of their text.
 */
export function removeLiquid(text: string): string {
  let out = "";
  let last = 0;
  for (const m of liquidTags(text)) {
    out += trimBlanksEnd(text.slice(last, m.index));
    last = m.end;
  }
  const noTags = out + text.slice(last);
  out = "";
  last = 0;
  for (const m of liquidOutputs(noTags, { spacedOnly: true })) {
    out += noTags.slice(last, m.index);
    last = m.end;
  }
  return out + noTags.slice(last);
}
